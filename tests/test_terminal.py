"""The terminal: what every command prints fits 80 and 100 columns in both languages, no
line ends in spaces, nothing essential is drawn in "bright black" (which Solarized Dark
and similar palettes draw in the background's own colour), Chinese lines never start
with closing punctuation (避头尾), and a run outside any repository says it shows the
bundled example plan.

Golden outputs of each view live beside their own tests (tests/golden/); this file holds
the rules every command keeps, checked on the shipped 2021 plan and ledger.
"""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pytest
from rich.cells import cell_len
from rich.table import Table

from kexie_plan.render.words import NO_LINE_START, console

ROOT = Path(__file__).resolve().parent.parent
AS_OF = ("--as-of", "2021-06-30")
COMMANDS = [
    ("status", *AS_OF),
    ("status", "--group", "owner", *AS_OF),
    ("show", "haizhi-salons", *AS_OF),
    ("show", "mashan-forum", *AS_OF),
    ("activities", *AS_OF),
    ("measures", *AS_OF),
    ("log",),
    ("remind", *AS_OF),
    ("validate",),
    ("report", "--period", "Q2", *AS_OF),
]
ANSI = re.compile(r"\x1b\[[0-9;]*m")
# SGR codes of bright black: foreground 90, background 100, and 256-colour index 8.
BRIGHT_BLACK = re.compile(r"\x1b\[(?:[0-9;]*;)?(?:90|100|38;5;8|48;5;8)(?:;[0-9;]*)?m")


@pytest.fixture
def shipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the repository's 2021 plan and illustrative ledger, as the clerk has it."""
    (tmp_path / "plans").mkdir()
    for name in ("2021.yaml", "2021.progress.yaml"):
        shutil.copy(ROOT / "plans" / name, tmp_path / "plans" / name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("width", [80, 100])
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a[:3]))
def test_every_view_fits_and_ends_no_line_in_a_space(shipped, kexie, args, lang, width) -> None:
    done = kexie(*args, lang=lang, COLUMNS=str(width), KEXIE_TODAY="2021-06-30")
    assert done.code == 0, done.err
    for line in done.out.splitlines():
        assert not line.endswith(" "), repr(line)
        if args[0] not in ("log", "report"):  # a log in a pipe and Markdown are not folded
            assert cell_len(line) <= width, line


@pytest.mark.parametrize("args", COMMANDS[:6], ids=lambda a: " ".join(a[:3]))
def test_colours_never_use_bright_black(shipped, kexie, args) -> None:
    done = kexie(*args, lang="zh", COLUMNS="100", FORCE_COLOR="1", TERM="xterm-256color")
    assert done.code == 0, done.err
    assert ANSI.search(done.out), "expected colour codes"
    assert BRIGHT_BLACK.search(done.out) is None
    for line in done.out.splitlines():
        assert not ANSI.sub("", line).endswith(" "), repr(line)


def test_chinese_lines_never_start_with_closing_punctuation() -> None:
    out = io.StringIO()
    grid = Table()
    grid.add_column("说明", width=9, overflow="fold")
    text = "推进科技工作者之家建设，提升服务水平。加强组织建设（基层），扩大覆盖面。"
    grid.add_row(text)
    console(file=out, width=40, color_system=None).print(grid)
    cells = [line.strip("│┃ ") for line in out.getvalue().splitlines()[3:-1]]
    assert "".join(cells) == text  # nothing lost or repeated
    assert all(cell and cell[0] not in NO_LINE_START for cell in cells), cells
    assert not any(cell.endswith("（") for cell in cells)


def test_outside_a_repository_the_bundled_plan_is_named(tmp_path, kexie, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    done = kexie("status", lang="en", KEXIE_TODAY="2021-06-30")
    assert done.code == 0
    assert done.err == (
        "note: no plan here (no kexie.toml, no plans/*.yaml): showing the example that "
        "comes with kexie, 无锡市科协's 2021 plan; kexie init starts your own\n"
    )
    assert done.out.startswith("无锡市科协2021年工作意见\n")


def test_in_a_repository_no_note(shipped, kexie) -> None:
    assert kexie("status", lang="en", KEXIE_TODAY="2021-06-30").err == ""
