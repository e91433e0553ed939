"""Who does what: `kexie status --group owner` (each unit's targets and activities by
state) and `kexie remind` (whom to chase, and for what), as Rich renderables, JSON, CSV
and Markdown. The Markdown of `remind` is a message to paste into a chat or an e-mail.
Returns renderables and strings; never prints, never computes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from kexie_plan.i18n import text
from kexie_plan.render.sheet import Sheet
from kexie_plan.render.words import (
    LIGHT_GLYPH,
    LIGHT_STYLE,
    as_of_words,
    heading,
    markdown_heading,
    markdown_text,
    plain_goal,
    span_words,
    table,
    visible,
)
from kexie_plan.states import Light

if TYPE_CHECKING:
    from rich.console import Group

    from kexie_plan.plan import Plan
    from kexie_plan.units import Reminder, Reminders, UnitLoad

# The columns of the owner roll-up, in order: each is a UnitLoad field, with the i18n
# code of its heading. A count of targets in a state is headed by the state's own words.
LOAD_HEADINGS = {
    "targets": "col.targets",
    "met": "col.met",
    "on_track": "state.on_track",
    "behind": "state.behind",
    "overdue": "state.overdue",
    "not_started": "measure.not_started",  # targets pending or open: 未开始, as a measure
    "activities": "col.activities",
    "activities_held": "col.activities_held",
    "activities_overdue": "col.activities_overdue",
}
LOAD_COLUMNS = tuple(LOAD_HEADINGS)
WHY_LIGHT = {"overdue": Light.RED, "behind": Light.YELLOW, "due_soon": Light.GREY}


def _unit_label(load: UnitLoad, lang: str) -> str:
    return visible(load.name) if load.name is not None else text("owners.unowned", lang)


def owners_table(
    loads: tuple[UnitLoad, ...], plan: Plan, as_of: dt.date, lang: str, clamped: str | None = None
) -> Group:
    """Return the roll-up by owner: one row per unit, targets then activities by state."""
    from rich.console import Group
    from rich.text import Text

    parts: list[object] = [heading("owners.title", plan, as_of, lang, clamped)]
    if not plan.units:
        parts.append(Text(text("no_units", lang)))
    parts += [Text(""), _OwnersGrid(loads, lang), Text(""), Text(text("owners.note", lang))]
    return Group(*parts)


class _OwnersGrid:
    """The owner roll-up's table, laid out for the width it gets: the unit's name keeps
    room; on a narrow screen the counts' headings wrap at their spaces ("on track" over
    two lines) and the columns sit one space apart."""

    def __init__(self, loads: tuple[UnitLoad, ...], lang: str) -> None:
        self.loads, self.lang = loads, lang

    def __rich_console__(self, console: Any, options: Any) -> Any:
        from rich.cells import cell_len
        from rich.text import Text

        lang = self.lang
        headers = [text(LOAD_HEADINGS[key], lang) for key in LOAD_COLUMNS]
        names = [_unit_label(load, lang) for load in self.loads]
        digits = [max(len(str(getattr(load, key))) for load in self.loads) if self.loads else 1
                  for key in LOAD_COLUMNS]  # fmt: skip
        full = [max(cell_len(h), d) for h, d in zip(headers, digits, strict=True)]
        least = [max(max(cell_len(w) for w in h.split()), d)
                 for h, d in zip(headers, digits, strict=True)]  # fmt: skip
        name_width = max((cell_len(n) for n in names), default=0)
        name_width = max(name_width, cell_len(text("col.responsible", lang)))
        # The widest layout that fits: full headings two spaces apart, else headings
        # wrapped at their spaces one space apart; the unit's name gets what is left.
        for widths, gap in ((full, 2), (least, 1)):
            room = options.max_width - sum(widths) - gap * len(widths)
            if room >= min(name_width, 10):
                break
        grid = table(padding=(0, 0, 0, gap - 1) if gap > 1 else (0, 0, 0, 0))
        grid.add_column(
            text("col.responsible", lang), overflow="fold", width=max(min(name_width, room), 4)
        )
        for header, width in zip(headers, widths, strict=True):
            grid.add_column(header, justify="right", overflow="fold", width=width)
        for load in self.loads:
            cells = [Text(_unit_label(load, lang))]
            for key in LOAD_COLUMNS:
                value = getattr(load, key)
                style = ""
                if value and key in ("behind",):
                    style = "yellow"
                elif value and key in ("overdue", "activities_overdue"):
                    style = "red"
                cells.append(Text(str(value), style=style))
            grid.add_row(*cells)
        yield grid


def owners_as_data(loads: tuple[UnitLoad, ...]) -> list[dict]:
    """Return the roll-up as JSON values: one object per unit (id null: no unit)."""
    return [
        {"id": load.id, "name": load.name, **{key: getattr(load, key) for key in LOAD_COLUMNS}}
        for load in loads
    ]


def owners_as_json(loads: tuple[UnitLoad, ...], plan: Plan, path: str, as_of: str) -> dict:
    """Return {plan, as_of, owners: [{id, name, targets, met, …}]} as JSON values."""
    return {
        "plan": {"year": plan.year, "title": plan.title, "path": path},
        "as_of": as_of,
        "owners": owners_as_data(loads),
    }


def owners_sheet(loads: tuple[UnitLoad, ...]) -> Sheet:
    """Return one row per unit: id, name, then LOAD_COLUMNS."""
    rows = tuple(
        (load.id or "", load.name or "", *(getattr(load, k) for k in LOAD_COLUMNS))
        for load in loads
    )
    return Sheet("owners", ("id", "name", *LOAD_COLUMNS), rows)


def owners_as_markdown(
    loads: tuple[UnitLoad, ...], plan: Plan, as_of: dt.date, lang: str, clamped: str | None = None
) -> str:
    """Return the roll-up as a Markdown table."""
    lines = [*markdown_heading("owners.title", plan, as_of, lang, clamped), ""]
    if not plan.units:
        lines += [text("no_units", lang), ""]
    headers = [text("col.responsible", lang)]
    headers += [text(LOAD_HEADINGS[k], lang) for k in LOAD_COLUMNS]
    lines.append("| " + " | ".join(headers) + " |")
    lines.append("|---" + "|--:" * len(LOAD_COLUMNS) + "|")
    for load in loads:
        cells = [markdown_text(_unit_label(load, lang))]
        cells += [str(getattr(load, k)) for k in LOAD_COLUMNS]
        lines.append("| " + " | ".join(cells) + " |")
    lines += ["", text("owners.note", lang), ""]
    return "\n".join(lines)


# --- kexie remind ----------------------------------------------------------------------


def reminder_words(item: Reminder, lang: str, escape: Callable[[str], str] = visible) -> str:
    """Return one reminder as a line: 进度落后：海智沙龙（完成 1，目标 ≥3 场，序时应达 2）.

    `escape` makes the plan's words safe for the output (the words of kexie are left
    as they are): `visible` for a terminal, `markdown_text` for Markdown.
    """
    colon = "：" if lang == "zh" else ": "
    details = []
    if item.kind == "target":
        if item.goal is not None:
            goal = escape(plain_goal(item.goal, item.unit, lang))
            details.append(
                text(
                    "remind.numbers",
                    lang,
                    actual=item.actual,
                    goal=goal,
                    by_now=item.expected,
                )
            )
        details.append(text("remind.due", lang, date=item.until.isoformat()))
    else:
        when = span_words(item.when, item.until, item.tentative, lang)
        details.append(text("remind.planned", lang, when=when))
    if item.role == "co_owner":
        details.append(text("remind.co_owner", lang))
    joined = ("；" if lang == "zh" else "; ").join(details)
    bracket = f"（{joined}）" if lang == "zh" else f" ({joined})"
    return f"{text('remind.why.' + item.why, lang)}{colon}{escape(item.name)}{bracket}"


def silence_words(last: dt.date | None, days: int, lang: str) -> str:
    """Return: 近 30 天没有填报进度（最近一次 2021-05-02）, or (尚无填报)."""
    if last is None:
        return text("remind.silent_never", lang, days=days)
    return text("remind.silent", lang, days=days, date=last.isoformat())


def reminders_view(found: Reminders, plan: Plan, lang: str) -> Group:
    """Return the reminders for the terminal: per unit, its items with their lights."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    as_of = as_of_words(found.as_of, lang, found.clamped)
    title = text("remind.title", lang, title=plan.title, as_of=as_of)
    parts: list[object] = [Text(visible(title), style="bold")]
    if not plan.units:
        return Group(*parts, Text(""), Text(text("no_units", lang)))
    if not found.units and not found.unowned:
        return Group(*parts, Text(""), Text(text("remind.nothing", lang, days=found.days)))
    for unit in found.units:
        parts += [Text(""), Text(f"{visible(unit.name)} ({unit.id})", style="bold")]
        grid = Table.grid(padding=(0, 1, 0, 0))
        grid.add_column(no_wrap=True)
        grid.add_column(overflow="fold")
        for item in unit.items:
            light = WHY_LIGHT[item.why]
            glyph = Text("  " + LIGHT_GLYPH[light], style=LIGHT_STYLE[light])
            grid.add_row(glyph, Text(reminder_words(item, lang)))
        if unit.silent:
            glyph = Text("  " + LIGHT_GLYPH[Light.GREY], style=LIGHT_STYLE[Light.GREY])
            grid.add_row(glyph, Text(silence_words(unit.last_record, found.days, lang)))
        parts.append(grid)
    if found.unowned:
        parts += [Text(""), Text(text("remind.unowned", lang, count=len(found.unowned)))]
    return Group(*parts)


