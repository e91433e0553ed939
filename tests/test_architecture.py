"""The import rules of docs/architecture.md, read from the source with `ast`."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from conftest import parsed

PACKAGE = Path(__file__).resolve().parent.parent / "kexie_plan"

# module -> the modules of ours it may import (docs/architecture.md draws the same map).
# The core (from errors to yearly) computes; planfile, ledger, cache and loader read and
# write files; render formats; cli alone prints, reads the clock and exits.
ALLOWED: dict[str, set[str]] = {
    "errors": set(),
    "i18n": set(),
    "states": set(),
    "plan": set(),
    "record": set(),
    "model": {"plan"},
    "refs": {"errors", "plan"},
    "totals": {"plan", "record"},
    "checks": {"errors", "plan", "record", "totals"},
    "progress": {"plan", "record", "states", "totals"},
    "report": {"plan", "record", "progress", "totals"},
    "units": {"plan", "progress", "states", "totals"},
    "plandiff": {"errors", "plan"},
    "yearly": {"plan"},
    "cache": set(),
    "decoding": set(),
    "platform_lock": set(),
    "ledger": {"errors", "plan", "record", "decoding", "platform_lock"},
    "planfile": {"errors", "plan", "model", "checks", "cache", "decoding"},
    "loader": {"errors", "plan", "record", "totals", "checks", "cache", "ledger", "planfile"},
    "gitrev": {"errors", "plan", "planfile", "plandiff", "render"},
    "forms": {"errors", "plan", "record", "refs", "checks", "progress"},
    "sheetfile": {"errors", "decoding", "forms"},
    # kexie draft: reading a document (I/O, bounded) and drafting a plan from its lines
    # (pure, with the plan's own rules) stay apart
    "documents": {"errors"},
    "draft": {"plan", "checks"},
    "render": {
        "errors", "plan", "record", "states", "totals", "i18n", "progress", "report", "units",
        "plandiff", "draft", "forms",
    },
}  # fmt: skip


# Everything but cli may be imported by cli; nothing may import cli.
def our_imports(path: Path) -> set[str]:
    """Return the first component below kexie_plan of every import in the file."""
    tree = parsed(path)
    found = set()
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
            if node.module == "kexie_plan":
                names = [f"kexie_plan.{alias.name}" for alias in node.names]
        for name in names:
            parts = name.split(".")
            if parts[0] == "kexie_plan" and len(parts) > 1 and not parts[1].startswith("__"):
                found.add(parts[1])
    return found


def module_files(name: str) -> list[Path]:
    single = PACKAGE / f"{name}.py"
    if single.exists():
        return [single]
    return sorted((PACKAGE / name).rglob("*.py"))


@pytest.mark.parametrize("module", sorted(ALLOWED))
def test_module_imports_only_what_it_may(module: str) -> None:
    files = module_files(module)
    assert files, f"{module} is in ALLOWED but does not exist"
    for path in files:
        extra = our_imports(path) - ALLOWED[module] - {module}
        assert not extra, f"{path.relative_to(PACKAGE)} imports {sorted(extra)}"


def test_nothing_imports_the_command_line() -> None:
    for path in sorted(PACKAGE.rglob("*.py")):
        inside = path.relative_to(PACKAGE)
        if "cli" not in inside.parts and inside.name != "__main__.py":  # `python -m kexie_plan`
            assert "cli" not in our_imports(path), path.relative_to(PACKAGE)


def test_no_command_imports_another() -> None:
    shared = {
        "__init__", "app", "env", "helptext", "options", "output", "parse", "recording",
        "userconfig",
    }  # fmt: skip
    commands = {p.stem for p in (PACKAGE / "cli").glob("*.py")} - shared
    for name in commands:
        tree = parsed(PACKAGE / "cli" / f"{name}.py")
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module:
                parts = node.module.split(".")
                names = [parts[2]] if len(parts) > 2 else [a.name for a in node.names]
                if parts[:2] == ["kexie_plan", "cli"]:
                    assert not set(names) & commands, f"cli/{name}.py imports {names}"


def test_the_rule_catches_a_crossing(tmp_path: Path) -> None:
    sample = tmp_path / "x.py"
    sample.write_text("from kexie_plan.cli import main\nimport kexie_plan.render\n")
    assert our_imports(sample) == {"cli", "render"}


def test_every_module_opens_with_a_docstring() -> None:
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = parsed(path)
        assert ast.get_docstring(tree), f"{path.relative_to(PACKAGE)} has no module docstring"


def test_every_module_has_its_import_rule() -> None:
    modules = {p.stem for p in PACKAGE.glob("*.py")} | {
        p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists()
    }
    unruled = modules - set(ALLOWED) - {"__init__", "__main__", "cli"}
    assert not unruled, f"add these to ALLOWED: {sorted(unruled)}"
