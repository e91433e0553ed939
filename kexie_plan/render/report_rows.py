"""A period report's words and tables, shared by its Markdown, HTML, CSV and XLSX forms.

Cells keep their types (int, date, str, None) so that each format writes numbers as
numbers and dates as dates; user strings are left as written, for each format to escape
its own way. Returns values; never prints, never computes progress.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kexie_plan.i18n import text
from kexie_plan.render.sheet import Cell, Percent, Sheet, cell_text
from kexie_plan.render.words import activity_words, kind_words, plain_goal, state_words

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Iterable, Iterator

    from kexie_plan.plan import Plan
    from kexie_plan.report import PeriodReport, RecordEntry, TargetLine


def period_words(report: PeriodReport, lang: str) -> str:
    """Return the period's name: 2021年第二季度, first half of 2021, 2021年5月 …"""
    return period_name(report.period, report.start, lang)


def period_name(period: str, start: dt.date, lang: str) -> str:
    """Return the name of a period (Q1 … YEAR, or a month YYYY-MM) that starts on `start`."""
    name = period.upper()
    if name in ("Q1", "Q2", "Q3", "Q4", "H1", "H2", "YEAR"):
        return text("report.period." + name, lang, year=start.year)
    return text("report.period.month", lang, year=start.year, month=start.month)


def report_title(report: PeriodReport, plan: Plan, lang: str) -> str:
    """Return the report's title: the plan's title and the period."""
    return text("report.title", lang, title=plan.title, period=period_words(report, lang))


def span_line(report: PeriodReport, lang: str) -> str:
    """Return the line under the title: the period's dates and the day of the figures."""
    return text(
        "report.span",
        lang,
        start=report.start.isoformat(),
        end=report.end.isoformat(),
        as_of=report.as_of.isoformat(),
    )


def summary_sentence(report: PeriodReport, lang: str) -> str:
    """Return the summary in the form such reports use: 16项指标：已完成 5，达进度 4 …"""
    counts = dict(report.summary_counts())
    code = "report.summary_final" if report.status.final else "report.summary"
    return text(code, lang, targets=report.status.summary.targets, **counts)


def section_titles(plan: Plan, lang: str) -> dict[str | None, str]:
    """Return section id -> title, with None for the targets that have no measure."""
    titles: dict[str | None, str] = {s.id: s.title for s in plan.sections}
    titles[None] = text("status.no_measure", lang)
    return titles


def grouped_targets(report: PeriodReport, plan: Plan, lang: str) -> list[tuple[str, list]]:
    """Return (section title, target lines) per section in plan order, loose targets last."""
    titles = section_titles(plan, lang)
    order = [s.id for s in plan.sections] + [None]
    groups = []
    for section in order:
        lines = [line for line in report.targets if line.status.section == section]
        if lines:
            groups.append((titles[section], lines))
    return groups


def target_cells(line: TargetLine, lang: str) -> dict[str, Cell]:
    """Return a target line's cells by column key, typed."""
    t = line.status
    counted = t.goal is not None
    return {
        "id": t.id,
        "target": t.name,
        "goal": plain_goal(t.goal, t.unit, lang),
        "goal_min": t.goal.min if t.goal else None,
        "goal_max": t.goal.max if t.goal else None,
        "in_period": line.in_period if counted else (1 if line.in_period else 0),
        "cumulative": t.actual,
        "percent": None if t.percent is None else Percent(t.percent),
        "expected_end": line.expected_at_end,
        "state": state_words(t.state, lang, t.final),
        "done_on": t.done,
        "original": plain_goal(line.original, t.unit, lang) if line.adjusted else None,
        "adjusted_on": line.adjusted_on,
        "reason": line.reason,
    }


def target_numbers(line: TargetLine, done: str) -> list[str]:
    """Return the four numbers a document shows for a target line, as text: in the period,
    to date, percent, expected at the period's end. A milestone shows ✓ in the period when
    it was completed then, and `done` (its completion in the document's words) to date."""
    t = line.status
    if t.goal is None:
        return ["✓" if line.in_period else "", done, "", ""]
    return [str(line.in_period), str(t.actual), f"{t.percent}%", cell_text(line.expected_at_end)]


