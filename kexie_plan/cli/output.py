"""Where every command's result goes: the terminal, standard output, or -o FILE.

A command picks its format and hands `emit` what the view made for it: a Rich renderable
(printed to the terminal, or as plain text into a file), text, JSON values, a `Sheet`
(CSV, through the one CSV writer) or bytes (a workbook). A file is written whole (a
temporary file beside it, then a rename), and never over a file kexie reads.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from kexie_plan.cli.env import Env, shown_path
from kexie_plan.cli.parse import choice_of
from kexie_plan.errors import PlanError, UsageProblem


def emit(
    env: Env,
    fmt: str,
    views: Mapping[str, Callable[[], Any]],
    output: Path | None = None,
    paged: bool = False,
) -> None:
    """Make the view for `fmt` (one of `views`' keys) and send it where it goes; with
    `paged`, text for a terminal goes through the pager (`pager_command`)."""
    from kexie_plan.render.sheet import Sheet, sheet_chunks
    from kexie_plan.render.words import json_text

    choice_of("--format", fmt, tuple(views))
    value = views[fmt]()
    if isinstance(value, Sheet):
        value = sheet_chunks(value)
    elif isinstance(value, dict | list):
        value = json_text(value) + "\n"
    if isinstance(value, str | bytes | Iterator):
        chunks = _encoded(value)
        command = pager_command() if paged and output is None else None
        if command is not None:
            page(chunks, command)
        elif output is None:
            write_stdout(chunks)
        else:
            write_output(output, chunks, env)
        return
    if output is None:
        env.console().print(value)
    else:
        write_output(output, rendered_text(value).encode("utf-8"), env)


class GithubFence:
    """Stop GitHub Actions from reading workflow commands in kexie's output.

    When $GITHUB_ACTIONS is "true", every run writes `::stop-commands::TOKEN` first and
    `::TOKEN::` last (on both streams), so that no name, note or path printed in between
    can act as a workflow command (`::error::`, `::add-mask::` …), however a terminal
    width wraps it. `validate --format github` prints its own annotations with the fence
    `paused`.
    """

    def __init__(self) -> None:
        self.token: str | None = None

    def start(self) -> None:
        if os.environ.get("GITHUB_ACTIONS") != "true" or self.token is not None:
            return
        import secrets

        self.token = secrets.token_hex(16)
        self._say(f"::stop-commands::{self.token}")

    def stop(self) -> None:
        if self.token is not None:
            self._say(f"::{self.token}::")
            self.token = None

    @contextlib.contextmanager
    def paused(self) -> Iterator[None]:
        running = self.token is not None
        self.stop()
        try:
            yield
        finally:
            if running:
                self.start()

    @staticmethod
    def _say(line: str) -> None:
        for stream in (sys.stderr, sys.stdout):
            try:
                stream.flush()
                stream.write(line + "\n")
                stream.flush()
            except (OSError, ValueError):
                pass


fence = GithubFence()


def pager_command() -> list[str] | None:
    """Return the pager to page long output through on a terminal, as git does: $KEXIE_PAGER,
    else $PAGER, else `less` when there is one (empty or `cat`: none); None when standard
    output is not a terminal."""
    import shlex
    import shutil

    if not sys.stdout.isatty():
        return None
    chosen = os.environ.get("KEXIE_PAGER", os.environ.get("PAGER"))
    if chosen is not None:
        words = shlex.split(chosen, posix=os.name != "nt")
        return None if not words or words == ["cat"] else words
    less = shutil.which("less")
    return [less] if less else None


def page(chunks: Iterable[bytes], command: list[str]) -> None:
    """Write the chunks through the pager `command` (less gets -FRX unless $LESS says
    otherwise: it quits when the text fits one screen, keeps colours and the screen). The
    reader quitting early is not an error."""
    import subprocess

    env = dict(os.environ)
    env.setdefault("LESS", "FRX")
    env.setdefault("LV", "-c")
    try:
        pager = subprocess.Popen(command, stdin=subprocess.PIPE, env=env)
    except OSError:
        write_stdout(chunks)  # no such pager: print as if there were none
        return
    assert pager.stdin is not None
    try:
        for chunk in chunks:
            pager.stdin.write(chunk)
        pager.stdin.close()
    except (BrokenPipeError, OSError):
        pass  # the reader quit the pager
    finally:
        with contextlib.suppress(OSError):
            pager.stdin.close()
        while True:
            try:
                pager.wait()
                break
            except KeyboardInterrupt:  # Ctrl-C belongs to the pager while it runs
                continue


def _encoded(value: str | bytes | Iterable[str | bytes]) -> Iterator[bytes]:
    """Return the output as UTF-8 chunks: one for text or bytes, one per piece of a stream."""
    if isinstance(value, str | bytes):
        value = (value,)
    for piece in value:
        yield piece.encode("utf-8") if isinstance(piece, str) else piece


def write_stdout(data: bytes | Iterable[bytes]) -> None:
    """Write bytes (or a stream of chunks, as they come) to standard output as they are (no
    newline translation)."""
    chunks = (data,) if isinstance(data, bytes) else data
    stream = getattr(sys.stdout, "buffer", None)
    sys.stdout.flush()
    for chunk in chunks:
        if stream is None:  # a test's captured text stream
            sys.stdout.write(chunk.decode("utf-8"))
        else:
            stream.write(chunk)
    if stream is not None:
        stream.flush()


def rendered_text(value: Any, width: int = 100) -> str:
    """Return a Rich renderable as plain text, `width` columns wide."""
    import io

    from kexie_plan.render.words import console

    out = io.StringIO()
    console(file=out, width=width).print(value)
    return out.getvalue()


def write_output(
    path: Path,
    data: bytes | Iterable[bytes],
    env: Env | None = None,
    inputs: Mapping[str, Path] | None = None,
) -> None:
    """Write `data` to the -o file `path`.

    A regular file (or a new one) is written whole: a temporary file beside it, then a
    rename, with the mode the old file had (a new one gets the umask's); nothing is left
    behind on failure. A character device or a pipe (/dev/stdout, a FIFO) is written
    through. A symbolic link, a folder or anything else is refused, and so is any file
    the run reads: `inputs` (the words that name each, and its path) when given, else
    `env.inputs()` (the plan, its ledger, kexie.toml).
    """
    import stat

    shown = visible_path(path)
    if env is not None:
        refuse_inputs(path, env, inputs)
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise _unwritable(shown, exc) from None
    if info is not None and not stat.S_ISREG(info.st_mode):
        if stat.S_ISCHR(info.st_mode) or stat.S_ISFIFO(info.st_mode):
            try:
                with open(path, "wb") as out:
                    for chunk in (data,) if isinstance(data, bytes) else data:
                        out.write(chunk)
            except OSError as exc:
                raise _unwritable(shown, exc) from None
            return
        raise UsageProblem(PlanError("output_not_file", {"path": shown}))
    _replace(path, data, info.st_mode & 0o7777 if info is not None else None, shown)


def refuse_inputs(path: Path, env: Env, inputs: Mapping[str, Path] | None = None) -> None:
    """Refuse (exit 2) an -o `path` that is a file the run reads: one of `inputs` (the
    words that name each, and its path) when given, else of `env.inputs()`."""
    reads = env.inputs() if inputs is None else inputs
    for what, read in reads.items():
        if _same_file(path, read):
            params = {"path": visible_path(path), "what": env.say(what)}
            raise UsageProblem(PlanError("output_is_input", params))


def _replace(path: Path, data: bytes | Iterable[bytes], mode: int | None, shown: str) -> None:
    import tempfile

    folder = path.parent if str(path.parent) else Path(".")
    try:
        handle, temporary = tempfile.mkstemp(prefix=".kexie-", dir=folder)
    except OSError as exc:
        raise _unwritable(shown, exc) from None
    try:
        with os.fdopen(handle, "wb") as out:
            for chunk in (data,) if isinstance(data, bytes) else data:
                out.write(chunk)
        if mode is None:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException as exc:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise _unwritable(shown, exc) from None
        raise


def create_files(files: dict[Path, str]) -> None:
    """Create new text files (UTF-8, LF) and their folders, all or nothing: on a failure the
    files and folders made so far are removed, and the message names the file that could
    not be written. An existing file is never touched (the caller checked; "x" mode makes
    sure)."""
    made: list[Path] = []  # files and folders, in the order they were made
    path = next(iter(files), Path("."))
    try:
        for path, body in files.items():
            missing = [p for p in reversed(path.parents) if str(p) != "." and not p.exists()]
            for folder in missing:
                folder.mkdir()
                made.append(folder)
            with open(path, "x", encoding="utf-8", newline="\n") as out:
                made.append(path)
                out.write(body)
    except OSError as exc:
        for thing in reversed(made):
            with contextlib.suppress(OSError):
                thing.rmdir() if thing.is_dir() else thing.unlink()
        raise _unwritable(visible_path(path), exc) from None


def _unwritable(shown: str, exc: OSError) -> UsageProblem:
    from kexie_plan.ledger import os_reason

    return UsageProblem(PlanError("output_unwritable", {"path": shown, "reason": os_reason(exc)}))


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.abspath(a) == os.path.abspath(b)


def visible_path(path: Path) -> str:
    """Return a path as a message shows it: relative when inside the working folder, and
    with any byte that is not UTF-8 shown as an escape."""
    from kexie_plan.render.words import visible

    return visible(shown_path(path))
