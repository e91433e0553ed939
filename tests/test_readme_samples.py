"""README's samples of `kexie activities`, `measures` and `remind` are what they print.

Each sample follows a marker `<!-- NAME-sample: [COLUMNS=N] kexie ARGS -->` and is run on
the shipped plan and ledger; lines are compared without trailing spaces.
"""

from __future__ import annotations

import re
import shlex
import sys
from pathlib import Path

import pytest

from kexie_plan import cli

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
MARKER = re.compile(
    r"<!-- (activities|measures|remind)-sample: (.*?) -->\n```text\n(.*?)\n```", re.S
)
SAMPLES = MARKER.findall(README)


def test_the_three_samples_are_there() -> None:
    assert sorted(name for name, _, _ in SAMPLES) == ["activities", "measures", "remind"]


@pytest.mark.parametrize(("name", "command", "sample"), SAMPLES, ids=[s[0] for s in SAMPLES])
def test_sample_is_the_real_output(name, command, sample, monkeypatch, capsys) -> None:
    words = shlex.split(command)
    columns = "100"
    if words[0].startswith("COLUMNS="):
        columns = words.pop(0).split("=", 1)[1]
    assert words[:2] == ["kexie", name]
    monkeypatch.chdir(ROOT)
    for variable in ("KEXIE_PLAN", "FORCE_COLOR", "KEXIE_LANG"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("COLUMNS", columns)
    monkeypatch.setattr(sys, "argv", [*words, "--plan", "plans/2021.yaml"])
    with pytest.raises(SystemExit) as exit_info:
        cli.main()
    out, err = capsys.readouterr()
    assert (exit_info.value.code in (0, None), err) == (True, "")
    assert [line.rstrip() for line in out.rstrip("\n").splitlines()] == sample.splitlines()
