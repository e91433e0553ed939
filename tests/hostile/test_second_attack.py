"""Issue 12, "Unbreakable, round two": each hole the second attack found, shown closed.

Every test states the fixed behaviour exactly (exit code, message, place). Nearly all
fail on the code before issue 12's work (480e906); the cache's checksum, the cap on
warnings, a cache link not followed and a failed -o rename held already (issue 11), and
their tests keep them. Most tests run kexie in this process (the `kexie` fixture) with a
small plan and ledger under tmp_path, "today" 2021-06-30 and English messages; hooks
into the ledger's lock (`platform_lock.locked`, imported by `ledger.append_record` each
time it runs) make a race happen at one exact moment, with no timing luck. What needs
real processes (a FIFO that could hang a run) is `slow`.

Covered elsewhere: a 5000-digit AMOUNT and a declined prompt (exit 4) in
tests/test_record_cli.py; a 10-digit ledger amount and a lone surrogate escape, line by
line, in tests/test_ledger.py."""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import hashlib
import json
import os
import re
import stat
import sys
import threading
from pathlib import Path

import pytest
from conftest import SMALL_PLAN, write_plan

from kexie_plan import platform_lock
from kexie_plan.cli import recording
from kexie_plan.ledger import HEADER, format_record, os_reason, read_ledger
from kexie_plan.record import Record

posix = pytest.mark.skipif(os.name != "posix", reason="POSIX only")

LEDGER_PATH = "plans/2021.progress.yaml"
PLAN_OK = "plans/2021.yaml: ok (1 section, 1 measure, 3 targets, 2 activities)\n"
HELD = "- {id: 01F0000000AAAAAA, date: 2021-03-20, activity: salon-spring, note: 春季}\n"
COUNTED = "- {id: 01F0000000BBBBBB, date: 2021-04-02, target: haizhi-salons, amount: 2}\n"
LEDGER = HEADER + HELD + COUNTED
SYMLINK = (
    f"{LEDGER_PATH}: error: the ledger is a symbolic link; kexie reads and writes only a "
    "regular file inside the repository (replace the link with the file)\n"
)
NOT_REGULAR = f"{LEDGER_PATH}: error: not a regular file\n"


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder with SMALL_PLAN and no ledger; English, today 2021-06-30, no tty."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("KEXIE_LANG", "en")
    monkeypatch.setenv("KEXIE_TODAY", "2021-06-30")
    monkeypatch.setattr(recording, "interactive", lambda: False)
    write_plan(tmp_path)
    return tmp_path


@pytest.fixture
def ledger(home: Path) -> Path:
    """The ledger of `home`, holding LEDGER: salon-spring held, 2 haizhi-salons."""
    path = home / LEDGER_PATH
    path.write_text(LEDGER, encoding="utf-8")
    return path


def symlink_or_skip(link: Path, target: Path | str) -> None:
    """Make `link` point at `target`, or skip the test where links are not permitted."""
    try:
        os.symlink(target, link)
    except (OSError, NotImplementedError) as exc:
        pytest.skip(f"symbolic links are not permitted here: {exc}")


def place(text: str, needle: str) -> str:
    """Return `line:col` (1-based, in characters) where `needle` first stands in `text`."""
    before = text[: text.index(needle)]
    return f"{before.count(chr(10)) + 1}:{len(before) - before.rfind(chr(10))}"


def actual(out: str) -> dict[str, int]:
    """Return each target's actual from `status --format json`."""
    return {t["id"]: t["actual"] for t in json.loads(out)["targets"]}


def held(out: str) -> dict[str, str | None]:
    """Return the day each activity was held (or None) from `status --format json`."""
    return {a["id"]: a["held"] for a in json.loads(out)["activities"]}


# --- 1. a symlinked ledger -------------------------------------------------------------


@pytest.mark.parametrize("points_to", ["nowhere", "a file outside"])
def test_validate_names_a_symlinked_ledger(home: Path, tmp_path_factory, kexie, points_to):
    """A ledger that is a symbolic link (dangling, or to a file outside the folder) is an
    error of the ledger, not a ledger that validate does not even mention."""
    outside = tmp_path_factory.mktemp("outside") / "elsewhere.yaml"
    if points_to == "a file outside":
        outside.write_text(HELD, encoding="utf-8")
    symlink_or_skip(home / LEDGER_PATH, outside)
    run = kexie("validate")
    assert (run.code, run.out) == (1, PLAN_OK)
    assert run.err == SYMLINK + "1 error in 1 file; 1 file ok\n"


@pytest.mark.parametrize("points_to", ["nowhere", "a file outside"])
def test_record_writes_nothing_through_a_symlinked_ledger(
    home: Path, tmp_path_factory, kexie, points_to
):
    """`record` refuses a symlinked ledger: the dangling link's target is not created, the
    file it points at keeps its bytes, the link stays a link; `status` refuses it too."""
    outside = tmp_path_factory.mktemp("outside") / "elsewhere.yaml"
    if points_to == "a file outside":
        outside.write_text(HELD, encoding="utf-8")
    symlink_or_skip(home / LEDGER_PATH, outside)
    run = kexie("record", "haizhi-salons", "--yes")
    # exit 1 as for any invalid file (docs/hostile-input.md), with one line naming it
    assert (run.code, run.out, run.err) == (1, "", SYMLINK)
    assert (home / LEDGER_PATH).is_symlink()
    if points_to == "nowhere":
        assert not outside.exists()
    else:
        assert outside.read_bytes() == HELD.encode()
    run = kexie("status")
    assert (run.code, run.out, run.err) == (1, "", SYMLINK)


