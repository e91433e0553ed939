"""What every command shares: the Typer app, common options, plan discovery, exit codes.

Reads the environment and the working folder; commands call these instead of each
finding files their own way.
"""

from __future__ import annotations

import os
import re
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from kexie_plan.errors import PlanError

if TYPE_CHECKING:
    from rich.console import Console

    from kexie_plan.plan import Plan
    from kexie_plan.progress import StatusReport
    from kexie_plan.record import Record
from kexie_plan.i18n import choose_lang

EXIT_OK, EXIT_INVALID, EXIT_USAGE, EXIT_BUG = 0, 1, 2, 3

# Problems with how kexie was called (exit 2), as opposed to problems inside a file (exit 1).
USAGE_CODES = {
    "file_missing",
    "file_unreadable",
    "not_regular_file",
    "no_plan",
    "bad_config",
    "bad_lang",
    # the ledger cannot be written (read-only, disk full) or a record is too long to write
    "ledger_unwritable",
    "record_too_long",
}

BUNDLED_PLAN = Path(__file__).resolve().parent.parent / "bundled" / "2021.yaml"

app = typer.Typer(
    name="kexie",
    help=(
        "kexie: track a yearly work plan (targets, measures, activities) kept as YAML in git.\n\n"
        "科协年度工作计划跟踪工具：目标、措施、重大活动。"
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class UsageProblem(Exception):
    """A usage error found by a command: printed as one line, exit 2."""

    def __init__(self, error: PlanError):
        super().__init__(error.code)
        self.error = error


PlanOption = Annotated[
    Path | None,
    typer.Option(
        "--plan",
        help=(
            "Plan file. Default: $KEXIE_PLAN, kexie.toml, plans/<year>.yaml, "
            "else the bundled 2021 plan."
        ),
    ),
]
LangOption = Annotated[
    str | None,
    typer.Option(
        "--lang", help="zh or en. Default: $KEXIE_LANG, else kexie.toml's lang, else the locale."
    ),
]


# The language the running command chose, so that `main` words its errors the same way.
chosen_lang: dict[str, str] = {}


def lang_of(option: str | None) -> str:
    """Return the UI language, refusing a value that is neither zh nor en."""
    if option is not None and option.lower()[:2] not in ("zh", "en"):
        raise UsageProblem(PlanError("bad_lang", {"value": option}))
    if option is None and not os.environ.get("KEXIE_LANG"):
        option = config_setting("lang")
    chosen_lang["lang"] = choose_lang(option)
    return chosen_lang["lang"]


AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        metavar="DATE",
        help="See the plan as it stood on DATE (YYYY-MM-DD); later records are ignored. "
        "Default: today.",
    ),
]
FormatOption = Annotated[
    str,
    typer.Option("--format", help="table (default), json, csv or markdown."),
]


def date_of(option: str, value: str | None, default: date) -> date:
    """Return the date an option names (YYYY-MM-DD), or `default` when it is not given."""
    if value is None:
        return default
    try:
        if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
            raise ValueError(value)
        return date.fromisoformat(value)
    except ValueError:
        raise UsageProblem(PlanError("bad_date", {"option": option, "value": value})) from None


def as_of_of(value: str | None, plan: Plan, today: date) -> tuple[date, str | None]:
    """Return the day to show the plan at, and why it is not the day asked for.

    --as-of when given; else today clamped into the plan's period ("ended": shown at its
    last day; "not_started": at its first), so that a finished plan keeps its verdicts.
    """
    from kexie_plan.progress import default_as_of

    if value is not None:
        return date_of("--as-of", value, today), None
    return default_as_of(plan, today)


def choice_of(option: str, value: str, allowed: tuple[str, ...]) -> str:
    """Return `value` when it is one of `allowed`; otherwise a usage problem (exit 2)."""
    if value not in allowed:
        params = {"option": option, "value": value, "allowed": ", ".join(allowed)}
        raise UsageProblem(PlanError("bad_choice", params))
    return value


# kexie.toml: every setting is optional text. plan: the plan file, relative to kexie.toml;
# lang: zh or en; unit: the unit id that `kexie record` stores as `by` when --by is not given.
CONFIG_KEYS = ("plan", "lang", "unit")


