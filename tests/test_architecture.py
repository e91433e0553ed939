"""The import directions of STYLE.md, read from the source with `ast`."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "kexie_plan"

# module -> modules of ours it must never import
FORBIDDEN = {
    "errors": {"model", "planfile", "ledger", "progress", "checks", "render", "i18n", "cli"},
    "i18n": {"errors", "model", "planfile", "ledger", "progress", "checks", "render", "cli"},
    "model": {"planfile", "ledger", "progress", "checks", "render", "cli"},
    "progress": {"planfile", "ledger", "render", "cli"},
    "checks": {"planfile", "ledger", "render", "cli", "progress"},
    "report": {"planfile", "ledger", "render", "cli", "checks"},
    "plandiff": {"planfile", "ledger", "render", "cli", "checks", "progress"},
    "yearly": {"planfile", "ledger", "render", "cli", "checks", "progress"},
    "planfile": {"ledger", "render", "cli", "progress"},
    "ledger": {"planfile", "render", "cli", "progress"},
    "units": {"planfile", "ledger", "render", "cli", "checks"},
    "render": {"planfile", "ledger", "cli", "checks"},
    "stream_checks": {"planfile", "ledger", "render", "cli", "progress"},
    "totals": {"planfile", "ledger", "render", "cli", "progress", "checks"},
    "totals_cache": {"planfile", "render", "cli", "progress", "checks"},
    # kexie draft: reading a document (I/O) and parsing its lines (pure) stay apart
    "documents": {"model", "planfile", "ledger", "render", "cli", "checks", "progress", "draft"},
    "draft": {"planfile", "ledger", "render", "cli", "checks", "progress", "documents", "i18n"},
}


def our_imports(path: Path) -> set[str]:
    """Return the first component below kexie_plan of every import in the file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
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
            if parts[0] == "kexie_plan" and len(parts) > 1:
                found.add(parts[1])
    return found


def module_files(name: str) -> list[Path]:
    single = PACKAGE / f"{name}.py"
    if single.exists():
        return [single]
    return sorted((PACKAGE / name).rglob("*.py"))


@pytest.mark.parametrize("module", sorted(FORBIDDEN))
def test_module_keeps_its_import_direction(module: str) -> None:
    files = module_files(module)
    if not files:
        pytest.skip(f"{module} does not exist yet")
    for path in files:
        crossed = our_imports(path) & FORBIDDEN[module]
        assert not crossed, f"{path.relative_to(PACKAGE)} imports {sorted(crossed)}"


def test_the_rule_catches_a_crossing(tmp_path: Path) -> None:
    sample = tmp_path / "x.py"
    sample.write_text("from kexie_plan.cli import main\nimport kexie_plan.render\n")
    assert our_imports(sample) == {"cli", "render"}


def test_every_module_opens_with_a_docstring() -> None:
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        assert ast.get_docstring(tree), f"{path.relative_to(PACKAGE)} has no module docstring"


def test_every_module_has_its_import_rule() -> None:
    modules = {p.stem for p in PACKAGE.glob("*.py")} | {
        p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists()
    }
    unruled = modules - set(FORBIDDEN) - {"__init__", "__main__", "cli"}
    assert not unruled, f"add these to FORBIDDEN: {sorted(unruled)}"
