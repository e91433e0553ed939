"""`kexie show`: one target, activity or measure as Rich renderables."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kexie_plan.i18n import text
from kexie_plan.render.words import (
    activity_words,
    as_of_words,
    light_text,
    plain_goal,
    progress_bar,
    state_words,
    visible,
    when_words,
)

if TYPE_CHECKING:
    import datetime as dt

    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    from kexie_plan.plan import Plan
    from kexie_plan.progress import (
        ActivityStatus,
        Latest,
        MeasureStatus,
        MonthPoint,
        StatusReport,
        TargetStatus,
    )


def _facts(rows: list[tuple[str, Text | str]]) -> Table:
    """Return a two-column grid of label and value; values wrap, labels do not."""
    from rich.table import Table
    from rich.text import Text

    grid = Table.grid(padding=(0, 2, 0, 0))
    grid.add_column(no_wrap=True, style="bold")
    grid.add_column(overflow="fold")
    for label, value in rows:
        grid.add_row(Text(label), value if isinstance(value, Text) else Text(value))
    return grid


def _title(name: str, ident: str, kind_code: str, lang: str) -> Text:
    from rich.text import Text

    out = Text(visible(name), style="bold")
    out.append(f"  {ident}", style="dim")
    out.append(f"  ({text(kind_code, lang)})", style="dim")
    return out


def _heading(code: str, lang: str) -> Text:
    from rich.text import Text

    return Text(text(code, lang), style="bold")


def target_standing(t: TargetStatus, lang: str) -> Text:
    """Return one line: actual of goal, expected by now, and the state with its light."""
    from rich.text import Text

    if t.goal is None:
        words = state_words(t.state, lang, t.final)
        if t.done is not None:
            words += f" {t.done.isoformat()}"
        return light_text(t.light, words)
    out = Text(f"{t.actual} / {plain_goal(t.goal, t.unit, lang)} ({t.percent}%) · ")
    out.append(f"{text('col.expected', lang)} {t.expected} · ")
    out.append_text(light_text(t.light, state_words(t.state, lang, t.final)))
    return out


def history_chart(
    history: tuple[MonthPoint, ...], t: TargetStatus, lang: str, width: int = 24
) -> Table:
    """Return month rows: the cumulative actual as a bar, the expected mark, the numbers."""
    from rich.table import Table
    from rich.text import Text

    scale = max(t.goal.min if t.goal else 1, *(p.actual or 0 for p in history))
    grid = Table.grid(padding=(0, 0, 0, 1), pad_edge=False)
    grid.add_column(no_wrap=True, justify="right")
    grid.add_column(no_wrap=True)
    grid.add_column(no_wrap=True, justify="right")
    grid.add_column(no_wrap=True, justify="right")
    grid.add_row(
        Text(""),
        Text(""),
        Text(text("col.actual", lang), style="bold"),
        Text(text("col.expected", lang), style="bold"),
    )
    for point in history:
        label = text("when.month", lang, year=point.month.year, month=point.month.month)
        if point.actual is None:
            bar = progress_bar(0, point.expected, scale, width)
            bar.dimmed = True
            actual = ""
        else:
            light = (
                "green" if point.expected is None or point.actual >= point.expected else "yellow"
            )
            bar = progress_bar(point.actual, point.expected, scale, width, light)
            actual = str(point.actual)
        expected = "" if point.expected is None else str(point.expected)
        grid.add_row(Text(label), bar, Text(actual), Text(expected))
    return grid


def records_table(plan: Plan, latest: Latest, lang: str, ref: str) -> Group | Text:
    """Return the latest records as a table, and how many earlier ones were left out;
    reversed records are struck through and say by what."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    lines = latest.lines
    if not lines:
        return Text(text("show.no_records", lang))
    activity_names = {a.id: a.name for a in plan.activities}
    table = Table(
        box=None, padding=(0, 0, 0, 1), pad_edge=False, header_style="bold", show_edge=False
    )
    for key, justify in (
        ("date", "left"),
        ("record", "left"),
        ("amount", "right"),
        ("by", "left"),
        ("note", "left"),
    ):
        table.add_column(text("col." + key, lang), justify=justify, no_wrap=key != "note")
    table.columns[-1].overflow = "fold"
    for line in lines:
        r = line.record
        note = Text()
        style = "strike dim" if line.reverted_by is not None else ""
        if line.reverts is not None:
            note.append(text("log.reverts", lang, id=visible(line.reverts)) + " ")
        if r.activity is not None:
            note.append("↳ " + visible(activity_names.get(r.activity, r.activity)) + " ")
        if r.done:
            note.append(text("log.done", lang) + " ")
        if r.note:
            note.append(visible(r.note))
        if r.evidence:
            note.append(" " + visible(r.evidence), style="dim")
        if line.reverted_by is not None:
            note.append(" " + text("show.reverted_by", lang, id=visible(line.reverted_by)))
        amount = "" if r.revert is not None or r.done or r.measure else str(r.amount or 1)
        cells = [r.date.isoformat(), visible(r.id), amount, visible(r.by or "")]
        table.add_row(*(Text(c, style=style) for c in cells), note)
    if not latest.earlier:
        return Group(table)
    more = Text(text("show.earlier", lang, count=latest.earlier, ref=visible(ref)), style="dim")
    return Group(more, table)


