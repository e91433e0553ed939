"""kexie's cache files: JSON values kept between runs, each carrying a checksum of itself.

A cache only ever saves time. A missing, unreadable, oversized, foreign or tampered file
(its checksum does not match its content) reads as nothing, and the caller computes
again; a cache that cannot be written is skipped. Only regular files are read (never a
FIFO or a device), with a bounded read, and a file is written whole (a temporary file
renamed over it). The folder is the caller's (the cli uses $XDG_CACHE_HOME/kexie),
outside any repository. Imports nothing of ours.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import tempfile
from pathlib import Path
from typing import Any

from kexie_plan import __version__

MAX_CACHE_BYTES = 64 * 1024 * 1024
_MAGIC = b"kexie-cache "


def key_of(*parts: bytes | str) -> str:
    """Return a short key for a cache file name: a hash of kexie's version and `parts`."""
    digest = hashlib.sha256(__version__.encode())
    for part in parts:
        digest.update(b"\0")
        digest.update(part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part)
    return digest.hexdigest()[:32]


def read_cached(folder: Path | None, name: str) -> Any | None:
    """Return the value kept under `name`, or None when there is none that can be trusted."""
    if folder is None:
        return None
    path = Path(folder) / name
    try:
        # No link is followed, and opening a FIFO does not wait for a writer.
        flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
        fd = os.open(path, flags | getattr(os, "O_BINARY", 0))
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_CACHE_BYTES:
            return None
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read(MAX_CACHE_BYTES + 1)
    except OSError:
        return None
    finally:
        os.close(fd)
    head, _, body = data.partition(b"\n")
    if not head.startswith(_MAGIC) or len(data) > MAX_CACHE_BYTES:
        return None
    if head[len(_MAGIC) :].decode("ascii", "replace") != hashlib.sha256(body).hexdigest():
        return None
    try:
        return json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None


def cached_size(folder: Path | None, name: str) -> int:
    """Return the size in bytes of the file kept under `name`, 0 when there is none."""
    if folder is None:
        return 0
    try:
        return os.lstat(Path(folder) / name).st_size
    except OSError:
        return 0


def write_cached(folder: Path | None, name: str, value: Any) -> None:
    """Keep `value` (JSON values; dates as YYYY-MM-DD) under `name`; give up quietly."""
    if folder is None:
        return
    try:
        body = json.dumps(value, ensure_ascii=False, default=_iso).encode("utf-8")
    except (TypeError, ValueError):
        return
    data = _MAGIC + hashlib.sha256(body).hexdigest().encode("ascii") + b"\n" + body
    if len(data) > MAX_CACHE_BYTES:
        return
    try:
        Path(folder).mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=folder, prefix=".kexie-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(temporary, Path(folder) / name)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError:
        return


def _iso(value: Any) -> str:
    if hasattr(value, "isoformat"):
        return value.isoformat()
    raise TypeError(type(value).__name__)
