"""One run of kexie: its language, its today, its settings, its plan, its outputs.

Each command builds one `Env` first (`Env.create`) and asks it for everything that
depends on where and how kexie runs: the language (--lang, else $KEXIE_LANG, else
kexie.toml's lang, else the locale), today ($KEXIE_TODAY, for tests and demonstrations,
else the clock), the plan (--plan, $KEXIE_PLAN, kexie.toml, plans/YEAR.yaml, the bundled
2021 plan), the cache folder, and the loaded `Book` with its warnings printed once.
The only module that reads the environment, the working folder and the clock.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from kexie_plan.errors import PlanError, PlanErrors, UsageProblem
from kexie_plan.i18n import choose_lang, text

if TYPE_CHECKING:
    from rich.console import Console

    from kexie_plan.loader import Book
    from kexie_plan.plan import Plan

BUNDLED_PLAN = Path(__file__).resolve().parent.parent / "bundled" / "2021.yaml"
# kexie.toml: every setting is optional text. plan: the plan file, relative to kexie.toml;
# lang: zh or en; unit: read only for a person who has no unit of their own (kexie config).
CONFIG_KEYS = ("plan", "lang", "unit")
MAX_WARNINGS = 20  # a run prints this many of a ledger's problems, then how many more

# The language of the run that is under way, so that the error boundary words its
# messages the same way (an error may come before the command has its Env).
current: dict[str, str] = {}


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


def lang_of(option: str | None) -> str:
    """Return the UI language: the option, else $KEXIE_LANG, else the person's own setting
    (kexie config), else kexie.toml, else the locale; a usage problem for a value that is
    neither zh nor en."""
    if option is not None and option.lower()[:2] not in ("zh", "en"):
        raise UsageProblem(PlanError("bad_lang", {"value": option}))
    if option is None:
        option = current.get("lang")
    if option is None and not os.environ.get("KEXIE_LANG"):
        from kexie_plan.cli.userconfig import read_user_config

        option = read_user_config().get("lang")  # the person's own, before the repository's
        if option is None:
            found = read_config()
            option = found[1].get("lang") if found is not None else None
    lang = choose_lang(option)
    current["lang"] = lang
    return lang


def today() -> date:
    """Return today: $KEXIE_TODAY (YYYY-MM-DD) when set, else the clock's."""
    value = os.environ.get("KEXIE_TODAY")
    if value:
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise UsageProblem(
                PlanError("bad_date", {"option": "KEXIE_TODAY", "value": value})
            ) from None
    return date.today()


def cache_folder() -> Path | None:
    """Return where kexie keeps caches: $XDG_CACHE_HOME/kexie, else ~/.cache/kexie (on
    Windows %LOCALAPPDATA%\\kexie\\cache); None when there is no such folder to use."""
    base = os.environ.get("XDG_CACHE_HOME")
    if base and Path(base).is_absolute():
        return Path(base) / "kexie"
    local = os.environ.get("LOCALAPPDATA")
    if sys.platform == "win32" and local:
        return Path(local) / "kexie" / "cache"
    home = os.environ.get("HOME") or os.environ.get("USERPROFILE")
    return Path(home) / ".cache" / "kexie" if home else None


def shown_path(path: Path) -> str:
    """Return the path as users should see it: relative to the current folder when inside
    it, as given otherwise (never resolved through a link). Bytes of a file name that are
    not UTF-8 are shown as \\xNN, so every output (JSON too) stays valid UTF-8."""
    path = Path(path)
    try:
        name = str(Path(os.path.abspath(path)).relative_to(Path(os.path.abspath(Path.cwd()))))
    except ValueError:
        name = str(path)
    if name.isprintable() or not any("\ud800" <= char <= "\udfff" for char in name):
        return name
    try:
        raw = name.encode("utf-8", "surrogateescape")  # the bytes os.fsdecode kept
    except UnicodeEncodeError:
        raw = name.encode("utf-8", "surrogatepass")  # a broken UTF-16 name (Windows)
    return raw.decode("utf-8", "backslashreplace")