def reminders_as_markdown(found: Reminders, plan: Plan, lang: str) -> str:
    """Return the reminders as a message ready to paste: a bold title, then per unit a
    bold name and one bullet per thing to chase."""
    as_of = as_of_words(found.as_of, lang, found.clamped)
    title = text("remind.title", lang, title=plan.title, as_of=as_of)
    lines = [f"**{markdown_text(title)}**", ""]
    if not plan.units:
        return "\n".join([*lines, text("no_units", lang), ""])
    if not found.units and not found.unowned:
        return "\n".join([*lines, text("remind.nothing", lang, days=found.days), ""])
    for unit in found.units:
        lines.append(f"**{markdown_text(unit.name)}**")
        for item in unit.items:
            lines.append(f"- {reminder_words(item, lang, markdown_text)}")
        if unit.silent:
            lines.append(f"- {silence_words(unit.last_record, found.days, lang)}")
        lines.append("")
    if found.unowned:
        lines += [text("remind.unowned", lang, count=len(found.unowned)), ""]
    return "\n".join(lines)


def _item_data(item: Reminder) -> dict:
    return {
        "kind": item.kind,
        "id": item.id,
        "name": item.name,
        "why": item.why,
        "role": item.role or None,
        "from": item.when.isoformat(),
        "to": item.until.isoformat(),
        "actual": item.actual,
        "expected": item.expected,
        "goal": None if item.goal is None else {"min": item.goal.min, "max": item.goal.max},
    }


def reminders_as_json(found: Reminders, plan: Plan, path: str) -> dict:
    """Return {plan, as_of, days, units: [{id, name, items, last_record, silent}], unowned}
    as JSON values."""
    return {
        "plan": {"year": plan.year, "title": plan.title, "path": path},
        "as_of": found.as_of.isoformat(),
        "days": found.days,
        "units": [
            {
                "id": unit.id,
                "name": unit.name,
                "items": [_item_data(item) for item in unit.items],
                "last_record": unit.last_record.isoformat() if unit.last_record else None,
                "silent": unit.silent,
            }
            for unit in found.units
        ],
        "unowned": [_item_data(item) for item in found.unowned],
    }