# --- 2. report -o never writes over a file kexie reads -----------------------------------


@pytest.mark.parametrize(
    ("name", "what", "fmt"),
    [
        ("plans/2021.yaml", "the plan", "markdown"),
        ("plans/2021.yaml", "the plan", "xlsx"),
        (LEDGER_PATH, "the plan's ledger", "markdown"),
        (LEDGER_PATH, "the plan's ledger", "xlsx"),
        ("kexie.toml", "the settings, kexie.toml", "markdown"),
        ("kexie.toml", "the settings, kexie.toml", "xlsx"),
        ("./plans/../plans/2021.yaml", "the plan", "markdown"),
    ],
)
def test_report_output_is_never_an_input(ledger: Path, kexie, name: str, what: str, fmt: str):
    """`-o` naming the plan, the ledger or kexie.toml (however spelt) is refused, the file's
    bytes unchanged."""
    Path("kexie.toml").write_text('lang = "en"\n', encoding="utf-8")
    before = Path(name).read_bytes()
    run = kexie("report", "--format", fmt, "-o", name)
    shown = os.path.normpath(name)
    assert (run.code, run.out) == (2, "")
    assert run.err == (
        f"kexie: error: -o {shown} would overwrite a file kexie reads ({what}); "
        "choose another file\n"
    )
    assert Path(name).read_bytes() == before


def test_report_output_is_not_the_ledger_before_it_exists_nor_a_hard_link(home, kexie):
    """The ledger's name is refused while there is no ledger yet (nothing is created), and
    a hard link to the plan is the plan."""
    run = kexie("report", "-o", LEDGER_PATH)
    assert (run.code, run.out) == (2, "")
    assert "would overwrite a file kexie reads (the plan's ledger)" in run.err
    assert not (home / LEDGER_PATH).exists()
    try:
        os.link(home / "plans" / "2021.yaml", home / "copy.md")
    except OSError as exc:
        pytest.skip(f"no hard links here: {exc}")
    run = kexie("report", "-o", "copy.md")
    assert run.err == (
        "kexie: error: -o copy.md would overwrite a file kexie reads (the plan); "
        "choose another file\n"
    )
    assert (home / "plans" / "2021.yaml").read_text(encoding="utf-8") == SMALL_PLAN


# --- 3. a ledger replaced while record waits for the lock -------------------------------


def test_a_ledger_replaced_while_record_waits_is_written_in_its_new_file(
    ledger: Path, monkeypatch, kexie
):
    """An editor (or git checkout) renames a new ledger over the old one after `record`
    opened it and before it holds the lock: the record goes into the new file (the one
    at the ledger's path), after what the replacement added."""
    real = platform_lock.locked
    extra = "- {id: 01F0000000EEEEEE, date: 2021-05-01, target: intl-forums, amount: 1}\n"
    calls = []

    @contextlib.contextmanager
    def replaced_first(fd: int, path: Path):
        calls.append(os.fstat(fd).st_ino)
        if len(calls) == 1:
            temporary = ledger.with_name(".2021.progress.yaml.new")
            temporary.write_bytes(ledger.read_bytes() + extra.encode())
            os.replace(temporary, ledger)
        with real(fd, path):
            yield

    monkeypatch.setattr(platform_lock, "locked", replaced_first)
    run = kexie("record", "haizhi-salons", "2", "--date", "2021-06-01", "--yes")
    assert (run.code, run.err) == (0, "")
    read = read_ledger(ledger)
    new = read.records[-1]
    line = format_record(new)
    assert run.out.splitlines()[0] == f"recorded: {line.rstrip()}"
    assert ledger.read_text(encoding="utf-8") == LEDGER + extra + line
    assert (new.target, new.amount, read.problems) == ("haizhi-salons", 2, [])
    # it locked the old file, saw it replaced, and started again on the new one
    assert len(calls) == 2 and calls[1] == ledger.stat().st_ino != calls[0]


# --- 4. a record on disk is a success, even when its confirmation cannot be printed ------


class _Unwritable:
    """A standard output that fails on every write, as a closed pipe or a full disk does."""

    encoding = "utf-8"
    errors = "strict"

    def __init__(self, failure: OSError) -> None:
        self.failure = failure

    def write(self, text: str) -> int:
        raise self.failure

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False

    def fileno(self) -> int:
        raise OSError(errno.EBADF, "no file")


@pytest.mark.parametrize(
    "failure",
    [
        BrokenPipeError(errno.EPIPE, "Broken pipe"),
        OSError(errno.ENOSPC, "No space left on device"),
    ],
    ids=["closed", "full"],
)
def test_a_written_record_whose_confirmation_cannot_be_printed_succeeds(
    ledger: Path, monkeypatch, kexie, failure: OSError
):
    """Exit 0, the record in the ledger exactly once, and stderr says that only the
    confirmation was lost (so that nobody records it again)."""
    with monkeypatch.context() as patch:
        patch.setattr(sys, "stdout", _Unwritable(failure))
        run = kexie("record", "intl-forums", "2", "--date", "2021-06-01", "--yes")
        if not isinstance(sys.stdout, _Unwritable):
            sys.stdout.close()  # what record put in its place, so that nothing more fails
    read = read_ledger(ledger)
    new = read.records[-1]
    assert ledger.read_text(encoding="utf-8") == LEDGER + format_record(new)
    assert (new.target, new.amount, new.date) == ("intl-forums", 2, dt.date(2021, 6, 1))
    assert (run.code, run.out) == (0, "")
    assert run.err == (
        f"recorded as {new.id}, but the confirmation could not be printed "
        f"({failure.strerror}); do not record it again\n"
    )


