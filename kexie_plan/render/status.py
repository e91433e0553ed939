"""`kexie status` as a Rich table, JSON, a CSV sheet and Markdown.

Rich is imported inside the functions, so that a view printing only JSON stays cheap.
Returns renderables, strings and sheets; never prints.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from kexie_plan.i18n import text
from kexie_plan.render.sheet import Sheet
from kexie_plan.render.words import (
    LIGHT_EMOJI,
    activity_words,
    as_of_words,
    light_text,
    markdown_text,
    plain_goal,
    progress_bar,
    state_words,
    table,
    visible,
    when_words,
)

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderResult
    from rich.text import Text

    from kexie_plan.plan import Plan
    from kexie_plan.progress import (
        StatusReport,
        TargetStatus,
    )


MAX_TABLE_WIDTH = 132  # wider than this, a row is harder to follow than to wrap
MIN_NAME_WIDTH = 18  # below this, a Chinese name wraps every few characters
DUE_WITHIN_DAYS = 30


def _percent(share: float) -> str:
    return f"{share * 100:.1f}".removesuffix(".0")


def status_heading(report: StatusReport, title: str, lang: str) -> list[str]:
    """Return the heading lines: the plan's title, then as_of, time gone and goals met."""
    s = report.summary
    days = {"elapsed": s.days_elapsed, "total": s.days_total}
    period = text("status.period", lang, share=_percent(s.period_share), **days)
    met = {"met": s.goals_met, "targets": s.targets}
    goals = text("status.goals", lang, share=_percent(s.goals_share), **met)
    as_of = as_of_words(report.as_of, lang, report.clamped)
    return [visible(title), f"{as_of} · {period} · {goals}"]


def status_groups(
    report: StatusReport, plan: Plan, lang: str
) -> list[tuple[str, list[TargetStatus]]]:
    """Return (heading, targets) per section in plan order; targets without a measure last."""
    groups = []
    for section in plan.sections:
        rows = [t for t in report.targets if t.section == section.id]
        if rows:
            groups.append((visible(section.title), rows))
    loose = [t for t in report.targets if t.section is None]
    if loose:
        groups.append((text("status.no_measure", lang), loose))
    return groups


@dataclass(frozen=True)
class StatusView:
    """The status table as a Rich renderable, laid out for the width it is given.

    Header, one table per section (all with the same column widths, so they line up),
    then the counts by state and the activities that are due or overdue.
    """

    report: StatusReport
    plan: Plan
    lang: str

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from rich.text import Text

        lang = self.lang
        title, subtitle = status_heading(self.report, self.plan.title, lang)
        yield Text(title, style="bold")
        yield Text(subtitle)
        groups = status_groups(self.report, self.plan, lang)
        if not groups:
            yield Text("")
            yield Text(text("status.no_targets", lang))
        else:
            yield from self._tables(groups, options.max_width)
        yield Text("")
        yield from self._footer()

    def _cells(self, t: TargetStatus, bar_width: int) -> list[Text]:
        from rich.text import Text

        lang = self.lang
        if t.goal is None:
            done = text("status.done_on", lang, date=t.done.strftime("%m-%d")) if t.done else ""
            bar = progress_bar(1 if t.done else 0, None, 1, bar_width, t.light)
            cells = [done, "", bar, "", ""]
        else:
            bar = progress_bar(t.actual, t.expected, t.goal.min, bar_width, t.light)
            cells = [str(t.actual), f"{t.percent}%", bar, str(t.expected), str(t.missing or "")]
        row = [Text(visible(t.name)), Text(plain_goal(t.goal, t.unit, lang))]
        row += [Text(c) if isinstance(c, str) else c for c in cells]
        row.append(light_text(t.light, state_words(t.state, lang, t.final)))
        return row

    def _tables(self, groups: list[tuple[str, list[TargetStatus]]], width: int) -> RenderResult:
        from rich.cells import cell_len
        from rich.text import Text

        lang = self.lang
        bar_width = 20 if width >= 120 else 10 if width >= 90 else 8 if width >= 72 else 0
        keys = ("goal", "actual", "percent", "bar", "expected", "missing", "state")
        headers = [text("col." + key, lang) for key in ("target", *keys)]
        grouped = [(heading, [self._cells(t, bar_width) for t in ts]) for heading, ts in groups]
        rows = [row for _, group in grouped for row in group]
        # Every table gets the same widths, so that the columns of all sections line up.
        widths = [
            max(cell_len(headers[i]), *(row[i].cell_len for row in rows))
            for i in range(len(headers))
        ]
        shown = [i for i in range(1, len(headers)) if keys[i - 1] != "bar" or bar_width]
        # On a narrow screen, give the name room before showing what can be worked out.
        for key in ("missing", "percent", "bar"):
            if width - sum(widths[i] + 2 for i in shown) >= MIN_NAME_WIDTH:
                break
            shown.remove(keys.index(key) + 1)
        fixed = sum(widths[i] for i in shown) + 2 * len(shown)
        total = min(width, MAX_TABLE_WIDTH, fixed + widths[0])
        name_width = max(total - fixed, 4)
        right = {"actual", "percent", "expected", "missing"}
        for heading, group in grouped:
            yield Text("")
            yield Text(heading, style="bold")
            grid = table(width=name_width + fixed)
            grid.add_column(headers[0], width=name_width, overflow="fold")
            for i in shown:
                justify = "right" if keys[i - 1] in right else "left"
                grid.add_column(headers[i], width=widths[i], justify=justify, no_wrap=True)
            for cells in group:
                grid.add_row(cells[0], *(cells[i] for i in shown))
            yield grid

    def _footer(self) -> RenderResult:
        from rich.table import Table
        from rich.text import Text

        from kexie_plan.progress import TARGET_STATES, activities_due

        lang = self.lang
        s = self.report.summary
        counts = Text()
        for state in TARGET_STATES:
            n = s.count(state)
            if n:
                if counts:
                    counts.append("  ")
                counts.append_text(
                    light_text(state.light(), f"{state_words(state, lang, self.report.final)} {n}")
                )
        if counts:
            yield counts
        if not self.report.activities:
            return
        due = activities_due(self.report, DUE_WITHIN_DAYS)
        line = text("status.activities", lang, held=s.activities_held, total=s.activities)
        if due:
            line += "; " if lang == "en" else "；"
            line += text("status.activities_due", lang, days=DUE_WITHIN_DAYS)
        yield Text(line)
        if due:
            grid = Table.grid(padding=(0, 1), pad_edge=False)
            grid.add_column(no_wrap=True)
            grid.add_column(no_wrap=True)
            grid.add_column(overflow="fold")
            for a in due:
                grid.add_row(
                    Text("  " + when_words(a, lang)),
                    light_text(a.state.light, activity_words(a.state, lang)),
                    Text(visible(a.name)),
                )
            yield grid