def read_config(start: Path | None = None) -> tuple[Path, dict[str, str]] | None:
    """Return the nearest kexie.toml at or above `start` (default: the current folder) and
    its settings; a usage problem (exit 2) when it cannot be read or holds an unknown key."""
    start = Path.cwd() if start is None else start
    for folder in (start, *start.parents):
        config = folder / "kexie.toml"
        if not config.is_file():
            continue
        import tomllib  # only when there is a kexie.toml: 4 ms of every start otherwise

        def bad(problem: str, config: Path = config) -> UsageProblem:
            return UsageProblem(PlanError("bad_config", {"path": str(config), "problem": problem}))

        try:
            settings = tomllib.loads(config.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise bad(str(exc).splitlines()[0] if str(exc) else type(exc).__name__) from None
        for key, value in settings.items():
            if key not in CONFIG_KEYS:
                raise bad(f"unknown setting {key!r} (known: {', '.join(CONFIG_KEYS)})")
            if not isinstance(value, str):
                raise bad(f"{key} must be a string")
        if "lang" in settings and settings["lang"].lower()[:2] not in ("zh", "en"):
            raise bad("lang must be zh or en")
        return config, settings
    return None


def config_setting(key: str) -> str | None:
    """Return a setting of the nearest kexie.toml, or None when there is none."""
    found = read_config()
    return found[1].get(key) if found is not None else None


def _config_plan(start: Path) -> Path | None:
    """Return the plan named by the nearest kexie.toml at or above `start`, if any."""
    found = read_config(start)
    if found is None or "plan" not in found[1]:
        return None
    return found[0].parent / found[1]["plan"]


def find_plan(option: Path | None, today: date | None = None) -> Path:
    """Return the plan to use: --plan, $KEXIE_PLAN, kexie.toml, plans/*.yaml, then bundled."""
    if option is not None:
        return option
    if os.environ.get("KEXIE_PLAN"):
        return Path(os.environ["KEXIE_PLAN"])
    cwd = Path.cwd()
    configured = _config_plan(cwd)
    if configured is not None:
        return configured
    candidates = sorted(
        p for p in (cwd / "plans").glob("*.yaml") if not p.name.endswith(".progress.yaml")
    )
    if candidates:
        year = str((today or date.today()).year)
        this_year = [p for p in candidates if p.stem == year]
        return (this_year or candidates)[-1]
    return BUNDLED_PLAN


def shown_path(path: Path) -> str:
    """Return the path as users should see it: relative to the current folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(path)


def read_ledger_and_warn(
    ledger: Path, lang: str, plan: Plan | None = None
) -> tuple[list[Record], list[PlanError]]:
    """Return the ledger's complete records, printing each problem as a warning on stderr.

    Problems are bad lines (a torn last line) and, when `plan` is given, records that
    break the plan's rules. Every complete record is returned, so that one bad line does
    not hide the year's progress; `validate` is what fails on them.
    """
    import gc

    from kexie_plan.checks import check_records
    from kexie_plan.ledger import read_ledger
    from kexie_plan.render import warning_line

    shown = shown_path(ledger)
    # Records hold no reference cycles, so the cycle collector would only walk the
    # growing list again and again while it is read (about 5% of `status` at 100k).
    collecting = gc.isenabled()
    gc.disable()
    try:
        read = read_ledger(ledger, shown)
        problems = list(read.problems)
        if plan is not None:
            problems += check_records(plan, read.records)
    finally:
        if collecting:
            gc.enable()
    placed = [p if p.path is not None else p.at(shown, p.line, p.col) for p in problems]
    for problem in placed:
        sys.stderr.write(warning_line(problem, lang) + "\n")
    return read.records, placed


def status_from_ledger(
    ledger: Path, lang: str, plan: Plan, as_of: date, clamped: str | None = None
) -> StatusReport:
    """Return the plan's standing at as_of, printing the ledger's problems as warnings.

    Like `read_ledger_and_warn`, but the records are never held: one pass finds the
    reversals (a bytes search picks their lines), a second sums every record as it is
    read. Memory grows with the reversals, not with the ledger, so duplicate ids (which
    need every id) are left to `validate`.
    """
    import gc
    from collections.abc import Iterator

    from kexie_plan.checks import RecordChecks
    from kexie_plan.ledger import iter_ledger, read_reversals
    from kexie_plan.progress import status_report
    from kexie_plan.record import Record
    from kexie_plan.render import warning_line

    shown = shown_path(ledger)
    reversals = read_reversals(ledger, shown)
    checks = RecordChecks(plan, (r.revert or "" for r in reversals), unique_ids=False)
    problems: list[PlanError] = []

    def records() -> Iterator[Record]:
        for item in iter_ledger(ledger, shown):
            if type(item) is Record:
                checks.add(item)
                yield item
            else:
                problems.append(item)  # type: ignore[arg-type]

    cancelled = {r.revert or "" for r in reversals}
    collecting = gc.isenabled()
    gc.disable()  # see read_ledger_and_warn
    try:
        report = status_report(plan, records(), as_of, cancelled, clamped)
        problems += checks.problems()
    finally:
        if collecting:
            gc.enable()
    for problem in problems:
        if problem.path is None:
            problem = problem.at(shown, problem.line, problem.col)
        sys.stderr.write(warning_line(problem, lang) + "\n")
    return report


def cache_folder() -> Path | None:
    """Return where kexie keeps caches: $XDG_CACHE_HOME/kexie, else ~/.cache/kexie.

    None when there is no home to put it in; kexie then works without a cache, slower.
    """
    base = os.environ.get("XDG_CACHE_HOME")
    if base and Path(base).is_absolute():
        return Path(base) / "kexie"
    home = os.environ.get("HOME")
    return Path(home) / ".cache" / "kexie" if home else None


def output_console() -> Console:
    """Return the console that commands print tables with: no markup, no highlighting."""
    from rich.console import Console

    return Console(highlight=False, emoji=False, markup=False)