# --- 5. the totals cache is checked, and never decides a refusal ------------------------


def cache_file() -> Path:
    """Return the one ledger cache kexie keeps under $XDG_CACHE_HOME/kexie."""
    (found,) = (Path(os.environ["XDG_CACHE_HOME"]) / "kexie").glob("ledger-*[0-9a-f].json")
    return found


def split_cache(path: Path) -> tuple[bytes, dict]:
    """Return a cache file's first line (its checksum) and its value, checking the sum."""
    head, _, body = path.read_bytes().partition(b"\n")
    assert head == b"kexie-cache " + hashlib.sha256(body).hexdigest().encode()
    return head, json.loads(body)


def test_a_cache_edited_without_its_checksum_is_ignored(ledger: Path, kexie) -> None:
    """The body of the totals cache edited into other valid JSON (1000 salons, salon-spring
    never held): its checksum no longer matches, and status shows the ledger's numbers."""
    from kexie_plan.cache import read_cached

    first = kexie("status", "--format", "json")
    assert (first.code, first.err) == (0, "")
    kept = cache_file()
    head, value = split_cache(kept)
    value["totals"]["amounts"]["haizhi-salons"] = {"2021-04-02": 1000}
    value["totals"]["held"] = {}
    kept.write_bytes(head + b"\n" + json.dumps(value, ensure_ascii=False).encode())
    assert read_cached(kept.parent, kept.name) is None
    run = kexie("status", "--format", "json")
    assert (run.code, run.err) == (0, "")
    assert (
        actual(run.out)
        == actual(first.out)
        == {
            "haizhi-salons": 3,  # 2, and 1 for its activity salon-spring
            "intl-forums": 0,
            "museum-prep": 0,
        }
    )
    assert held(run.out)["salon-spring"] == "2021-03-20"


def test_a_forged_cache_with_a_good_checksum_cannot_make_record_hold_an_activity_twice(
    ledger: Path, kexie
):
    """Even a cache re-signed after the edit (it says salon-spring was never held) cannot
    get a second holding written: record reads the ledger's bytes under the lock."""
    from kexie_plan.cache import read_cached

    assert kexie("status").code == 0
    kept = cache_file()
    _, value = split_cache(kept)
    value["totals"]["held"] = {}
    value["totals"]["amounts"] = {}
    body = json.dumps(value, ensure_ascii=False).encode()
    kept.write_bytes(b"kexie-cache " + hashlib.sha256(body).hexdigest().encode() + b"\n" + body)
    assert read_cached(kept.parent, kept.name) == value  # the forgery passes the checksum
    run = kexie("record", "salon-spring", "--yes")
    assert (run.code, run.out) == (2, "")
    assert run.err == (
        "kexie: error: activity 'salon-spring' is already recorded as held on 2021-03-20 "
        "(01F0000000AAAAAA); revert that record first to record it again\n"
    )
    assert ledger.read_text(encoding="utf-8") == LEDGER


# --- 6. "already held" is decided under the lock --------------------------------------


def test_an_activity_held_by_another_writer_just_before_the_lock_is_refused(
    home: Path, monkeypatch, kexie
):
    """Another `record` writes the holding after this one checked (nothing held) and before
    it takes the lock: the check under the lock refuses, and the ledger holds one."""
    ledger = home / LEDGER_PATH
    ledger.write_text(HEADER + COUNTED, encoding="utf-8")
    other = Record(id="01F0000000OOOOOO", date=dt.date(2021, 3, 21), activity="salon-spring")
    real = platform_lock.locked
    calls = []

    @contextlib.contextmanager
    def raced(fd: int, path: Path):
        calls.append(path)
        if len(calls) == 1:
            with open(ledger, "ab") as writer:  # the other writer, done before our lock
                writer.write(format_record(other).encode())
        with real(fd, path):
            yield

    monkeypatch.setattr(platform_lock, "locked", raced)
    run = kexie("record", "salon-spring", "--date", "2021-03-22", "--yes")
    assert (run.code, run.out) == (2, "")
    assert run.err == (
        "kexie: error: activity 'salon-spring' is already recorded as held on 2021-03-21 "
        "(01F0000000OOOOOO); revert that record first to record it again\n"
    )
    assert len(calls) == 1  # refused under the lock, not before it
    assert ledger.read_text(encoding="utf-8") == HEADER + COUNTED + format_record(other)


# --- 8. in GitHub Actions every output is fenced against workflow commands ---------------

FORGED = "xxxxxxxxxxxxxxxxxxxx ::error::FORGED"


def fenced(text: str) -> tuple[list[str], list[str]]:
    """Return the lines of `text` outside any stop-commands fence and those inside, after
    checking that each fence is closed by its own token."""
    outside: list[str] = []
    inside: list[str] = []
    open_tokens: list[str] = []
    for line in text.splitlines():
        start = re.fullmatch(r"::stop-commands::([0-9a-f]{32})", line)
        if start:
            open_tokens.append(start[1])
        elif open_tokens and line == f"::{open_tokens[-1]}::":
            open_tokens.pop()
        else:
            (inside if open_tokens else outside).append(line)
    assert open_tokens == []
    return outside, inside


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (("log",), 0),
        (("log", "--format", "csv"), 0),
        (("show", "intl-forums"), 0),
        (("status",), 0),
        (("report",), 0),
        (("activities",), 0),
        (("measures",), 0),
        (("remind",), 0),
        (("validate",), 0),
        (("record", "sci-day", "--note", FORGED, "--yes"), 0),
        (("show", FORGED), 2),
    ],
    ids=lambda value: " ".join(value) if isinstance(value, tuple) else None,
)
def test_in_github_actions_every_command_is_fenced(ledger: Path, kexie, args, code) -> None:
    """With GITHUB_ACTIONS=true each stream starts with `::stop-commands::TOKEN` and ends
    with `::TOKEN::` (the same token), so a note a terminal width wraps into
    `::error::FORGED` at a line's start is never read as a command."""
    with ledger.open("a", encoding="utf-8") as out:
        out.write(
            f'- {{id: 01F0000000FFFFFF, date: 2021-04-03, target: intl-forums, note: "{FORGED}"}}\n'
        )
    run = kexie(*args, GITHUB_ACTIONS="true", COLUMNS="80")
    assert run.code == code
    for stream in (run.out, run.err):
        lines = stream.splitlines()
        token = re.fullmatch(r"::stop-commands::([0-9a-f]{32})", lines[0])
        assert token is not None and lines[-1] == f"::{token[1]}::"
        assert fenced(stream)[0] == []
    assert run.out.splitlines()[0] == run.err.splitlines()[0]
    if args[0] in ("log", "record", "show"):
        assert "FORGED" in run.out + run.err