def status_as_data(report: StatusReport, plan: Plan, path: str) -> dict:
    """Return the status in its stable JSON shape (docs/format.md), as Python values."""
    targets = []
    for t in report.targets:
        targets.append(
            {
                "id": t.id,
                "name": t.name,
                "unit": t.unit,
                "kind": t.kind,
                "goal": None if t.goal is None else {"min": t.goal.min, "max": t.goal.max},
                "actual": t.actual,
                "expected": t.expected,
                "state": t.state,
                "light": t.light,
                "missing": t.missing,
                "done": t.done.isoformat() if t.done else None,
                "percent": t.percent,
            }
        )
    activities = [
        {
            "id": a.id,
            "name": a.name,
            "month": a.month,
            "held": a.held.isoformat() if a.held else None,
            "state": a.state,
            "date": a.date.isoformat() if a.date else None,
            "tentative": a.tentative,
        }
        for a in report.activities
    ]
    s = report.summary
    summary = {"targets": s.targets, **dict(s.counts)}
    summary |= {
        "activities": s.activities,
        "activities_held": s.activities_held,
        "days_elapsed": s.days_elapsed,
        "days_left": s.days_left,
    }
    return {
        "plan": {"year": plan.year, "title": plan.title, "path": path},
        "as_of": report.as_of.isoformat(),
        "as_of_clamped": report.clamped,
        "targets": targets,
        "activities": activities,
        "summary": summary,
    }


CSV_COLUMNS = (
    "section",
    "id",
    "name",
    "kind",
    "unit",
    "goal",
    "goal_min",
    "goal_max",
    "actual",
    "expected",
    "missing",
    "percent",
    "state",
    "light",
    "done",
)


def status_sheet(report: StatusReport) -> Sheet:
    """Return one row per target under the headers of CSV_COLUMNS."""
    rows = []
    for t in report.targets:
        counted = t.goal is not None
        rows.append(
            (
                t.section or "",
                t.id,
                t.name,
                t.kind,
                t.unit or "",
                str(t.goal) if t.goal else "",
                t.goal.min if t.goal else None,
                t.goal.max if t.goal else None,
                t.actual,
                t.expected if counted else None,
                t.missing if counted else None,
                t.percent if counted else None,
                t.state.value,
                t.light.value,
                t.done,
            )
        )
    return Sheet("targets", CSV_COLUMNS, tuple(rows))


def status_as_markdown(report: StatusReport, plan: Plan, lang: str) -> str:
    """Return the status as Markdown: a heading, one table per section, the summary."""
    from kexie_plan.progress import TARGET_STATES, activities_due

    title, subtitle = status_heading(report, plan.title, lang)
    lines = [f"# {markdown_text(title)}", "", subtitle]
    headers = [
        text("col." + k, lang)
        for k in ("target", "goal", "actual", "percent", "expected", "missing", "state")
    ]
    groups = status_groups(report, plan, lang)
    if not groups:
        lines += ["", text("status.no_targets", lang)]
    for heading, targets in groups:
        lines += ["", f"## {markdown_text(heading)}", ""]
        lines.append("| " + " | ".join(headers) + " |")
        lines.append("|---|---|--:|--:|--:|--:|---|")
        for t in targets:
            if t.goal is None:
                done = text("status.done_on", lang, date=t.done.isoformat()) if t.done else ""
                numbers = [done, "", "", ""]
            else:
                numbers = [str(t.actual), f"{t.percent}%", str(t.expected), str(t.missing)]
            state = f"{LIGHT_EMOJI[t.light]} {state_words(t.state, lang, t.final)}"
            goal = markdown_text(plain_goal(t.goal, t.unit, lang))
            cells = [markdown_text(t.name), goal, *numbers, state]
            lines.append("| " + " | ".join(cells) + " |")
    s = report.summary
    counts = [
        f"{state_words(state, lang, report.final)} {s.count(state)}"
        for state in TARGET_STATES
        if s.count(state)
    ]
    lines.append("")
    if counts:
        lines += [" · ".join(counts), ""]
    if report.activities:
        due = activities_due(report, DUE_WITHIN_DAYS)
        line = text("status.activities", lang, held=s.activities_held, total=s.activities)
        if due:
            line += ("; " if lang == "en" else "；") + text(
                "status.activities_due", lang, days=DUE_WITHIN_DAYS
            )
        lines += [line, ""]
        for a in due:
            word = activity_words(a.state, lang)
            lines.append(f"- {when_words(a, lang)} {markdown_text(a.name)} — {word}")
        if due:
            lines.append("")
    return "\n".join(lines)
