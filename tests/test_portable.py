"""Portable by construction: no POSIX-only module outside `platform_lock`, recording with
the POSIX lock unavailable (as on Windows), and output a legacy console cannot encode.

The Windows lock itself (`msvcrt.locking` on one far byte) runs for real on the CI's
Windows runner; here a stand-in `msvcrt`, built on POSIX byte-range locks, drives the
same code so that its seeking and unlocking are checked on every run.
"""

from __future__ import annotations

import ast
import io
import os
import sys
import types
from pathlib import Path

import pytest
from conftest import parsed

from kexie_plan import platform_lock
from kexie_plan.ledger import HEADER, read_ledger

PACKAGE = Path(__file__).resolve().parent.parent / "kexie_plan"
# Modules that exist on one family of platforms only.
PLATFORM_ONLY = {"fcntl", "msvcrt", "termios", "tty", "pty", "pwd", "grp", "resource", "posix",
                 "winreg", "_winapi", "winsound", "nt"}  # fmt: skip


def test_no_platform_only_module_is_imported_outside_platform_lock() -> None:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name == "platform_lock.py":
            continue
        for node in ast.walk(parsed(path)):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name.split(".")[0] for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module.split(".")[0]]
            found += [f"{path.relative_to(PACKAGE)}: {n}" for n in names if n in PLATFORM_ONLY]
    assert found == []


@pytest.fixture
def no_native_lock(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make `import fcntl` and `import msvcrt` fail, as on a platform without them."""
    monkeypatch.setitem(sys.modules, "fcntl", None)
    monkeypatch.setitem(sys.modules, "msvcrt", None)


def test_record_and_revert_without_fcntl(plan_dir: Path, kexie, no_native_lock) -> None:
    """The lock file beside the ledger stands in, and is gone afterwards."""
    done = kexie("record", "海智沙龙", "2", "--date", "2021-03-12", "--yes", today="2021-06-30")
    assert (done.code, done.err) == (0, "")
    ledger = plan_dir / "plans" / "2021.progress.yaml"
    (first,) = read_ledger(ledger).records
    done = kexie("revert", first.id, "--yes", today="2021-06-30", lang="en")
    assert (done.code, done.err) == (0, "")
    records = read_ledger(ledger).records
    assert [(r.target, r.amount, r.revert) for r in records] == [
        ("haizhi-salons", 2, None),
        (None, None, first.id),
    ]
    assert ledger.read_bytes().startswith(HEADER.encode("utf-8"))
    assert not Path(str(ledger) + ".lock").exists()


@pytest.mark.skipif(os.name == "nt", reason="the real msvcrt runs on Windows")
def test_the_windows_lock_path_with_a_stand_in_msvcrt(
    plan_dir: Path, kexie, monkeypatch: pytest.MonkeyPatch
) -> None:
    """platform_lock's Windows branch: one far byte locked and unlocked, the file position
    restored, so that the record still goes to the end of the ledger."""
    import fcntl

    calls: list[tuple[int, int]] = []

    def locking(fd: int, mode: int, nbytes: int) -> None:
        where = os.lseek(fd, 0, os.SEEK_CUR)
        calls.append((mode, where))
        kind = fcntl.LOCK_UN if mode == 0 else fcntl.LOCK_EX | fcntl.LOCK_NB
        fcntl.lockf(fd, kind, nbytes, where)

    stand_in = types.SimpleNamespace(LK_UNLCK=0, LK_NBLCK=2, locking=locking)
    monkeypatch.setattr(platform_lock, "_posix", lambda: None)
    monkeypatch.setattr(platform_lock, "_windows", lambda: stand_in)
    for day in ("2021-03-12", "2021-03-13"):
        done = kexie("record", "海智沙龙", "--date", day, "--yes", today="2021-06-30")
        assert (done.code, done.err) == (0, "")
    far = 2**31 - 2
    assert calls == [(2, far), (0, far), (2, far), (0, far)]
    records = read_ledger(plan_dir / "plans" / "2021.progress.yaml").records
    assert [r.date.isoformat() for r in records] == ["2021-03-12", "2021-03-13"]


def test_a_console_that_cannot_encode_gets_escapes_not_a_crash(
    plan_dir: Path, kexie, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Output redirected in a GBK code page (Windows' default for Chinese): Chinese stays
    Chinese; what GBK cannot hold (an emoji in a name) is written as an escape, and kexie
    does not exit 3. (Formats that are files — JSON, CSV, Markdown — are always UTF-8
    bytes; on Windows, write them with -o.)"""
    from kexie_plan.cli import main

    plan = plan_dir / "plans" / "2021.yaml"
    text = plan.read_text("utf-8").replace("name: 海智沙龙,", "name: 海智沙龙😀,")
    plan.write_text(text, "utf-8")
    raw = io.BytesIO()
    console = io.TextIOWrapper(raw, encoding="gbk", errors="strict", write_through=True)
    monkeypatch.setattr(sys, "stdout", console)
    monkeypatch.setattr(sys, "argv", ["kexie", "status", "--as-of", "2021-06-30"])
    monkeypatch.setenv("COLUMNS", "120")
    with pytest.raises(SystemExit) as exit_info:
        main()
    assert exit_info.value.code in (0, None)
    shown = raw.getvalue().decode("gbk")
    assert "测试计划" in shown and "海智沙龙\\U0001f600" in shown