def test_without_github_actions_nothing_is_fenced(ledger: Path, kexie) -> None:
    """Elsewhere the output has no fence lines."""
    run = kexie("status", GITHUB_ACTIONS="false")
    assert (run.code, run.err) == (0, "")
    assert "::" not in run.out


def test_validate_github_annotations_are_outside_the_fence_and_names_inside(
    ledger: Path, kexie
) -> None:
    """`validate --format github` pauses the fence for its annotations only (they are
    meant to act); the readable lines, which hold the file's text, stay fenced."""
    plan = ledger.with_name("2021.yaml")
    plan.write_text(SMALL_PLAN + '  - {id: "::error::FORGED", name: x, month: 1}\n', "utf-8")
    run = kexie("validate", "--format", "github", GITHUB_ACTIONS="true")
    assert run.code == 1
    at = place(plan.read_text(encoding="utf-8"), '"::error::FORGED"')
    line, col = at.split(":")
    message = (
        "id '::error::FORGED' is not a lowercase slug (a-z, 0-9 and single dashes, "
        "e.g. haizhi-salon)"
    )
    outside, inside = fenced(run.out)
    assert outside == [f"::error file=plans/2021.yaml,line={line},col={col}::{message}"]
    assert inside == [f"plans/2021.yaml:{at}: error: {message}", LEDGER_PATH + ": ok (2 records)"]
    assert fenced(run.err) == ([], ["1 error in 1 file; 1 file ok"])


# --- 9. report -o: symbolic links, devices, the umask, no temporary file left ------------


@pytest.mark.parametrize("dangling", [False, True], ids=["to a file", "dangling"])
def test_report_does_not_write_through_a_symbolic_link(ledger: Path, kexie, dangling) -> None:
    """`-o LINK` is refused: neither the link nor what it points at changes (a dangling
    link's target is not created)."""
    target = ledger.parent.parent / "target.md"
    if not dangling:
        target.write_bytes(b"kept\n")
    symlink_or_skip(ledger.parent.parent / "link.md", "target.md")
    run = kexie("report", "-o", "link.md")
    assert (run.code, run.out) == (2, "")
    assert run.err == (
        "kexie: error: -o link.md is not a regular file, a device or a pipe (a symbolic "
        "link or a folder?); kexie does not write through it\n"
    )
    assert os.readlink("link.md") == "target.md"
    assert target.exists() is not dangling
    if not dangling:
        assert target.read_bytes() == b"kept\n"
    assert list(Path().glob(".kexie-*")) == []


@posix
def test_report_writes_through_a_character_device(ledger: Path, tmp_path: Path, kexie) -> None:
    """`-o /dev/null` writes through the device and leaves it a device. (As root, where a
    regression could replace the system's /dev/null, a private node of the same device
    stands in for it.)"""
    device = Path("/dev/null")
    if os.geteuid() == 0:
        device = tmp_path / "null"
        try:
            os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))
            device.write_bytes(b"")
        except OSError as exc:
            pytest.skip(f"cannot make or use a device node here: {exc}")
    for fmt in ("markdown", "xlsx"):
        run = kexie("report", "--format", fmt, "-o", str(device))
        assert (run.code, run.out, run.err) == (0, "", "")
        assert stat.S_ISCHR(os.lstat(device).st_mode)
    assert [p.name for p in device.parent.glob(".kexie-*")] == []


@posix
@pytest.mark.parametrize("umask", [0o022, 0o002], ids=["022", "002"])
def test_a_new_report_file_gets_the_umask_s_mode(ledger: Path, kexie, umask: int) -> None:
    """A new -o file is made 0o666 less the umask (not 0600); an existing one keeps its
    mode."""
    old = os.umask(umask)
    try:
        run = kexie("report", "-o", "new.md")
        assert (run.code, run.out, run.err) == (0, "", "")
        assert stat.S_IMODE(os.stat("new.md").st_mode) == 0o666 & ~umask
        Path("old.md").write_bytes(b"old\n")
        os.chmod("old.md", 0o640)
        assert kexie("report", "-o", "old.md").code == 0
        assert stat.S_IMODE(os.stat("old.md").st_mode) == 0o640
        assert Path("old.md").read_bytes().startswith(b"# ")
    finally:
        os.umask(old)


