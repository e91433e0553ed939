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
    """Return the day a date option names, in the years 1900 to 2999.

    The forms (docs/format.md, "Dates on the command line"): 2021-07-02, 2021/7/2,
    2021.7.2, 2021年7月2日; without the year 7-2, 7/2 and 7月2日, a day of the plan's
    period (of the current year without a plan); 今天 (today), 昨天 (yesterday), 前天.
    Full-width digits and separators count as ASCII ones. The year comes first and the
    month before the day: a form that other countries read as another day (2/7/2021,
    30.6.2021, 7.2) or that puts the day first (13/7) is refused, never guessed.
    """
    text = value.strip().translate(_FULL_WIDTH)
    back = RELATIVE_DAYS.get(text.lower())
    if back is not None:
        return _within_years(option, value, date.fromordinal(max(today.toordinal() - back, 1)))
    for form in _DATE_FORMS:
        found = re.fullmatch(form, text)
        if found is not None:
            numbers = {key: int(number) for key, number in found.groupdict().items()}
            if "year" not in numbers and 12 < numbers["month"] <= 31 and numbers["day"] <= 12:
                # 13/7: the day first, as in Britain; say how to write it, never guess
                (month, end), (day, last) = found.span("month"), found.span("day")
                swapped = text[:month] + text[day:last] + text[end:day] + text[month:end]
                params = {"option": option, "value": value, "swapped": swapped + text[last:]}
                raise UsageProblem(PlanError("date.month_first", params))
            if "year" in numbers:
                day = _day(option, value, numbers["year"], numbers["month"], numbers["day"])
            else:
                day = _day_in_plan(option, value, numbers["month"], numbers["day"], today, plan)
            return _within_years(option, value, day)
    code = "date.ambiguous" if re.fullmatch(_DATE_READ_OTHERWISE, text) else "date.unknown"
    raise UsageProblem(PlanError(code, {"option": option, "value": value}))


# 今天, 昨天, 前天 (and in English): how many days before today.
RELATIVE_DAYS = {"今天": 0, "today": 0, "昨天": 1, "yesterday": 1, "前天": 2}
# What a Chinese input method in full-width mode types for 0-9 / . -
_FULL_WIDTH = str.maketrans("０１２３４５６７８９／．－", "0123456789/.-")
_YEAR, _MONTH, _DAY = "(?P<year>[0-9]{4})", "(?P<month>[0-9]{1,2})", "(?P<day>[0-9]{1,2})"
# Patterns, not compiled: `re` compiles (and keeps) one when a date is read, not at every
# start (`kexie --help` would pay for it).
_DATE_FORMS = (
    f"{_YEAR}-{_MONTH}-{_DAY}",
    f"{_YEAR}/{_MONTH}/{_DAY}",
    rf"{_YEAR}\.{_MONTH}\.{_DAY}",
    f"{_YEAR}年{_MONTH}月{_DAY}[日号]?",
    f"{_MONTH}[-/]{_DAY}",
    f"{_MONTH}月{_DAY}[日号]?",
)
# Forms read as another day (or as a number) elsewhere: 2/7/2021 is 7 February in the US
# and 2 July in Britain, 30.6.2021 puts the day first, 7.2 is 7 February in Germany.
_DATE_READ_OTHERWISE = r"[0-9]{1,2}([-/.])[0-9]{1,2}\1[0-9]{2,4}|[0-9]{1,2}\.[0-9]{1,2}"


def _day(option: str, value: str, year: int, month: int, day: int, given: bool = True) -> date:
    """Return the day, or say that the calendar (of that year, when it was not `given`)
    has no such day."""
    try:
        return date(year, month, day)
    except ValueError:
        params = {"option": option, "value": value}
        if not given:
            raise UsageProblem(PlanError("date.not_in_year", {**params, "year": year})) from None
        raise UsageProblem(PlanError("date.no_such_day", params)) from None


