"""An exclusive lock on an open file, on every platform: the one home of fcntl and msvcrt.

`kexie record` appends under this lock so that records from several processes at once
never mix. On POSIX it is `flock` on the ledger itself; on Windows `msvcrt.locking` on
one byte far past the end of the ledger (a range lock there never stops anyone reading or
appending to the text). Where neither exists, a lock file beside the ledger, made with
O_EXCL, stands in: taken when it can be created, given up by deleting it, and broken when
it is older than STALE_SECONDS (its holder died). No other module of kexie imports a
POSIX-only or Windows-only module. Imports nothing of ours.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator
from pathlib import Path

STALE_SECONDS = 60.0
_FAR_OFFSET = 2**31 - 2  # Windows: the byte that stands for the whole file
_WAIT = 0.005


def _posix() -> object | None:
    try:
        import fcntl
    except ImportError:
        return None
    return fcntl


def _windows() -> object | None:
    try:
        import msvcrt
    except ImportError:
        return None
    return msvcrt


@contextlib.contextmanager
def locked(fd: int, path: Path) -> Iterator[None]:
    """Hold an exclusive lock on the open file `fd` (whose name is `path`) while inside;
    wait as long as another process holds it."""
    fcntl = _posix()
    if fcntl is not None:
        fcntl.flock(fd, fcntl.LOCK_EX)  # type: ignore[attr-defined]
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)  # type: ignore[attr-defined]
        return
    msvcrt = _windows()
    if msvcrt is not None:
        with _windows_lock(msvcrt, fd):
            yield
        return
    with _lock_file(Path(str(path) + ".lock")):
        yield


@contextlib.contextmanager
def _windows_lock(msvcrt: object, fd: int) -> Iterator[None]:
    here = os.lseek(fd, 0, os.SEEK_CUR)
    os.lseek(fd, _FAR_OFFSET, os.SEEK_SET)
    while True:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
            break
        except OSError:
            time.sleep(_WAIT)
    os.lseek(fd, here, os.SEEK_SET)
    try:
        yield
    finally:
        os.lseek(fd, _FAR_OFFSET, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)  # type: ignore[attr-defined]
        os.lseek(fd, here, os.SEEK_SET)


@contextlib.contextmanager
def _lock_file(lock: Path) -> Iterator[None]:
    while True:
        try:
            fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:
            try:
                if time.time() - lock.stat().st_mtime > STALE_SECONDS:
                    lock.unlink(missing_ok=True)  # its holder died
                    continue
            except OSError:
                pass
            time.sleep(_WAIT)
            continue
        os.close(fd)
        break
    try:
        yield
    finally:
        lock.unlink(missing_ok=True)
