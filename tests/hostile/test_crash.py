"""Crashes and full disks: `kexie record` killed at random points, a disk that fills up, a
ledger that cannot be written. No acknowledged record is lost, nothing is half-written,
and the error is one line with exit code 2 (docs/format.md)."""

from __future__ import annotations

import errno
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from kexie_process import LEDGER, home, kexie

from kexie_plan import ledger as ledger_module
from kexie_plan.ledger import HEADER, read_ledger
from kexie_plan.loader import load_book

pytestmark = pytest.mark.slow  # real processes

WRITTEN = re.compile(r"recorded: - \{id: ([0-9A-Z]{16}),")


def record_command(n: int) -> list[str]:
    return [
        sys.executable,
        "-m",
        "kexie_plan",
        "record",
        "haizhi-salons",
        str(n % 3 + 1),
        "--date",
        "2021-03-12",
        "--note",
        f"第{n}期",
        "--yes",
    ]


@pytest.mark.skipif(os.name == "nt", reason="SIGKILL is POSIX")
def test_records_killed_at_random_points_lose_nothing_acknowledged(tmp_path: Path) -> None:
    folder = home(tmp_path)
    env = dict(os.environ, KEXIE_LANG="en")
    chance = random.Random(7)
    acknowledged: dict[str, int] = {}
    began = time.perf_counter()
    subprocess.run(record_command(0), cwd=folder, env=env, capture_output=True, check=True)
    whole_run = time.perf_counter() - began
    # Kill each run at a random point of a window around a whole run's time, until both
    # outcomes have happened often enough: runs killed before they could acknowledge, and
    # runs that acknowledged. The window adapts (a loaded machine runs slower, a fast one
    # finishes early), so that the precondition is reached by construction, not by luck;
    # the cap only stops a machine on which a run never completes.
    window = 1.3 * whole_run
    killed = 0
    n = 0
    while killed < 6 or len(acknowledged) < 6:
        n += 1
        assert n <= 200, f"after {n - 1} runs: {killed} killed, {len(acknowledged)} acknowledged"
        process = subprocess.Popen(
            record_command(n), cwd=folder, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        time.sleep(chance.uniform(0.0, window))
        process.send_signal(signal.SIGKILL)
        out, _ = process.communicate(timeout=20)
        was_killed = process.returncode == -signal.SIGKILL
        found = WRITTEN.search(out.decode("utf-8"))
        if found:  # printed only after the append was fsync'ed
            acknowledged[found.group(1)] = n % 3 + 1
        if was_killed and not found:
            killed += 1
        if n % 8 == 0:  # too few of one outcome: move the window toward it
            if len(acknowledged) * 2 < killed:
                window *= 1.5
            elif killed * 2 < len(acknowledged):
                window *= 0.6
    read = read_ledger(folder / LEDGER)
    assert read.problems == [] or [p.code for p in read.problems] == ["ledger_torn"]
    kept = {r.id: r.amount for r in read.records}
    assert {ident: kept.get(ident) for ident in acknowledged} == acknowledged
    assert len(kept) == len(read.records)  # no record written twice
    code, out, err = kexie(folder, "validate")
    assert (code, err) == (0, "")
    # The totals kept between runs survived the kills too.
    cache = Path(os.environ["XDG_CACHE_HOME"]) / "kexie"
    plan = (folder / LEDGER).with_name("2021.yaml")
    cached = load_book(plan, cache_dir=cache).totals
    assert cached == load_book(plan).totals
    assert sum(cached.amounts["haizhi-salons"].values()) == sum(kept.values())


# --- a full disk --------------------------------------------------------------------------


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = home(tmp_path)
    (folder / LEDGER).write_text(
        HEADER + "- {id: 01F0000000AAAAAA, date: 2021-03-12, target: haizhi-salons}\n", "utf-8"
    )
    monkeypatch.chdir(folder)
    monkeypatch.setenv("KEXIE_LANG", "en")
    return folder


@pytest.mark.parametrize("written", [0, 17])
def test_a_full_disk_leaves_the_ledger_as_it_was(
    folder: Path, monkeypatch, run, written: int
) -> None:
    before = (folder / LEDGER).read_bytes()
    real_write = os.write

    def disk_full(fd: int, data: bytes) -> int:
        if written:  # the kernel takes what fits, then says how much
            return real_write(fd, data[:written])
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(ledger_module.os, "write", disk_full)
    code, out, err = run("record", "haizhi-salons", "--date", "2021-04-01")
    assert (code, out) == (2, "")
    assert err == f"{LEDGER}: error: cannot write the ledger: No space left on device\n"
    assert (folder / LEDGER).read_bytes() == before


def mount_tmpfs(where: Path, size: str) -> bool:
    """Mount a small tmpfs at `where` (needs root); return whether it worked."""
    if getattr(os, "geteuid", lambda: 1)() != 0 or shutil.which("mount") is None:
        return False
    where.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)],
        capture_output=True,
        check=False,
    )
    return done.returncode == 0