def _day_in_plan(
    option: str, value: str, month: int, day: int, today: date, plan: Plan | None
) -> date:
    """Return the day of a month and day without a year: the one in the plan's period
    (refusing two), else in the plan's year; the current year without a plan."""
    if plan is None:
        return _day(option, value, today.year, month, day, given=False)
    span = plan.span
    inside = []
    for year in range(span.start.year, span.end.year + 1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if span.start <= candidate <= span.end:
            inside.append(candidate)
    if len(inside) > 1:
        params = {"option": option, "value": value, "first": inside[0], "second": inside[1]}
        raise UsageProblem(PlanError("date.two_years", params))
    return inside[0] if inside else _day(option, value, plan.year, month, day, given=False)


def _within_years(option: str, value: str, day: date) -> date:
    """Return the day when it lies in the years 1900 to 2999."""
    if not FIRST_DAY <= day <= LAST_DAY:
        raise UsageProblem(PlanError("date_far", {"option": option, "value": value}))
    return day


def choice_of(option: str, value: str, allowed: tuple[str, ...]) -> str:
    """Return `value` when it is one of `allowed`."""
    if value not in allowed:
        params = {"option": option, "value": value, "allowed": ", ".join(allowed)}
        raise UsageProblem(PlanError("bad_choice", params))
    return value


def year_of(value: str) -> int:
    """Return the year (1900 to 2999) that YEAR or --year gives."""
    cleaned = value.strip()
    if not cleaned.isascii() or not cleaned.isdecimal() or not 1900 <= int(cleaned) <= 2999:
        raise UsageProblem(PlanError("bad_year", {"value": value}))
    return int(cleaned)


def days_of(option: str, value: str | None) -> int | None:
    """Return a number of days (0 to 366) that an option gives."""
    if value is None:
        return None
    cleaned = value.strip()
    if not cleaned.isascii() or not cleaned.isdecimal() or int(cleaned) > MAX_DAYS:
        raise UsageProblem(PlanError("bad_days", {"option": option, "value": value}))
    return int(cleaned)


_ALARM_RE = re.compile(r"([0-9]{1,6})([wdhm])")
_ALARM_MINUTES = {"w": 7 * 1440, "d": 1440, "h": 60, "m": 1}


def alarm_of(value: str) -> int:
    """Return the minutes before an event that --alarm gives: 7d, 2d, 12h, 30m, 1w (at
    least a minute, at most 366 days)."""
    match = _ALARM_RE.fullmatch(value.strip().lower())
    minutes = int(match.group(1)) * _ALARM_MINUTES[match.group(2)] if match else 0
    if not 0 < minutes <= MAX_DAYS * 1440:
        raise UsageProblem(PlanError("bad_alarm", {"value": value}))
    return minutes


def month_of(value: str | None) -> int | None:
    """Return the month (1 to 12) that --month gives."""
    if value is None:
        return None
    cleaned = value.strip()
    if not cleaned.isascii() or not cleaned.isdecimal() or not 1 <= int(cleaned) <= 12:
        raise UsageProblem(PlanError("bad_month", {"value": value}))
    return int(cleaned)


def states_of(value: str | None) -> list[TargetState] | None:
    """Return the target states that --only names, separated by commas (， and 、 too): each
    by its id (on_track, on-track) or its words in either language (on track, 落后)."""
    if value is None:
        return None
    import difflib

    from kexie_plan.i18n import LANGS, text
    from kexie_plan.states import TargetState

    def folded(word: str) -> str:
        return word.strip().casefold().replace("-", "_").replace(" ", "_")

    spellings: dict[str, TargetState] = {}
    for state in TargetState:
        keys = (state.words_key(False), state.words_key(True))
        for word in (state.value, *(text(key, lang) for key in keys for lang in LANGS)):
            spellings.setdefault(word, state)
    by_folded = {folded(word): state for word, state in spellings.items()}
    chosen: list[TargetState] = []
    for part in re.split("[,，、]", value):
        if not part.strip():
            continue
        state = by_folded.get(folded(part))
        if state is None:
            close = difflib.get_close_matches(part.strip(), list(spellings), n=1, cutoff=0.5)
            states = ",".join(s.value for s in TargetState)
            params = {"option": "--only", "value": part.strip(), "states": states}
            raise UsageProblem(
                PlanError("bad_state", {**params, "hint": close[0] if close else ""})
            )
        if state not in chosen:
            chosen.append(state)
    return chosen


def section_of(plan: Plan, value: str | None) -> str | None:
    """Return the section id that --section names: its id, its title, or an unambiguous
    part of its title."""
    from kexie_plan.refs import resolve_section

    if value is None:
        return None
    found = resolve_section(plan, value)
    if isinstance(found, PlanError):
        raise UsageProblem(found)
    return found


def ref_of(plan: Plan, ref: str) -> tuple[str, str]:
    """Return (kind, id) that REF names in the plan: an id, a name, or part of a name."""
    from kexie_plan.refs import resolve_ref

    found = resolve_ref(plan, ref)
    if isinstance(found, PlanError):
        raise UsageProblem(found)
    return found


def unit_of(plan: Plan, value: str | None) -> str | None:
    """Return the unit id that --by or --owner names (its id or its name); the plan must
    list units."""
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