def test_a_failed_rename_leaves_no_temporary_file(ledger: Path, monkeypatch, kexie) -> None:
    """When the final rename fails, exit 2 saying so; the old report keeps its bytes and no
    `.kexie-*` file is left beside it."""
    Path("out.md").write_bytes(b"old report\n")
    real = os.replace

    def failing(source, destination, **kwargs):
        if Path(destination).name == "out.md":
            raise OSError(errno.EACCES, "Permission denied")
        return real(source, destination, **kwargs)

    monkeypatch.setattr(os, "replace", failing)
    for fmt in ("markdown", "xlsx"):
        run = kexie("report", "--format", fmt, "-o", "out.md")
        assert (run.code, run.out) == (2, "")
        assert run.err == "kexie: error: cannot write out.md: Permission denied\n"
        assert Path("out.md").read_bytes() == b"old report\n"
        assert sorted(p.name for p in Path().iterdir() if p.name.startswith(".")) == []


# --- 10. numbers longer than 9 digits: a located error, never a crash ---------------------

DIGITS = "9" * 5000  # past Python's 4300-digit limit for int(str)
TOO_LONG = "' has more than 9 digits; a number here is at most 999999999"
PLAN_NUMBERS = {
    "goal": ("goal: 3+}", "goal: {}}}"),
    "a range's top": ("goal: 3-5}", "goal: 3-{}}}"),
    "year": ("year: 2021", "year: {}"),
    "month": ("month: 3,", "month: {},"),
    "schedule": ("goal: 3-5}", "goal: 3-5, schedule: {{2021-06-30: {}}}}}"),
}


@pytest.mark.parametrize("digits", [DIGITS, "1234567890"], ids=["5000 digits", "10 digits"])
@pytest.mark.parametrize("where", list(PLAN_NUMBERS))
def test_a_long_number_in_the_plan_is_a_located_error(home: Path, kexie, where, digits) -> None:
    """validate (and status) exit 1 with one `number_too_long` at the number itself, its
    text cut at 40 characters."""
    old, new = PLAN_NUMBERS[where]
    assert old in SMALL_PLAN
    text = SMALL_PLAN.replace(old, new.format(digits), 1)
    (home / "plans" / "2021.yaml").write_text(text, encoding="utf-8")
    number = ("3-" if where == "a range's top" else "") + digits
    at = place(text, number)
    shown = number if len(number) <= 40 else number[:40] + "…"
    error = f"plans/2021.yaml:{at}: error: '{shown}{TOO_LONG}\n"
    run = kexie("validate", "plans/2021.yaml")
    assert (run.code, run.out, run.err) == (1, "", error + "1 error in 1 file; 0 files ok\n")
    if digits == DIGITS:  # what made every command exit 3
        run = kexie("status", "--plan", "plans/2021.yaml")
        assert (run.code, run.out, run.err) == (1, "", error)


def test_a_long_number_in_a_target_s_text_never_crashes(home: Path, kexie) -> None:
    """A number of 5000 digits quoted in `text` with the target's unit: no crash (exit 3)
    in validate, status or show (it is a located error: the test below)."""
    text = SMALL_PLAN.replace("goal: 3-5}", f"goal: 3-5, text: 举办{DIGITS}场}}")
    (home / "plans" / "2021.yaml").write_text(text, encoding="utf-8")
    for args in (("validate",), ("status",), ("show", "intl-forums")):
        assert kexie(*args).code in (0, 1), args


@pytest.mark.parametrize("digits", [DIGITS, "1234567890"], ids=["5000 digits", "10 digits"])
def test_a_long_number_in_a_target_s_text_is_a_located_error(home: Path, kexie, digits) -> None:
    """As docs/hostile-input.md says: a located error at the text, exit 1."""
    text = SMALL_PLAN.replace("goal: 3-5}", f"goal: 3-5, text: 举办{digits}场}}")
    (home / "plans" / "2021.yaml").write_text(text, encoding="utf-8")
    run = kexie("validate")
    assert (run.code, run.out) == (1, "")
    first, summary = run.err.splitlines()
    assert first.startswith(f"plans/2021.yaml:{place(text, '举办')}: error: ")
    assert "has more than 9 digits; a number here is at most 999999999" in first
    assert summary == "1 error in 1 file; 0 files ok"


@pytest.mark.parametrize("digits", [DIGITS, "9" * 4000], ids=["5000 digits", "4000 digits"])
def test_a_long_ledger_amount_is_a_located_error_and_every_view_still_works(
    ledger: Path, kexie, digits: str
) -> None:
    """A ledger amount of thousands of digits (under or over Python's 4300-digit limit) is
    one located error for validate and one warning for status, show, report and log,
    which go on. (10 digits: tests/test_ledger.py.)"""
    line = f"- {{id: 01F0000000CCCCCC, date: 2021-04-03, target: haizhi-salons, amount: {digits}}}"
    with ledger.open("a", encoding="utf-8") as out:
        out.write(line + "\n")
    number = LEDGER.count("\n") + 1
    shown = digits if len(digits) <= 40 else digits[:40] + "…"
    error = f"{LEDGER_PATH}:{number}:{line.index(digits) + 1}: error: '{shown}{TOO_LONG}\n"
    run = kexie("validate")
    assert (run.code, run.out) == (1, PLAN_OK)
    assert run.err == error + "1 error in 1 file; 1 file ok\n"
    warning = error.replace(": error: ", ": warning: ")
    run = kexie("status", "--format", "json")
    assert (run.code, run.err) == (0, warning)
    assert actual(run.out)["haizhi-salons"] == 3  # the bad line does not count
    for args in (
        ("show", "haizhi-salons"),
        ("report",),
        ("report", "--format", "csv", "--table", "records"),
        ("log",),
    ):
        run = kexie(*args)
        assert (run.code, run.err) == (0, warning), args


# --- 11. far dates: the period is bounded around its year, and so is every date argument ---