def target_view(
    plan: Plan,
    t: TargetStatus,
    history: tuple[MonthPoint, ...],
    lines: Latest,
    as_of: dt.date,
    lang: str,
    clamped: str | None = None,
) -> Group:
    """Return everything about one target: plan text, goal, standing, chart and records."""
    from rich.console import Group
    from rich.text import Text

    target = next(x for x in plan.targets if x.id == t.id)
    measures = {m.id: m for m in plan.measures()}
    facts: list[tuple[str, Text | str]] = []
    if target.text:
        facts.append((text("show.text", lang), visible(target.text)))
    facts.append((text("col.goal", lang), plain_goal(t.goal, t.unit, lang)))
    if target.adjustments:
        facts.append((text("col.original", lang), plain_goal(target.goal, target.unit, lang)))
        for adjustment in target.adjustments:
            goal = plain_goal(adjustment.goal, target.unit, lang)
            words = f"{adjustment.date.isoformat()} → {goal}: {adjustment.reason}"
            facts.append((text("show.adjusted", lang), visible(words)))
    if target.measure in measures:
        facts.append((text("show.in_measure", lang), visible(measures[target.measure].title)))
    if t.owner:
        facts.append((text("col.owner", lang), visible(unit_name(plan, t.owner))))
    facts += co_owner_facts(plan, target.co_owners, lang)
    facts.append((text("show.due", lang), t.due.isoformat()))
    standing = target_standing(t, lang)
    standing.append(f" · {as_of_words(as_of, lang, clamped)}")
    facts.append((text("show.standing", lang), standing))
    parts: list[object] = [_title(t.name, t.id, "show.target", lang), _facts(facts)]
    if t.goal is not None:
        parts += [Text(""), _heading("show.chart", lang), history_chart(history, t, lang)]
    parts += [Text(""), _heading("show.records", lang), records_table(plan, lines, lang, t.id)]
    return Group(*parts)


def unit_name(plan: Plan, ident: str) -> str:
    """Return a unit's name with its id, or the id alone when the plan has no such unit."""
    for unit in plan.units:
        if unit.id == ident:
            return f"{unit.name} ({ident})"
    return ident


