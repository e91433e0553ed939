"""What every test shares: an isolated environment, one small plan, and one way to run kexie.

- Every test gets its own cache folder, and none of the user's settings (KEXIE_PLAN,
  KEXIE_LANG, KEXIE_TODAY, colours, CI markers) leak in.
- `SMALL_PLAN` is the plan most tests need: two units, one measure, a counted target
  with an open goal, one with a range, a milestone, and two activities (one counting
  toward a target). `plan_dir` writes it (or another text) with a ledger into a fresh
  folder and makes that the working folder.
- `kexie` runs the command line in this process, through the same error boundary as the
  installed script (`cli.main`), and returns exit code, stdout and stderr; `today=` sets
  the date kexie takes for today ($KEXIE_TODAY). `run` gives the same as a tuple, and
  `invoke` is the function behind both, for helpers outside a fixture.
- `CHECKS_PLAN` is the smaller plan of the record-check tests.

Process-level suites (real subprocesses, crashes, locks), hostile documents and property
suites of many examples are marked `slow`; the fast loop is `pytest -m "not slow" -n auto`.
"""

from __future__ import annotations

import ast
import functools
import itertools
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from kexie_plan import cli

SMALL_PLAN = """\
schema: 1
year: 2021
org: 某市科协
title: 测试计划
units:
  - {id: haizhi-office, name: 海智办}
  - {id: pop-dept, name: 科普部}
sections:
  - id: s
    title: 部分
    measures:
      - {id: party-building, title: "强化政治引领,实施党建强会"}
targets:
  - {id: haizhi-salons, name: 海智沙龙, unit: 场, goal: 3+}
  - {id: intl-forums, name: 国际学术交流论坛, unit: 场, goal: 3-5}
  - {id: museum-prep, name: 市科技馆新馆筹备, kind: milestone}
activities:
  - {id: salon-spring, name: 春季海智沙龙, month: 3, target: haizhi-salons}
  - {id: sci-day, name: 科技工作者日, month: 5}
"""

# The record checks' plan (tests/test_ledger_checks.py, tests/test_record_checks.py):
# one unit, a counted target with one activity toward it, a milestone, one measure.
CHECKS_PLAN = """\
schema: 1
year: 2021
org: 某市科协
title: 测试计划
units:
  - {id: haizhi-office, name: 海智办}
sections:
  - id: s
    title: 部分
    measures:
      - {id: party-building, title: 党建强会}
targets:
  - {id: haizhi-salons, name: 海智沙龙, unit: 场, goal: 3+}
  - {id: museum-prep, name: 科技馆筹备, kind: milestone}
activities:
  - {id: salon, name: 海智沙龙活动, month: 3, target: haizhi-salons}
  - {id: sci-day, name: 科技工作者日, month: 5}
"""

_SETTINGS = (
    "KEXIE_PLAN",
    "KEXIE_LANG",
    "KEXIE_TODAY",
    "KEXIE_BY",
    "KEXIE_DEBUG",
    "FORCE_COLOR",
    "NO_COLOR",
    "GITHUB_ACTIONS",
    "COLUMNS",
)


_FOLDERS = itertools.count()


@pytest.fixture(autouse=True)
def _isolated(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Give each test its own cache and config folders, and none of the user's settings.
    The folders are only named here: kexie makes them when it first writes there."""
    n = next(_FOLDERS)
    base = tmp_path_factory.getbasetemp()
    monkeypatch.setenv("XDG_CACHE_HOME", str(base / f"cache-{n}"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(base / f"config-{n}"))
    for name in _SETTINGS:
        monkeypatch.delenv(name, raising=False)


@functools.cache
def parsed(path: Path) -> ast.Module:
    """Return a source file's syntax tree, parsed once for every test that reads it."""
    return ast.parse(path.read_text(encoding="utf-8"))


def write_plan(folder: Path, text: str = SMALL_PLAN, ledger: str | None = None) -> Path:
    """Write plans/2021.yaml (or the year the text names) and its ledger; return the plan."""
    year = next(
        line.split(":")[1].strip() for line in text.splitlines() if line.startswith("year:")
    )
    plans = folder / "plans"
    plans.mkdir(parents=True, exist_ok=True)
    plan = plans / f"{year}.yaml"
    plan.write_text(text, encoding="utf-8")
    if ledger is not None:
        plan.with_name(f"{year}.progress.yaml").write_text(ledger, encoding="utf-8")
    return plan


@pytest.fixture
def plan_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh working folder holding SMALL_PLAN as plans/2021.yaml (no ledger yet)."""
    monkeypatch.chdir(tmp_path)
    write_plan(tmp_path)
    return tmp_path


@dataclass
class Run:
    """What one run of kexie did."""

    code: int
    out: str
    err: str
    out_bytes: bytes


def invoke(
    monkeypatch: pytest.MonkeyPatch,
    capture: pytest.CaptureFixture,
    *args: str,
    today: str | None = None,
    lang: str | None = None,
    **env: str,
) -> Run:
    """Run `kexie ARGS…` in this process, through the same error boundary as the installed
    script (`cli.main`), with $KEXIE_TODAY, $KEXIE_LANG and any other variables set for
    the run only; return its Run. `capture` is pytest's capsysbinary (or capsys)."""
    with monkeypatch.context() as patch:
        patch.setattr(sys, "argv", ["kexie", *args])
        if today is not None:
            patch.setenv("KEXIE_TODAY", today)
        if lang is not None:
            patch.setenv("KEXIE_LANG", lang)
        for name, value in env.items():
            patch.setenv(name, value)
        with pytest.raises(SystemExit) as exit_info:
            cli.main()
    out, err = capture.readouterr()
    raw = out if isinstance(out, bytes) else out.encode("utf-8")
    said = err.decode("utf-8") if isinstance(err, bytes) else err
    code = exit_info.value.code
    return Run(0 if code is None else int(code), raw.decode("utf-8"), said, raw)


@pytest.fixture
def kexie(monkeypatch: pytest.MonkeyPatch, capsysbinary: pytest.CaptureFixture):
    """Return a function that runs `kexie ARGS…` here and returns its Run (see `invoke`)."""
    return functools.partial(invoke, monkeypatch, capsysbinary)


@pytest.fixture
def run(kexie):
    """Return a function that runs `kexie ARGS…` here and returns (exit code, stdout,
    stderr)."""

    def run(*args: str, **env: str) -> tuple[int, str, str]:
        done = kexie(*args, **env)
        return done.code, done.out, done.err

    return run
