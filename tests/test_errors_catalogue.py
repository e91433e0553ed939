"""The error catalogue: every message the plan loader gives, as a case and its output.

`tests/errors/<code>.yaml` is a small broken plan named after the message code it
shows (`<code>-<variant>.yaml` for a second look at the same code); beside it,
`<code>.expected` is exactly what `KEXIE_LANG=en kexie validate tests/errors/<case>.yaml`
writes to stderr, run from the repository root. Reviewing a message change is then
reviewing a diff (hledger's `test/errors/`).

To regenerate the goldens after a deliberate change, run

    KEXIE_UPDATE_GOLDEN=1 python -m pytest tests/test_errors_catalogue.py

and read `git diff tests/errors/` line by line before committing it: each line:col must
point at the offending token.
"""

from __future__ import annotations

import ast
import inspect
import os
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kexie_plan import checks, model, planfile
from kexie_plan.cli import app
from kexie_plan.errors import PlanErrors
from kexie_plan.i18n import MESSAGES
from kexie_plan.planfile import load_plan

ROOT = Path(__file__).resolve().parent.parent
CASES_DIR = ROOT / "tests" / "errors"
CASES = sorted(CASES_DIR.glob("*.yaml"))
UPDATE = os.environ.get("KEXIE_UPDATE_GOLDEN") == "1"

# The codes the plan loader can emit are the message codes spelled in its sources:
# planfile.py, model.py (PydanticCustomError("kexie_goal_zero", …)) and the plan checks
# in checks.CHECKS (checks.py also holds the ledger's record checks, which are not the
# plan loader's). Some of those strings are not loader errors, or cannot be a case:
NOT_LOADER_CODES: set[str] = set()  # none since the hint's words are `did_you_mean`, not `hint`
# Loader codes whose case cannot be a small committed file; test_planfile.py covers them.
COVERED_ELSEWHERE = {
    "file_missing",
    "not_regular_file",
    "file_unreadable",
    "file_too_large",
    "plan_symlink",  # a symbolic link cannot be a portable committed case
}
# The fallback for a pydantic error that planfile does not translate; no known input
# reaches it. When one does, give it a proper code and a case.
UNREACHABLE = {"invalid"}


def code_of(case: Path) -> str:
    """Return the message code a case is named after."""
    return case.stem.split("-")[0]


@pytest.mark.parametrize("case", CASES, ids=[case.stem for case in CASES])
def test_case_prints_its_golden_errors(case: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("KEXIE_PLAN", raising=False)
    result = CliRunner().invoke(
        app, ["validate", f"tests/errors/{case.name}"], env={"KEXIE_LANG": "en"}
    )
    golden = case.with_suffix(".expected")
    if UPDATE:
        golden.write_text(result.stderr, encoding="utf-8", newline="\n")
    assert isinstance(result.exception, SystemExit), result.exception  # not a crash
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("case", CASES, ids=[case.stem for case in CASES])
def test_case_shows_the_code_it_is_named_after(case: Path) -> None:
    with pytest.raises(PlanErrors) as raised:
        load_plan(case)
    assert code_of(case) in {error.code for error in raised.value.errors}


def test_every_case_has_a_golden_and_every_golden_a_case() -> None:
    assert {p.stem for p in CASES_DIR.glob("*.expected")} == {p.stem for p in CASES}


def _codes_in(source: str) -> set[str]:
    """Return every message code that a string constant in `source` spells."""
    found = set()
    for node in ast.walk(ast.parse(textwrap.dedent(source))):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            code = node.value.removeprefix("kexie_")
            if code in MESSAGES:
                found.add(code)
    return found


def codes_the_loader_can_emit() -> set[str]:
    """Return the codes named in planfile, model and the plan checks, less NOT_LOADER_CODES."""
    sources = [inspect.getsource(planfile), inspect.getsource(model)]
    sources += [inspect.getsource(check) for check in checks.CHECKS]
    return set().union(*map(_codes_in, sources)) - NOT_LOADER_CODES


def test_every_code_the_loader_can_emit_has_a_case() -> None:
    missing = (
        codes_the_loader_can_emit() - COVERED_ELSEWHERE - UNREACHABLE - set(map(code_of, CASES))
    )
    assert not missing, f"no tests/errors/<code>.yaml for {sorted(missing)}: add one"


def test_the_exclusions_are_still_loader_codes() -> None:
    # A code dropped from the loader should leave these lists too.
    assert codes_the_loader_can_emit() >= COVERED_ELSEWHERE | UNREACHABLE


def test_every_case_is_named_after_a_loader_code() -> None:
    assert set(map(code_of, CASES)) <= codes_the_loader_can_emit()