def test_a_period_from_0001_to_9999_is_refused_at_both_dates(home: Path, kexie) -> None:
    """validate exits 1 with `period_far` at each date; status, show, report, remind and
    new-year refuse the plan the same way instead of crashing."""
    text = SMALL_PLAN.replace(
        "title: 测试计划\n", "title: 测试计划\nperiod: {start: 0001-01-01, end: 9999-12-31}\n"
    )
    (home / "plans" / "2021.yaml").write_text(text, encoding="utf-8")
    errors = "".join(
        f"plans/2021.yaml:{place(text, day)}: error: period date {day} is too far from the "
        "plan's year 2021: a period lies between 2020-01-01 and 2022-12-31\n"
        for day in ("0001-01-01", "9999-12-31")
    )
    run = kexie("validate")
    assert (run.code, run.out, run.err) == (1, "", errors + "2 errors in 1 file; 0 files ok\n")
    for args in (
        ("status",),
        ("show", "haizhi-salons"),
        ("report",),
        ("remind",),
        ("log",),
        ("new-year", "2022", "--from", "plans/2021.yaml"),
    ):
        run = kexie(*args)
        assert (run.code, run.out, run.err) == (1, "", errors), args
    assert not (home / "plans" / "2022.yaml").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("status", "--as-of", "9999-12-31"),
            "--as-of '9999-12-31' is outside the years 1900 to 2999",
        ),
        (
            ("remind", "--as-of", "0001-01-01"),
            "--as-of '0001-01-01' is outside the years 1900 to 2999",
        ),
        (
            ("log", "--since", "0001-01-01"),
            "--since '0001-01-01' is outside the years 1900 to 2999",
        ),
        (
            ("show", "haizhi-salons", "--as-of", "9999-12-31"),
            "--as-of '9999-12-31' is outside the years 1900 to 2999",
        ),
        (
            ("report", "--period", "0000-01"),
            "--period '0000-01' is not Q1-Q4, H1, H2, YEAR or YYYY-MM inside the plan's period",
        ),
    ],
)
def test_far_date_arguments_are_usage_errors(ledger: Path, kexie, args, message) -> None:
    """Dates far from any plan's year are refused (exit 2), not computed with."""
    run = kexie(*args)
    assert (run.code, run.out, run.err) == (2, "", f"kexie: error: {message}\n")


# --- 12. FIFOs and devices: never waited on, never read without bound ----------------------


@posix
@pytest.mark.slow  # real processes: a regression hangs each of them until the timeout
def test_a_fifo_ledger_is_refused_at_once(tmp_path: Path) -> None:
    """status, record and validate finish with exit 2 and `not a regular file`; nothing
    is written into the FIFO."""
    from kexie_process import LEDGER as PROCESS_LEDGER
    from kexie_process import home as process_home
    from kexie_process import kexie as run_process

    folder = process_home(tmp_path)
    os.mkfifo(folder / PROCESS_LEDGER)
    refused = f"{PROCESS_LEDGER}: error: not a regular file\n"
    assert run_process(folder, "status") == (2, "", refused)
    record = ("record", "haizhi-salons", "--date", "2021-03-12", "--yes")
    assert run_process(folder, *record) == (2, "", refused)
    assert run_process(folder, "validate") == (
        2,
        "plans/2021.yaml: ok (1 section, 1 measure, 2 targets, 1 activity)\n",
        refused + "1 error in 1 file; 1 file ok\n",
    )
    assert stat.S_ISFIFO(os.lstat(folder / PROCESS_LEDGER).st_mode)


def test_a_cache_file_that_is_a_link_is_not_followed(tmp_path: Path) -> None:
    """A cache file that is a symbolic link reads as no cache: to /dev/zero (endless) and
    even to a good cache file."""
    from kexie_plan.cache import read_cached, write_cached

    write_cached(tmp_path, "good.json", {"totals": 1})
    assert read_cached(tmp_path, "good.json") == {"totals": 1}
    symlink_or_skip(tmp_path / "link.json", "good.json")
    assert read_cached(tmp_path, "link.json") is None
    if os.path.exists("/dev/zero"):
        symlink_or_skip(tmp_path / "zero.json", "/dev/zero")
        assert read_cached(tmp_path, "zero.json") is None


@posix
def test_a_cache_file_that_is_a_fifo_is_not_waited_on(tmp_path: Path) -> None:
    """Opening a FIFO for reading waits for a writer: read_cached must not (it returns None
    at once). A thread does the read, so that a regression fails here instead of hanging."""
    from kexie_plan.cache import read_cached

    fifo = tmp_path / "ledger-fifo.json"
    os.mkfifo(fifo)
    results: list[object] = []
    reader = threading.Thread(target=lambda: results.append(read_cached(tmp_path, fifo.name)))
    reader.daemon = True
    reader.start()
    reader.join(timeout=10)
    waited = reader.is_alive()
    if waited:  # a writer that goes away at once releases the stuck reader
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        reader.join(timeout=10)
    assert not waited
    assert results == [None]


# --- 13. a path that is not UTF-8 ----------------------------------------------------------


