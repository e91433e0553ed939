"""Merges that heal (docs/format.md): two clones say the same thing, git's union merge keeps both.

Two clones of one repository each revert the same record, hold the same activity and
complete the same milestone; after the merge `validate` passes with three warnings (exit
1 only under --strict), and every view counts each thing once.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kexie_plan.cli import app

ROOT = Path(__file__).resolve().parent.parent

PLAN = """\
schema: 1
year: 2021
org: 某市科协
title: 测试计划
targets:
  - {id: salons, name: 海智沙龙, unit: 场, goal: 3+}
  - {id: forum-done, name: 论坛举办, kind: milestone}
  - {id: scheme, name: 实施方案, kind: milestone}
activities:
  - {id: salon-day, name: 沙龙日, month: 6, target: salons}
  - {id: forum, name: 论坛, month: 10, target: forum-done}
"""
LEDGER = "- {id: 01F0000000AAAAAA, date: 2021-03-12, target: salons, amount: 2}\n"

pytestmark = [pytest.mark.slow, pytest.mark.skipif(shutil.which("git") is None, reason="needs git")]


def git(folder: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        cwd=folder,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def kexie(folder: Path, monkeypatch: pytest.MonkeyPatch, *args: str):
    monkeypatch.chdir(folder)
    return CliRunner().invoke(app, list(args), env={"KEXIE_LANG": "en", "KEXIE_PLAN": None})


def both_clones_say(folder: Path, monkeypatch: pytest.MonkeyPatch, day: str) -> None:
    for args in (
        ("revert", "01F0000000AAAAAA", "--date", f"2021-04-{day}", "--note", "录入错误"),
        ("record", "salon-day", "--date", f"2021-06-{day}"),
        ("record", "forum", "--date", f"2021-10-{day}"),
        ("record", "scheme", "--done", "--date", f"2021-07-{day}"),
    ):
        result = kexie(folder, monkeypatch, *args, "--yes")
        assert result.exit_code == 0, result.output


@pytest.fixture
def merged(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    main = tmp_path / "main"
    (main / "plans").mkdir(parents=True)
    (main / "plans" / "2021.yaml").write_text(PLAN, encoding="utf-8")
    (main / "plans" / "2021.progress.yaml").write_text(LEDGER, encoding="utf-8")
    shutil.copy(ROOT / ".gitattributes", main / ".gitattributes")
    git(main, "init", "-q", "-b", "main")
    git(main, "add", ".")
    git(main, "commit", "-q", "-m", "plan")
    other = tmp_path / "other"
    git(tmp_path, "clone", "-q", str(main), str(other))
    both_clones_say(other, monkeypatch, "05")
    git(other, "commit", "-q", "-am", "the office's records")
    both_clones_say(main, monkeypatch, "02")
    git(main, "commit", "-q", "-am", "the society's records")
    git(main, "pull", "-q", "--no-rebase", "--no-edit", str(other), "main")
    return main


def test_the_union_merge_keeps_both_clones_lines(merged: Path) -> None:
    lines = (merged / "plans" / "2021.progress.yaml").read_text("utf-8").splitlines()
    assert len([line for line in lines if line.startswith("- {")]) == 9
    assert "<<<<<<<" not in "".join(lines)


def test_validate_passes_with_three_warnings(merged: Path, monkeypatch) -> None:
    result = kexie(merged, monkeypatch, "validate")
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if ": warning: " in line]
    # the main clone's lines (2-5) come first, the merged clone's (6-9) after: each of
    # the later, second sayings is the one warned about, and it names the one that counts
    assert warnings == [
        "plans/2021.progress.yaml:6: warning: record '01F0000000AAAAAA' is reverted twice "
        "(first on line 2); it is cancelled once",
        "plans/2021.progress.yaml:7: warning: activity 'salon-day' is recorded as held twice; "
        "the earlier record (line 3) counts; revert this one to silence this warning",
        "plans/2021.progress.yaml:8: warning: activity 'forum' is recorded as held twice; "
        "the earlier record (line 4) counts; revert this one to silence this warning",
        "plans/2021.progress.yaml:9: warning: milestone 'scheme' is recorded as done twice; "
        "the earlier record (line 5) counts; revert this one to silence this warning",
    ]
    assert len(warnings) == 4
    assert "plans/2021.progress.yaml: ok (9 records, 4 warnings)" in result.stdout
    strict = kexie(merged, monkeypatch, "validate", "--strict")
    assert strict.exit_code == 1
    assert strict.stderr.endswith("4 warnings, and --strict fails on warnings\n")
    github = kexie(merged, monkeypatch, "validate", "--format", "github")
    assert github.exit_code == 0
    assert sum(line.startswith("::warning file=plans/2021.progress.yaml,line=") for line in
               github.stdout.splitlines()) == 4  # fmt: skip


def test_every_view_counts_each_once(merged: Path, monkeypatch) -> None:
    result = kexie(merged, monkeypatch, "status", "--as-of", "2021-12-31", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    targets = {t["id"]: (t["actual"], t["done"]) for t in data["targets"]}
    # the reverted 2 is gone once; the salon day counts 1, once; the earlier completions count
    assert targets == {
        "salons": (1, None),
        "forum-done": (1, "2021-10-02"),
        "scheme": (1, "2021-07-02"),
    }
    held = {a["id"]: a["held"] for a in data["activities"]}
    assert held == {"salon-day": "2021-06-02", "forum": "2021-10-02"}
    # each warning is printed once per run
    lines = result.stderr.splitlines()
    assert len(lines) == 4 and len(set(lines)) == 4
    assert all(": warning: " in line for line in lines)