@pytest.fixture
def small_disk(tmp_path: Path):
    where = tmp_path / "disk"
    if not mount_tmpfs(where, "64k"):
        pytest.skip("cannot mount a tmpfs here (needs root); the in-process test covers it")
    yield where
    subprocess.run(["umount", str(where)], check=False)


@pytest.mark.parametrize("room", [0, 20])
def test_a_real_full_disk(small_disk: Path, room: int) -> None:
    folder = home(small_disk)
    ledger = folder / LEDGER
    record = "- {id: 01F0000000AAAAAA, date: 2021-03-12, target: haizhi-salons}\n"
    page = 4096
    # The ledger ends `room` bytes before a page boundary; the rest of the disk is full.
    used = len(HEADER.encode()) + len(record)
    ledger.write_bytes(HEADER.encode() + b"#" * (page - used - room - 1) + b"\n" + record.encode())
    assert ledger.stat().st_size == page - room
    filler = os.open(small_disk / "filler", os.O_WRONLY | os.O_CREAT)
    try:
        while os.write(filler, b"\0" * page):
            pass
    except OSError as exc:
        assert exc.errno == errno.ENOSPC
    finally:
        os.close(filler)
    before = ledger.read_bytes()
    code, out, err = kexie(folder, "record", "haizhi-salons", "--date", "2021-04-01")
    assert (code, out) == (2, "")
    assert err == f"{LEDGER}: error: cannot write the ledger: No space left on device\n"
    assert ledger.read_bytes() == before
    (small_disk / "filler").unlink()
    code, out, err = kexie(folder, "record", "haizhi-salons", "--date", "2021-04-01")
    assert (code, err) == (0, "")
    assert out.splitlines()[1] == "海智沙龙 (haizhi-salons): 2 / 3+ 场"


# --- a ledger that cannot be written --------------------------------------------------------


@pytest.fixture
def read_only_ledger(tmp_path: Path):
    """Yield a plan folder whose ledger cannot be written, however this test is run."""
    if getattr(os, "geteuid", lambda: 1)() != 0:
        folder = home(tmp_path / "home")
        (folder / LEDGER).write_text(HEADER, encoding="utf-8")
        (folder / LEDGER).chmod(0o444)
        yield folder
        return
    where = tmp_path / "disk"
    if not mount_tmpfs(where, "1m"):
        pytest.skip("root, and cannot mount a read-only file system here")
    folder = home(where)
    (folder / LEDGER).write_text(HEADER, encoding="utf-8")
    subprocess.run(["mount", "-o", "remount,ro", str(where)], check=True)
    yield folder
    subprocess.run(["umount", str(where)], check=False)


def test_a_read_only_ledger_is_one_clear_error(read_only_ledger: Path) -> None:
    ledger = read_only_ledger / LEDGER
    before = ledger.read_bytes()
    code, out, err = kexie(read_only_ledger, "record", "haizhi-salons", "--date", "2021-04-01")
    assert (code, out) == (2, "")
    assert re.fullmatch(
        rf"{LEDGER}: error: cannot write the ledger: (Read-only file system|Permission denied)\n",
        err,
    )
    assert ledger.read_bytes() == before
    code, out, err = kexie(read_only_ledger, "status", "--as-of", "2021-12-31")
    assert (code, err) == (0, "")
