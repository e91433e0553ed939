"""What a user typed, as the values commands work with; anything else is a usage problem.

Each function takes an option's text and returns its value (a date, a number of days, a
state, the id a REF names …), or raises `UsageProblem` (one line, exit 2) saying what is
wrong and, where it can, what was probably meant.
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

from kexie_plan.errors import PlanError, UsageProblem

if TYPE_CHECKING:
    from kexie_plan.plan import Plan
    from kexie_plan.states import TargetState

MAX_DAYS = 366
# Every date argument lies in these years, as a plan's year does: far dates would make
# calendar arithmetic fail.
FIRST_DAY, LAST_DAY = date(1900, 1, 1), date(2999, 12, 31)


def date_of(option: str, value: str, today: date, plan: Plan | None = None) -> date:
    """Return the date an option names (YYYY-MM-DD), in the years 1900 to 2999."""
    try:
        if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
            raise ValueError(value)
        day = date.fromisoformat(value)
    except ValueError:
        raise UsageProblem(PlanError("bad_date", {"option": option, "value": value})) from None
    if not FIRST_DAY <= day <= LAST_DAY:
        raise UsageProblem(PlanError("date_far", {"option": option, "value": value}))
    return day


def choice_of(option: str, value: str, allowed: tuple[str, ...]) -> str:
    """Return `value` when it is one of `allowed`."""
    if value not in allowed:
        params = {"option": option, "value": value, "allowed": ", ".join(allowed)}
        raise UsageProblem(PlanError("bad_choice", params))
    return value


def days_of(option: str, value: str | None) -> int | None:
    """Return a number of days (0 to 366) that an option gives."""
    if value is None:
        return None
    cleaned = value.strip()
    if not cleaned.isascii() or not cleaned.isdecimal() or int(cleaned) > MAX_DAYS:
        raise UsageProblem(PlanError("bad_days", {"option": option, "value": value}))
    return int(cleaned)


def month_of(value: str | None) -> int | None:
    """Return the month (1 to 12) that --month gives."""
    if value is None:
        return None
    cleaned = value.strip()
    if not cleaned.isascii() or not cleaned.isdecimal() or not 1 <= int(cleaned) <= 12:
        raise UsageProblem(PlanError("bad_month", {"value": value}))
    return int(cleaned)


def states_of(value: str | None) -> list[TargetState] | None:
    """Return the target states that --only names (comma-separated)."""
    from kexie_plan.states import TargetState

    if value is None:
        return None
    names = [part.strip().replace("-", "_") for part in value.split(",") if part.strip()]
    allowed = tuple(state.value for state in TargetState)
    return [TargetState(choice_of("--only", name, allowed)) for name in names]


def known_id(option: str, kind: str, value: str | None, known: list[str]) -> str | None:
    """Return a --section or --owner id the plan defines (None when not given)."""
    if value is not None and value not in known:
        import difflib

        close = difflib.get_close_matches(value, known, n=1, cutoff=0.6)
        params = {"kind": kind, "id": value, "hint": close[0] if close else ""}
        raise UsageProblem(PlanError("unknown_ref", params))
    return value


def ref_of(plan: Plan, ref: str) -> tuple[str, str]:
    """Return (kind, id) that REF names in the plan: an id, a name, or part of a name."""
    from kexie_plan.refs import resolve_ref

    found = resolve_ref(plan, ref)
    if isinstance(found, PlanError):
        raise UsageProblem(found)
    return found


def unit_of(plan: Plan, value: str | None) -> str | None:
    """Return the unit id that --by names (its id or its name); the plan must list units."""
    from kexie_plan.refs import resolve_unit

    if value is None:
        return None
    found = resolve_unit(plan, value)
    if isinstance(found, PlanError):
        raise UsageProblem(found)
    return found


def reporter_of(plan: Plan, value: str | None) -> str | None:
    """Return the `by` to store: a unit id (given as id or name) when the plan lists units,
    else the text as given."""
    from kexie_plan.refs import resolve_reporter

    value = text_of("--by", value)
    if value is None:
        return None
    found = resolve_reporter(plan, value)
    if isinstance(found, PlanError):
        raise UsageProblem(found)
    return found


def text_of(option: str, value: str | None) -> str | None:
    """Return an option's text as given (None when empty); refuse text that is not Unicode."""
    if not value:
        return None
    if any("\ud800" <= char <= "\udfff" for char in value):
        # What a terminal sent was not UTF-8; Python kept the raw bytes as lone surrogates.
        raise UsageProblem(PlanError("record.not_unicode", {"option": option}))
    return value


def amount_of(value: str) -> int:
    """Return AMOUNT as a whole number from 1 to 999999999 (ASCII digits only: int() would
    also take Arabic-Indic or full-width digits)."""
    from kexie_plan.plan import MAX_DIGITS  # not at import: `kexie --help` needs no plan

    cleaned = value.strip()
    if (
        not cleaned.isascii()
        or not cleaned.isdecimal()
        or len(cleaned.lstrip("0")) > MAX_DIGITS
        or int(cleaned) <= 0
    ):
        raise UsageProblem(PlanError("record.amount", {"value": value}))
    return int(cleaned)