@posix
def test_a_plan_under_a_folder_whose_name_is_not_utf8(home: Path, kexie) -> None:
    """`status --format json` and `validate --format json` print valid UTF-8 and valid JSON,
    the byte that is not UTF-8 shown as \\xff."""
    raw = os.fsencode(home) + b"/a\xffb"
    try:
        os.makedirs(raw + b"/plans")
    except OSError as exc:
        pytest.skip(f"the file system refuses a name that is not UTF-8: {exc}")
    (home / "plans" / "2021.yaml").rename(os.fsdecode(raw + b"/plans/2021.yaml"))
    plan = os.fsdecode(b"a\xffb/plans/2021.yaml")
    run = kexie("status", "--format", "json", "--plan", plan)
    assert (run.code, run.err) == (0, "")
    assert json.loads(run.out_bytes.decode("utf-8"))["plan"]["path"] == "a\\xffb/plans/2021.yaml"
    run = kexie("validate", "--format", "json", plan)
    assert (run.code, run.out_bytes, run.err) == (0, b"[]\n", "")
    # an invalid plan there: the error names its path, still UTF-8 and JSON
    bad = SMALL_PLAN.replace("month: 5}", "month: 13}")
    Path(plan).write_text(bad, encoding="utf-8")
    run = kexie("validate", "--format", "json", plan)
    assert run.code == 1
    (error,) = json.loads(run.out_bytes.decode("utf-8"))
    line, col = place(bad, "13}").split(":")
    assert error == {
        "path": "a\\xffb/plans/2021.yaml",
        "line": int(line),
        "col": int(col),
        "message": "13 is too large: at most 12",
        "severity": "error",
    }
    run = kexie("validate", plan)
    assert run.err == (
        f"a\\xffb/plans/2021.yaml:{line}:{col}: error: 13 is too large: at most 12\n"
        "1 error in 1 file; 0 files ok\n"
    )


# --- 15. validate reports every problem of every kind in one run --------------------------


def test_a_typo_a_duplicate_id_and_month_13_are_all_reported(home: Path, kexie) -> None:
    """A typo'd key, a duplicate id and a month 13 in one file: three located errors."""
    text = (
        SMALL_PLAN.replace("month: 3, target:", "month: 3, traget:")
        .replace("{id: intl-forums,", "{id: haizhi-salons,")
        .replace("month: 5}", "month: 13}")
    )
    (home / "plans" / "2021.yaml").write_text(text, encoding="utf-8")
    first = place(text, "haizhi-salons, name: 海智沙龙").split(":")[0]
    run = kexie("validate")
    assert (run.code, run.out) == (1, "")
    assert run.err == (
        f"plans/2021.yaml:{place(text, 'haizhi-salons, name: 国际')}: error: id "
        f"'haizhi-salons' is already used (first on line {first})\n"
        f"plans/2021.yaml:{place(text, 'traget')}: error: unknown key 'traget'; "
        "did you mean 'target'?\n"
        f"plans/2021.yaml:{place(text, '13}')}: error: 13 is too large: at most 12\n"
        "3 errors in 1 file; 0 files ok\n"
    )


@pytest.mark.parametrize("typos", [1, 2])
def test_a_typo_in_a_required_key_is_reported_where_it_is(home: Path, kexie, typos) -> None:
    """A target whose `name` is spelt `nmae`: the missing key at the target, the unknown key
    at the typo, for each such target."""
    text = SMALL_PLAN.replace("{id: haizhi-salons, name:", "{id: haizhi-salons, nmae:")
    if typos == 2:
        text = text.replace("{id: intl-forums, name:", "{id: intl-forums, nmae:")
    (home / "plans" / "2021.yaml").write_text(text, encoding="utf-8")
    expected = []
    for ident in ("haizhi-salons", "intl-forums")[:typos]:
        start = place(text, f"{{id: {ident},")
        typo = place(text, f"nmae: {'海智' if ident == 'haizhi-salons' else '国际'}")
        expected += [
            f"plans/2021.yaml:{start}: error: missing required key 'name'",
            f"plans/2021.yaml:{typo}: error: unknown key 'nmae'; did you mean 'name'?",
        ]
    run = kexie("validate")
    assert (run.code, run.out) == (1, "")
    assert run.err.splitlines() == [*expected, f"{2 * typos} errors in 1 file; 0 files ok"]


def test_a_typo_in_a_top_level_key_still_reports_the_duplicate_id(home: Path, kexie) -> None:
    """`titel:` for `title:`, a duplicate id and a month 13: all four problems."""
    text = (
        SMALL_PLAN.replace("title: 测试计划", "titel: 测试计划")
        .replace("{id: intl-forums,", "{id: haizhi-salons,")
        .replace("month: 5}", "month: 13}")
    )
    (home / "plans" / "2021.yaml").write_text(text, encoding="utf-8")
    first = place(text, "haizhi-salons, name: 海智沙龙").split(":")[0]
    run = kexie("validate")
    assert (run.code, run.out) == (1, "")
    assert run.err.splitlines() == [
        "plans/2021.yaml:1:1: error: missing required key 'title'",
        f"plans/2021.yaml:{place(text, 'titel')}: error: unknown key 'titel'; "
        "did you mean 'title'?",
        f"plans/2021.yaml:{place(text, 'haizhi-salons, name: 国际')}: error: id "
        f"'haizhi-salons' is already used (first on line {first})",
        f"plans/2021.yaml:{place(text, '13}')}: error: 13 is too large: at most 12",
        "4 errors in 1 file; 0 files ok",
    ]


# --- messages --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [("status",), ("log",), ("report",), ("show", "haizhi-salons"), ("record", "sci-day")],
    ids=lambda args: args[0],
)
def test_a_ledger_that_is_a_folder_fails_every_view(home: Path, kexie, args) -> None:
    """Exit 2 naming the ledger, not exit 0 with a warning and zero progress."""
    (home / LEDGER_PATH).mkdir()
    run = kexie(*args, "--yes") if args[0] == "record" else kexie(*args)
    assert (run.code, run.out, run.err) == (2, "", NOT_REGULAR)