TARGET_COLUMNS = (
    "section",
    "id",
    "target",
    "goal",
    "goal_min",
    "goal_max",
    "in_period",
    "cumulative",
    "percent",
    "expected_end",
    "state",
    "done_on",
    "original",
    "adjusted_on",
    "reason",
)


def targets_sheet(report: PeriodReport, plan: Plan, lang: str) -> Sheet:
    """Return one row per target: goal, period gain, cumulative, 完成率, expected, state."""
    titles = section_titles(plan, lang)
    rows = []
    for line in report.targets:
        cells = target_cells(line, lang) | {"section": titles[line.status.section]}
        rows.append(tuple(cells[key] for key in TARGET_COLUMNS))
    return _sheet("col.targets", TARGET_COLUMNS, rows, lang)


ACTIVITY_COLUMNS = (
    "id",
    "name",
    "planned_from",
    "planned_to",
    "counts_toward",
    "held",
    "state",
    "this_period",
)


def activities_sheet(report: PeriodReport, plan: Plan, lang: str) -> Sheet:
    """Return one row per activity: planned window, held date, state, and this period's part."""
    held = {a.id for a in report.held}
    slipped = {a.id for a in report.slipped}
    names = {t.id: t.name for t in plan.targets}
    rows = []
    for a in report.status.activities:
        part = None
        if a.id in slipped:
            part = text("report.this_period.slipped", lang)
        elif a.id in held:
            part = text("report.this_period.held", lang)
        rows.append(
            (
                a.id,
                a.name,
                a.starts,
                a.ends,
                names.get(a.target or "") if a.target else None,
                a.held,
                activity_words(a.state, lang),
                part,
            )
        )
    return _sheet("sheet.activities", ACTIVITY_COLUMNS, rows, lang)


RECORD_COLUMNS = (
    "date",
    "kind",
    "about",
    "name",
    "amount",
    "unit",
    "note",
    "evidence",
    "by",
    "reverted",
    "id",
)


def record_cells(entry: RecordEntry, lang: str) -> dict[str, Cell]:
    """Return an annex entry's cells by column key, typed."""
    r = entry.record
    return {
        "date": r.date,
        "kind": kind_words(entry.kind, lang),
        "about": entry.ref,
        "name": entry.name,
        "amount": entry.amount,
        "unit": entry.unit,
        "note": r.note,
        "evidence": r.evidence,
        "by": r.by,
        "reverted": "✓" if entry.cancelled else None,
        "id": r.id,
    }


def more_records(report: PeriodReport, lang: str) -> str:
    """Return the sentence that says how many records the annex leaves out, and where they
    all are."""
    params = {"count": report.more_records, "period": report.period}
    return text("report.more_records", lang, **params)


def records_sheet(entries: Iterable[RecordEntry], lang: str) -> Sheet:
    """Return every record of the period, streamed in ledger order: date, what, amount,
    unit, note, evidence …"""

    def rows() -> Iterator[tuple]:
        for entry in entries:
            cells = record_cells(entry, lang)
            yield tuple(cells[key] for key in RECORD_COLUMNS)

    return _sheet("col.records", RECORD_COLUMNS, rows(), lang, {"id": "record"})


def _sheet(
    name_code: str,
    keys: tuple[str, ...],
    rows: Iterable[tuple],
    lang: str,
    headers: dict[str, str] | None = None,
) -> Sheet:
    """Return a sheet named by the words of `name_code` whose headers are the words of
    `col.KEY` (or of another column's key, as `headers` maps them)."""
    words = tuple(text("col." + (headers or {}).get(key, key), lang) for key in keys)
    return Sheet(text(name_code, lang), words, rows)


def report_sheets(
    report: PeriodReport, plan: Plan, lang: str, entries: Iterable[RecordEntry]
) -> list[Sheet]:
    """Return the report's three tables: targets, activities, and the period's records
    (`entries`, streamed)."""
    return [
        targets_sheet(report, plan, lang),
        activities_sheet(report, plan, lang),
        records_sheet(entries, lang),
    ]