def activity_view(
    plan: Plan,
    a: ActivityStatus,
    lines: Latest,
    as_of: dt.date,
    lang: str,
    clamped: str | None = None,
) -> Group:
    """Return everything about one major activity: when, what it counts toward, records."""
    from rich.console import Group
    from rich.text import Text

    measures = {m.id: m for m in plan.measures()}
    targets = {t.id: t for t in plan.targets}
    facts: list[tuple[str, Text | str]] = [(text("col.planned", lang), when_words(a, lang))]
    if a.measure in measures:
        facts.append((text("show.in_measure", lang), visible(measures[a.measure].title)))
    if a.target in targets:
        facts.append((text("col.counts_toward", lang), visible(targets[a.target].name)))
    if a.owner:
        facts.append((text("col.owner", lang), visible(unit_name(plan, a.owner))))
    facts += co_owner_facts(plan, list(a.co_owners), lang)
    words = activity_words(a.state, lang)
    if a.held is not None:
        words += f" {a.held.isoformat()}"
    standing = light_text(a.state.light, words)
    standing.append(f" · {as_of_words(as_of, lang, clamped)}")
    facts.append((text("show.standing", lang), standing))
    return Group(
        _title(a.name, a.id, "show.activity", lang),
        _facts(facts),
        Text(""),
        _heading("show.records", lang),
        records_table(plan, lines, lang, a.id),
    )


def co_owner_facts(plan: Plan, co_owners: list[str], lang: str) -> list[tuple[str, Text | str]]:
    """Return the co-owners' row of a fact grid (none when there are none)."""
    if not co_owners:
        return []
    names = "、".join(unit_name(plan, unit) for unit in co_owners)
    return [(text("col.co_owners", lang), visible(names))]


def measure_view(
    plan: Plan,
    measure_id: str,
    report: StatusReport,
    lines: Latest,
    lang: str,
    standing: MeasureStatus | None = None,
) -> Group:
    """Return everything about one measure: its state (from `standing`), tasks, targets,
    activities and records (every note recorded against it)."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    section, measure = next((s, m) for s in plan.sections for m in s.measures if m.id == measure_id)
    facts: list[tuple[str, Text | str]] = [(text("col.section", lang), visible(section.title))]
    if measure.owner:
        facts.append((text("col.owner", lang), visible(unit_name(plan, measure.owner))))
    facts += co_owner_facts(plan, measure.co_owners, lang)
    as_of = as_of_words(report.as_of, lang, report.clamped)
    if standing is not None:
        from kexie_plan.render.measures import measure_state_cell

        words = measure_state_cell(standing, lang)
        words.append(" · " + text("measures.records", lang, count=standing.records))
        words.append(f" · {as_of}")
        facts.append((text("show.standing", lang), words))
    else:
        facts.append((text("show.standing", lang), as_of))
    parts: list[object] = [_title(measure.title, measure.id, "show.measure", lang), _facts(facts)]
    if measure.tasks:
        tasks = Table.grid(padding=(0, 0, 0, 1))
        tasks.add_column(no_wrap=True, justify="right")
        tasks.add_column(overflow="fold")
        for number, task in enumerate(measure.tasks, 1):
            tasks.add_row(Text(f"{number}."), Text(visible(task)))
        parts += [Text(""), _heading("show.tasks", lang), tasks]
    targets = [t for t in report.targets if t.measure == measure_id]
    if targets:
        grid = Table.grid(padding=(0, 0, 0, 2), pad_edge=False)
        grid.add_column(overflow="fold")
        grid.add_column(no_wrap=True)
        for t in targets:
            grid.add_row(Text(visible(t.name)), target_standing(t, lang))
        parts += [Text(""), _heading("show.targets", lang), grid]
    activities = [a for a in report.activities if a.measure == measure_id]
    if activities:
        grid = Table.grid(padding=(0, 0, 0, 2), pad_edge=False)
        grid.add_column(no_wrap=True)
        grid.add_column(overflow="fold")
        grid.add_column(no_wrap=True)
        for a in activities:
            light = {"held": "green", "overdue": "red"}.get(a.state, "grey")
            words = activity_words(a.state, lang)
            if a.held is not None:
                words += f" {a.held.isoformat()}"
            grid.add_row(Text(when_words(a, lang)), Text(visible(a.name)), light_text(light, words))
        parts += [Text(""), _heading("show.activities", lang), grid]
    parts += [
        Text(""),
        _heading("show.records", lang),
        records_table(plan, lines, lang, measure_id),
    ]
    return Group(*parts)
