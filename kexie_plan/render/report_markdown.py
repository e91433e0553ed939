"""A period report as Markdown: title, summary, targets by section, activities, notes, annex.

Every string from the plan or the ledger goes through `markdown_text`, so that a name or a
note can neither break a table nor become a link, an image or HTML. Returns a string.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kexie_plan.i18n import text
from kexie_plan.render import report_rows as sheets
from kexie_plan.render.sheet import cell_text
from kexie_plan.render.words import markdown_text, when_words

if TYPE_CHECKING:
    from kexie_plan.plan import Plan
    from kexie_plan.report import PeriodReport, TargetLine

_TARGET_KEYS = ("target", "goal", "in_period", "cumulative", "percent", "expected_end", "state")


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _target_row(line: TargetLine, lang: str) -> str:
    cells = sheets.target_cells(line, lang)
    t = line.status
    done = text("status.done_on", lang, date=t.done.isoformat()) if t.done else ""
    numbers = sheets.target_numbers(line, done)
    goal = markdown_text(str(cells["goal"]))
    if line.adjusted:
        goal = f"{markdown_text(str(cells['original']))} → {goal}"
    return _row([markdown_text(t.name), goal, *numbers, markdown_text(str(cells["state"]))])


def report_as_markdown(report: PeriodReport, plan: Plan, lang: str) -> str:
    """Return the period report as one Markdown document."""
    lines = [
        f"# {markdown_text(sheets.report_title(report, plan, lang))}",
        "",
        sheets.span_line(report, lang),
        "",
        f"**{sheets.summary_sentence(report, lang)}**",
        "",
        f"## {text('report.targets', lang)}",
    ]
    headers = [text("col." + key, lang) for key in _TARGET_KEYS]
    for heading, group in sheets.grouped_targets(report, plan, lang):
        lines += ["", f"### {markdown_text(heading)}", "", _row(headers)]
        lines.append("|---|---|--:|--:|--:|--:|---|")
        lines += [_target_row(line, lang) for line in group]

    adjusted = [line for line in report.targets if line.adjusted]
    if adjusted:
        keys = ("target", "original", "adjusted", "adjusted_on", "reason")
        lines += ["", f"## {text('report.adjustments', lang)}", ""]
        lines += [_row([text("col." + k, lang) for k in keys]), "|---|---|---|---|---|"]
        for line in adjusted:
            cells = sheets.target_cells(line, lang)
            lines.append(
                _row(
                    [
                        markdown_text(line.status.name),
                        markdown_text(str(cells["original"])),
                        markdown_text(str(cells["goal"])),
                        cell_text(line.adjusted_on),
                        markdown_text(line.reason or ""),
                    ]
                )
            )

    lines += ["", f"## {text('report.activities', lang)}", ""]
    s = report.status.summary
    lines += [text("status.activities", lang, held=s.activities_held, total=s.activities), ""]
    lines += [f"### {text('report.held', lang)}", ""]
    for a in report.held:
        planned = when_words(a, lang)
        lines.append(
            f"- {a.held.isoformat() if a.held else ''} {markdown_text(a.name)} ({planned})"
        )
    if not report.held:
        lines.append(text("report.none", lang))
    lines += ["", f"### {text('report.slipped', lang)}", ""]
    for a in report.slipped:
        if a.held is None:
            how = text("record.not_held", lang)
        else:
            how = text("report.held_late", lang, date=a.held.isoformat())
        lines.append(f"- {when_words(a, lang)} {markdown_text(a.name)} — {how}")
    if not report.slipped:
        lines.append(text("report.none", lang))

    lines += ["", f"## {text('report.notes', lang)}", ""]
    for entry in report.notes:
        note = markdown_text(entry.record.note or "")
        lines.append(f"- {entry.record.date.isoformat()} {markdown_text(entry.name)}: {note}")
    if not report.notes:
        lines.append(text("report.none", lang))
    elif report.more_notes:
        lines.append(text("report.more_notes", lang, count=report.more_notes))

    keys = ("date", "kind", "name", "amount", "unit", "note", "evidence", "reverted", "id")
    lines += ["", f"## {text('report.annex', lang)}", ""]
    if report.records:
        lines.append(_row([text("col." + ("record" if k == "id" else k), lang) for k in keys]))
        lines.append("|---|---|---|--:|---|---|---|---|---|")
        for entry in report.records:
            cells = sheets.record_cells(entry, lang)
            lines.append(_row([markdown_text(cell_text(cells[k])) for k in keys]))
        if report.more_records:
            lines += ["", sheets.more_records(report, lang)]
    else:
        lines.append(text("report.none", lang))
    return "\n".join(lines) + "\n"
