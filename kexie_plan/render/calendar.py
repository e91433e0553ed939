"""`kexie activities`: the major activities month by month, as a Rich table, JSON, CSV,
Markdown and iCalendar.

The iCalendar form follows RFC 5545: CRLF line ends, lines folded at 75 octets (never
inside a UTF-8 character), TEXT values escaped, one all-day event per activity (on the
day it was held, else its window or date, else one day at the start of its month), and
a UID made of the organisation, the plan's year and the activity's id, so that importing
a later export updates the events instead of adding them again; SEQUENCE and
LAST-MODIFIED come from the ledger and DTSTAMP is the as-of day at 00:00 UTC, so the same
inputs give the same bytes. Returns renderables and strings; never prints, never
computes.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from kexie_plan.i18n import text
from kexie_plan.render.sheet import Sheet
from kexie_plan.render.words import (
    LIGHT_EMOJI,
    Listing,
    activity_words,
    heading,
    light_text,
    markdown_heading,
    markdown_text,
    month_words,
    owner_words,
    table,
    unit_names,
    visible,
    when_words,
)
from kexie_plan.states import ActivityState, Light

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderResult
    from rich.text import Text

    from kexie_plan.plan import Plan
    from kexie_plan.progress import ActivityStatus, Revision

MIN_NAME_WIDTH = 18  # below this, a Chinese name wraps every few characters


def state_words(a: ActivityStatus, lang: str, short: bool = False) -> tuple[Light, str]:
    """Return the state's light and words: (green, 已举办 2021-06-18), (yellow, … 延期) …

    `short` gives the held day as MM-DD, as the status table does.
    """
    words = activity_words(a.calendar_state, lang)
    light = a.calendar_state.light
    if a.held is not None:
        words += " " + (a.held.strftime("%m-%d") if short else a.held.isoformat())
        if a.late:
            words += " " + text("activity.late", lang)
            light = Light.YELLOW
    return light, words


def state_cell(a: ActivityStatus, lang: str, short: bool = False) -> Text:
    """Return the state with its light: ● 已举办 2021-06-18, ● 本月 …"""
    return light_text(*state_words(a, lang, short))


def state_counts(activities: tuple[ActivityStatus, ...]) -> dict[str, int]:
    """Return how many activities are in each calendar state."""
    return {s.value: sum(a.calendar_state is s for a in activities) for s in ActivityState}


def summary_line(activities: tuple[ActivityStatus, ...], lang: str) -> str:
    """Return: 共 18 项：已举办 4，本月 2，待举办 9，逾期未办 3 (and how many estimated
    months passed unheld, when any did)."""
    counts = state_counts(activities)
    not_held = counts.pop("not_held")
    line = text("activities.summary", lang, total=len(activities), **counts)
    if not_held:
        line += text("activities.summary_not_held", lang, count=not_held)
    return line


def tentative_note(activities: tuple[ActivityStatus, ...], lang: str) -> str | None:
    """Return the footnote that explains 约 (an estimated month), when one is shown."""
    return text("activities.tentative_note", lang) if any(a.tentative for a in activities) else None


class ActivitiesView(Listing):
    """The activities as one table, month after month, with the columns that have content."""

    items: tuple[ActivityStatus, ...]

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from rich.text import Text

        from kexie_plan.progress import planned_month

        lang = self.lang
        yield heading("activities.title", self.plan, self.as_of, lang, self.clamped)
        yield Text("")
        if not self.items:
            yield Text(text("activities.none", lang))
            return
        targets = {t.id: t.name for t in self.plan.targets}
        shown = [
            key
            for key, present in (
                ("planned", any(a.date or a.window or a.tentative for a in self.items)),
                ("counts_toward", any(a.target for a in self.items)),
                ("owner", any(a.owner or a.co_owners for a in self.items)),
            )
            if present
        ]
        grid = table()
        grid.add_column(text("col.month", lang), no_wrap=True)
        if "planned" in shown:
            grid.add_column(text("col.planned", lang), no_wrap=True)
        grid.add_column(text("col.activity", lang), overflow="fold", min_width=MIN_NAME_WIDTH)
        grid.add_column(text("col.state", lang), no_wrap=True)
        for key in shown:
            if key != "planned":
                grid.add_column(text("col." + key, lang), overflow="fold", max_width=20)
        rows = list(self.items)
        for i, a in enumerate(rows):
            month = planned_month(a)
            first = i == 0 or planned_month(rows[i - 1]) != month
            last = i == len(rows) - 1 or planned_month(rows[i + 1]) != month
            cells: list[Text] = [Text(month_words(*month, lang) if first else "")]
            if "planned" in shown:
                cells.append(Text(when_words(a, lang) if a.date or a.window or a.tentative else ""))
            cells += [Text(visible(a.name)), state_cell(a, lang, short=True)]
            for key in shown:
                if key == "planned":
                    continue
                if key == "counts_toward":
                    value = targets.get(a.target or "", a.target or "")
                else:
                    value = owner_words(self.plan, a.owner, a.co_owners)
                cells.append(Text(visible(value)))
            grid.add_row(*cells, end_section=last)
        yield grid
        yield Text("")
        yield Text(summary_line(self.items, lang))
        note = tentative_note(self.items, lang)
        if note:
            yield Text(note)


def activity_data(a: ActivityStatus, plan: Plan) -> dict:
    """Return one activity as the JSON of `kexie activities` (as Python values)."""
    units = unit_names(plan)
    targets = {t.id: t.name for t in plan.targets}
    return {
        "id": a.id,
        "name": a.name,
        "month": a.month,
        "date": a.date.isoformat() if a.date else None,
        "window": (
            {"from": a.window[0].isoformat(), "to": a.window[1].isoformat()} if a.window else None
        ),
        "starts": a.starts.isoformat(),
        "ends": a.ends.isoformat(),
        "state": a.calendar_state,
        "held": a.held.isoformat() if a.held else None,
        "late": a.late,
        "tentative": a.tentative,
        "target": a.target,
        "target_name": targets.get(a.target) if a.target else None,
        "measure": a.measure,
        "owner": a.owner,
        "owner_name": units.get(a.owner) if a.owner else None,
        "co_owners": list(a.co_owners),
    }


def activities_as_data(
    activities: tuple[ActivityStatus, ...], plan: Plan, path: str, as_of: dt.date
) -> dict:
    """Return the activities as JSON values: {plan, as_of, activities: [...], summary}."""
    return {
        "plan": {"year": plan.year, "title": plan.title, "path": path},
        "as_of": as_of.isoformat(),
        "activities": [activity_data(a, plan) for a in activities],
        "summary": {"activities": len(activities), **state_counts(activities)},
    }


CSV_COLUMNS = (
    "month",
    "id",
    "name",
    "starts",
    "ends",
    "date",
    "window_from",
    "window_to",
    "state",
    "held",
    "late",
    "tentative",
    "target",
    "owner",
    "co_owners",
    "measure",
)


def activities_sheet(activities: tuple[ActivityStatus, ...]) -> Sheet:
    """Return one row per activity under the headers of CSV_COLUMNS."""
    from kexie_plan.progress import planned_month

    rows = []
    for a in activities:
        year, month = planned_month(a)
        rows.append(
            (
                f"{year}-{month:02d}",
                a.id,
                a.name,
                a.starts,
                a.ends,
                a.date,
                a.window[0] if a.window else None,
                a.window[1] if a.window else None,
                a.calendar_state.value,
                a.held,
                "true" if a.late else "false",
                "true" if a.tentative else "false",
                a.target or "",
                a.owner or "",
                " ".join(a.co_owners),
                a.measure or "",
            )
        )
    return Sheet("activities", CSV_COLUMNS, tuple(rows))


def activities_as_markdown(
    activities: tuple[ActivityStatus, ...],
    plan: Plan,
    as_of: dt.date,
    lang: str,
    clamped: str | None = None,
) -> str:
    """Return the activities as Markdown: a heading, then one table per month."""
    from kexie_plan.progress import planned_month

    units = unit_names(plan)
    targets = {t.id: t.name for t in plan.targets}
    lines = markdown_heading("activities.title", plan, as_of, lang, clamped)
    if not activities:
        return "\n".join([*lines, "", text("activities.none", lang), ""])
    headers = [
        text("col." + key, lang)
        for key in ("planned", "activity", "state", "counts_toward", "owner")
    ]
    month = None
    for a in activities:
        if planned_month(a) != month:
            month = planned_month(a)
            lines += ["", f"## {month_words(*month, lang)}", ""]
            lines.append("| " + " | ".join(headers) + " |")
            lines.append("|---|---|---|---|---|")
        light, words = state_words(a, lang)
        owner = markdown_text(units.get(a.owner or "", a.owner or ""))
        if a.co_owners:
            owner += " + " + "、".join(markdown_text(units.get(u, u)) for u in a.co_owners)
        cells = [
            markdown_text(when_words(a, lang)),
            markdown_text(a.name),
            f"{LIGHT_EMOJI[light]} {markdown_text(words)}",
            markdown_text(targets.get(a.target or "", a.target or "")),
            owner,
        ]
        lines.append("| " + " | ".join(cells) + " |")
    lines += ["", summary_line(activities, lang), ""]
    note = tentative_note(activities, lang)
    if note:
        lines += [note, ""]
    return "\n".join(lines)


# --- iCalendar (RFC 5545) -------------------------------------------------------------

PRODID = "-//kexie//kexie activities//EN"
FOLD_OCTETS = 75


def ics_text(value: str) -> str:
    """Return a TEXT value escaped as RFC 5545 §3.3.11 asks: \\\\, \\;, \\, and \\n.

    Control characters (which TEXT may not hold) are first shown as visible escapes.
    """
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = "\n".join(visible(part) for part in value.split("\n"))
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def folded(line: str) -> str:
    """Return a content line folded into lines of at most 75 octets (RFC 5545 §3.1): each
    continuation starts with a space, and no UTF-8 character is split."""
    data = line.encode("utf-8")
    if len(data) <= FOLD_OCTETS:
        return line
    parts = []
    start = 0
    limit = FOLD_OCTETS
    while start < len(data):
        end = min(start + limit, len(data))
        while end < len(data) and (data[end] & 0xC0) == 0x80:  # inside a character
            end -= 1
        parts.append(data[start:end].decode("utf-8"))
        start = end
        limit = FOLD_OCTETS - 1  # the leading space counts
    return "\r\n ".join(parts)


def ics_uid(plan: Plan, activity_id: str) -> str:
    """Return the event's UID: the same for the same organisation, plan year and activity,
    every export; two organisations' plans never share one (their `org` is part of it, as
    the first 10 hex digits of its SHA-256, so that the UID stays ASCII)."""
    import hashlib
    import unicodedata

    org = hashlib.sha256(unicodedata.normalize("NFC", plan.org).encode("utf-8")).hexdigest()
    return f"{plan.year}-{activity_id}-{org[:10]}@kexie"


def _ics_date(day: dt.date) -> str:
    return day.strftime("%Y%m%d")


def _ics_stamp(day: dt.date) -> str:
    return f"{_ics_date(day)}T000000Z"


def first_working_day(first: dt.date, last: dt.date) -> dt.date:
    """Return the first Monday to Friday from `first` (no later than `last`). kexie knows
    no public holidays: 1 October is a working day to it."""
    day = first
    while day.weekday() >= 5 and day < last:
        day += dt.timedelta(days=1)
    return day


def ics_duration(minutes: int) -> str:
    """Return a span before an event as an iCalendar TRIGGER: -P7D, -PT12H, -PT30M."""
    for size, unit, prefix in ((1440, "D", "P"), (60, "H", "PT")):
        if minutes % size == 0:
            return f"-{prefix}{minutes // size}{unit}"
    return f"-PT{minutes}M"


def activities_as_ics(
    activities: tuple[ActivityStatus, ...],
    plan: Plan,
    as_of: dt.date,
    lang: str,
    revisions: dict[str, Revision] | None = None,
    alarms: tuple[int, ...] = (),
) -> str:
    """Return a VCALENDAR with one all-day VEVENT per activity, CRLF line ends.

    An event is placed on the day the activity was held; else on its planned date or
    window; else, when the plan gives only a month, on that month's first working day as
    a one-day event titled with the month (5月：…, 约6月：… for an estimate), the month
    itself in its description: a month-long bar across the calendar would hide the days.
    SEQUENCE counts the ledger's records that changed the activity's holding
    (`revisions`), and LAST-MODIFIED is the latest of their dates (else the plan's
    publication, else its first day), so the same plan and ledger give the same bytes and
    a new record makes a calendar take the newer event. Each of `alarms` (minutes before
    the start) is a VALARM on every event not yet held.
    """
    revisions = revisions or {}
    units = unit_names(plan)
    targets = {t.id: t.name for t in plan.targets}
    measures = {m.id: m.title for m in plan.measures()}
    colon = "：" if lang == "zh" else ": "
    unrevised = plan.published or plan.span.start
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:" + ics_text(text("activities.title", lang, title=plan.title)),
    ]
    for a in activities:
        planned = when_words(a, lang)
        month_only = a.date is None and a.window is None
        summary = a.name
        if a.held is not None:
            first = last = a.held
        elif month_only:
            first = last = first_working_day(a.starts, a.ends)
            summary = f"{planned}{colon}{a.name}"
        else:
            first, last = a.starts, a.ends
        about = [f"{text('col.state', lang)}{colon}{state_words(a, lang)[1]}"]
        if month_only and a.held is None:
            planned = text("activities.ics_month", lang, when=planned)
        if month_only or a.held is not None or a.tentative:
            about.append(f"{text('col.planned', lang)}{colon}{planned}")
        if a.target:
            name = targets.get(a.target, a.target)
            about.append(f"{text('col.counts_toward', lang)}{colon}{name}")
        if a.owner:
            about.append(f"{text('col.owner', lang)}{colon}{units.get(a.owner, a.owner)}")
        if a.co_owners:
            names = "、".join(units.get(u, u) for u in a.co_owners)
            about.append(f"{text('col.co_owners', lang)}{colon}{names}")
        if a.measure:
            about.append(f"{text('col.measure', lang)}{colon}{measures.get(a.measure, a.measure)}")
        about.append(f"{text('status.as_of', lang, date=as_of.isoformat())} · kexie show {a.id}")
        revision = revisions.get(a.id)
        status = "CONFIRMED" if a.held is not None else "TENTATIVE" if a.tentative else None
        lines += [
            "BEGIN:VEVENT",
            f"UID:{ics_uid(plan, a.id)}",
            f"DTSTAMP:{_ics_stamp(as_of)}",
            f"LAST-MODIFIED:{_ics_stamp(revision.latest if revision else unrevised)}",
            f"SEQUENCE:{revision.count if revision else 0}",
            f"DTSTART;VALUE=DATE:{_ics_date(first)}",
            f"DTEND;VALUE=DATE:{_ics_date(last + dt.timedelta(days=1))}",
            "SUMMARY:" + ics_text(summary),
            "DESCRIPTION:" + ics_text("\n".join(about)),
            # held: confirmed; an estimated month: the calendar shows it as not yet sure
            *([f"STATUS:{status}"] if status else []),
            # an all-day event must not show the day as busy
            "TRANSP:TRANSPARENT",
        ]
        if a.held is None:
            for minutes in alarms:
                lines += [
                    "BEGIN:VALARM",
                    "ACTION:DISPLAY",
                    "DESCRIPTION:" + ics_text(summary),
                    f"TRIGGER:{ics_duration(minutes)}",
                    "END:VALARM",
                ]
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(folded(line) + "\r\n" for line in lines)