UTF16 = "the ledger is UTF-16 (as Notepad or Excel may save it); save it as UTF-8"
CR_ONLY = (
    "the ledger's lines end in CR alone (old Mac style), so it reads as one endless line; "
    "save it with LF line ends"
)


@pytest.mark.parametrize(
    ("encode", "message"),
    [
        (lambda text: text.encode("utf-16"), UTF16),  # with a byte order mark
        (lambda text: text.encode("utf-16-le"), UTF16),
        (lambda text: text.encode("utf-16-be"), UTF16),
        (lambda text: text.replace("\n", "\r").encode(), CR_ONLY),
    ],
    ids=["UTF-16 with BOM", "UTF-16-LE", "UTF-16-BE", "CR alone"],
)
def test_a_ledger_saved_in_the_wrong_form_is_one_error_at_line_1(
    home: Path, kexie, encode, message
) -> None:
    """Not one error per line (or one endless line): one error at line 1 saying what the
    file is, for validate, and status refuses it."""
    (home / LEDGER_PATH).write_bytes(encode(HELD + COUNTED))
    run = kexie("validate")
    assert (run.code, run.out) == (1, PLAN_OK)
    assert run.err == f"{LEDGER_PATH}:1: error: {message}\n1 error in 1 file; 1 file ok\n"
    run = kexie("status")
    assert (run.code, run.out, run.err) == (1, "", f"{LEDGER_PATH}:1: error: {message}\n")


def test_efbig_is_not_reported_as_a_full_disk() -> None:
    """A file past the file system's (or a quota's) size limit is said to be that."""
    reason = os_reason(OSError(errno.EFBIG, "File too large"))
    assert reason == "the file would be larger than the file system or a quota allows"
    assert os_reason(OSError(errno.ENOSPC, "No space left on device")) == (
        "No space left on device"
    )


def test_a_json_style_surrogate_pair_is_one_character(ledger: Path, kexie) -> None:
    """`"\\ud83d\\ude00"` (how JSON writes 😀) reads as 😀; a lone `"\\ud83d"` is a located
    error and the other lines still count."""
    pair = '- {"id": "01F0000000PPPPPP", "date": "2021-04-05", "target": "intl-forums", '
    pair += '"note": "\\ud83d\\ude00"}'
    lone = '- {"id": "01F0000000QQQQQQ", "date": "2021-04-06", "target": "intl-forums", '
    lone += '"note": "a\\ud83d"}'
    with ledger.open("a", encoding="utf-8") as out:
        out.write(pair + "\n" + lone + "\n")
    records = read_ledger(ledger).records
    assert records[-1].id == "01F0000000PPPPPP" and records[-1].note == "😀"
    number = LEDGER.count("\n") + 2
    run = kexie("validate")
    assert (run.code, run.out) == (1, PLAN_OK)
    assert run.err == (
        f"{LEDGER_PATH}:{number}:{lone.index(chr(34) + 'a') + 1}: error: note holds a lone "
        "surrogate escape; write the character itself\n1 error in 1 file; 1 file ok\n"
    )
    run = kexie("log", "--format", "json")
    assert run.code == 0
    assert [r["note"] for r in json.loads(run.out) if r["id"].startswith("01F0000000P")] == ["😀"]
    run = kexie("status", "--format", "json")
    assert actual(run.out)["intl-forums"] == 1  # the good line counts, the bad one not


def test_a_100_kb_argument_is_not_echoed_in_full(ledger: Path, kexie) -> None:
    """A REF of 100,000 characters is quoted cut at 200, with the count left out."""
    run = kexie("show", "x" * 100_000)
    assert (run.code, run.out) == (2, "")
    assert run.err == (
        f"kexie: error: no target, activity or measure is called '{'x' * 200}…(+99800)'\n"
    )
    assert len(run.err) < 400


def test_many_bad_ledger_lines_give_20_warnings_and_a_count(ledger: Path, kexie) -> None:
    """100 bad lines: status and log print the first 20 and one line counting the other
    80 (the same when the totals come from the cache); validate lists all 100."""
    bad = "- {id: 01F00000000%05d, date: 2021-02-30, target: haizhi-salons}\n"
    with ledger.open("a", encoding="utf-8") as out:
        out.writelines(bad % n for n in range(100))
    first = LEDGER.count("\n") + 1
    col = (bad % 0).index("2021-02-30") + 1
    problem = f"{col}: %s: expected a date (YYYY-MM-DD), got text"
    warnings = [f"{LEDGER_PATH}:{first + n}:{problem % 'warning'}" for n in range(20)]
    more = "… and 80 more warnings; kexie validate lists every one"
    for args in (("status",), ("status",), ("log",)):  # the second status reads the cache
        run = kexie(*args)
        assert run.code == 0
        assert run.err.splitlines() == [*warnings, more]
    run = kexie("validate")
    assert run.code == 1
    assert run.err.splitlines() == [
        *(f"{LEDGER_PATH}:{first + n}:{problem % 'error'}" for n in range(100)),
        "100 errors in 1 file; 1 file ok",
    ]


def test_init_failing_names_the_file_and_leaves_nothing(home: Path, kexie) -> None:
    """`.github` is a file: init exits 2 naming the workflow it could not write, and takes
    back every file and folder it had made."""
    folder = home / "new"
    folder.mkdir()
    (folder / ".github").write_bytes(b"a file\n")
    run = kexie("init", "new", "--year", "2022")
    assert (run.code, run.out) == (2, "")
    assert run.err == (
        "kexie: error: cannot write new/.github/workflows/plan-check.yml: Not a directory\n"
    )
    assert sorted(p.name for p in folder.iterdir()) == [".github"]
    assert (folder / ".github").read_bytes() == b"a file\n"