@dataclass
class Env:
    """What one run of a command knows about where and how it runs."""

    lang: str
    today: date
    plan_option: Path | None = None
    cache_dir: Path | None = field(default_factory=cache_folder)
    _console: Console | None = None
    _said_bundled: bool = False

    @classmethod
    def create(cls, lang: str | None = None, plan: Path | None = None) -> Env:
        """Return the run's Env from its --lang and --plan options."""
        return cls(lang=lang_of(lang), today=today(), plan_option=plan)

    def say(self, code: str, **params: object) -> str:
        """Return a message in the run's language."""
        return text(code, self.lang, **params)

    def setting(self, key: str) -> str | None:
        """Return a setting of the nearest kexie.toml, or None."""
        found = read_config()
        return found[1].get(key) if found is not None else None

    def default_unit(self) -> tuple[str, str] | None:
        """Return the unit this person records as when --by is not given, and the words
        for where it came from: $KEXIE_BY, else their own settings (`kexie config set
        unit`), else a kexie.toml's `unit` (an old, shared setting: said once, on stderr)."""
        from kexie_plan.cli.userconfig import read_user_config, user_config_path

        if os.environ.get("KEXIE_BY"):
            return os.environ["KEXIE_BY"], self.say("source.kexie_by")
        mine = read_user_config().get("unit")
        if mine:
            return mine, self.say("source.user_config", path=str(user_config_path()))
        shared = self.setting("unit")
        if shared:
            sys.stderr.write(self.say("config.shared_unit", value=shared) + "\n")
            return shared, "kexie.toml"
        return None

    def reporter(self, plan: Plan, given: str | None) -> str | None:
        """Return the `by` to store: --by as given (a unit's id or name when the plan lists
        units), else this person's default unit (`default_unit`), else None. A default the
        plan does not know is one clear line that says where it came from."""
        from kexie_plan.cli.parse import reporter_of

        if given is not None:
            return reporter_of(plan, given)
        default = self.default_unit()
        if default is None:
            return None
        value, source = default
        try:
            return reporter_of(plan, value)
        except UsageProblem as exc:
            from kexie_plan.render.text import error_message

            problem = error_message(exc.error, self.lang)
            params = {"value": value, "source": source, "problem": problem}
            raise UsageProblem(PlanError("record.default_unit", params)) from None

    def plan_path(self) -> Path:
        """Return the plan to use: --plan, $KEXIE_PLAN, kexie.toml, plans/*.yaml, bundled."""
        if self.plan_option is not None:
            return self.plan_option
        if os.environ.get("KEXIE_PLAN"):
            return Path(os.environ["KEXIE_PLAN"])
        cwd = Path.cwd()
        found = read_config(cwd)
        if found is not None and "plan" in found[1]:
            return found[0].parent / found[1]["plan"]
        candidates = sorted(
            p for p in (cwd / "plans").glob("*.yaml") if not p.name.endswith(".progress.yaml")
        )
        if candidates:
            this_year = [p for p in candidates if p.stem == str(self.today.year)]
            return (this_year or candidates)[-1]
        return BUNDLED_PLAN

    def inputs(self) -> dict[str, Path]:
        """Return the files this run reads, by the words that name them: the plan, its
        ledger and kexie.toml."""
        from kexie_plan.ledger import ledger_path_for

        plan = self.plan_path()
        found = {"input.plan": plan, "input.ledger": ledger_path_for(plan)}
        config = read_config()
        if config is not None:
            found["input.config"] = config[0]
        return found

    def plan(self) -> Plan:
        """Return the plan, validated (from the cache when its bytes are unchanged)."""
        from kexie_plan.planfile import load_plan

        path = self.plan_path()
        self._say_if_bundled(path)
        return load_plan(path, self.cache_dir, shown_path(path))

    def book(self, full: bool = False, warn: bool = True) -> Book:
        """Return the plan and what its ledger adds up to; the ledger's problems are printed
        as warnings (at most MAX_WARNINGS, then how many more), once."""
        from kexie_plan.ledger import ledger_path_for
        from kexie_plan.loader import load_book

        path = self.plan_path()
        self._say_if_bundled(path)
        book = load_book(
            path,
            cache_dir=self.cache_dir,
            full=full,
            shown_plan=shown_path(path),
            shown_ledger=shown_path(ledger_path_for(path)),
        )
        if book.unreadable:
            raise PlanErrors(book.unreadable)
        if warn:
            self.warn(book.problems, book.problem_count)
        return book

    def _say_if_bundled(self, path: Path) -> None:
        """Say once, on stderr, that no plan was found here and the bundled example is
        shown (a clerk must not take the 2021 example for their own plan)."""
        if path == BUNDLED_PLAN and self.plan_option is None and not self._said_bundled:
            self._said_bundled = True
            sys.stderr.write(self.say("plan.bundled") + "\n")

    def warn(self, problems: list[PlanError], count: int | None = None) -> None:
        """Print problems as warnings on stderr, at most MAX_WARNINGS of them."""
        from kexie_plan.render.text import warning_line

        for problem in problems[:MAX_WARNINGS]:
            sys.stderr.write(warning_line(problem, self.lang) + "\n")
        more = (len(problems) if count is None else count) - min(len(problems), MAX_WARNINGS)
        if more > 0:
            sys.stderr.write(self.say("warnings_more", count=more) + "\n")

    def as_of(self, value: str | None, plan: Plan) -> tuple[date, str | None]:
        """Return the day to show the plan at, and why it is not the day asked for: --as-of
        when given; else today clamped into the plan's period ("ended" or "not_started")."""
        from kexie_plan.cli.parse import date_of
        from kexie_plan.progress import default_as_of

        if value is not None:
            return date_of("--as-of", value, self.today, plan), None
        return default_as_of(plan, self.today)

    def console(self) -> Console:
        """Return the console tables are printed with: no markup, no highlighting."""
        if self._console is None:
            from kexie_plan.render.words import console

            self._console = console()
        return self._console
