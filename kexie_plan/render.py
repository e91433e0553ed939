"""Turn computed values and errors into text: plain lines, JSON, GitHub annotations.

Returns strings; never prints, never computes. Every string that may come from a user
file passes through `visible`, so that control characters, terminal escapes and bidi
overrides are shown as escapes instead of acting on the terminal.
Imports errors, model, progress and i18n; never planfile, ledger or cli.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Iterable
from typing import TYPE_CHECKING

from kexie_plan.errors import PlanError
from kexie_plan.i18n import text

if TYPE_CHECKING:
    import datetime as dt

    from rich.console import Console, ConsoleOptions, Group, RenderResult
    from rich.table import Table
    from rich.text import Text

    from kexie_plan.model import Plan
    from kexie_plan.progress import (
        ActivityStatus,
        MonthPoint,
        RecordLine,
        StatusReport,
        TargetStatus,
    )


def visible(value: str) -> str:
    """Return `value` with every non-printable character shown as a \\x / \\u escape."""
    if value.isprintable():
        return value
    out = []
    for char in value:
        if char.isprintable():
            out.append(char)
        else:
            out.append(char.encode("unicode_escape").decode("ascii"))
    return "".join(out)


def error_message(error: PlanError, lang: str) -> str:
    """Return the error's message in `lang`, made safe to print."""
    return visible(text(error.code, lang, **error.params))


def error_place(error: PlanError) -> str:
    """Return `path:line:col` (as much of it as is known; `kexie` for no file), safe to print."""
    parts = [visible(error.path or "kexie")]
    if error.line is not None:
        parts.append(str(error.line))
        if error.col is not None:
            parts.append(str(error.col))
    return ":".join(parts)


def error_line(error: PlanError, lang: str) -> str:
    """Return the one-line form: `path:line:col: error: message`."""
    return f"{error_place(error)}: error: {error_message(error, lang)}"


def errors_as_json(errors: Iterable[PlanError], lang: str) -> str:
    """Return the errors as a JSON list of {path, line, col, message}."""
    rows = [
        {"path": e.path, "line": e.line, "col": e.col, "message": text(e.code, lang, **e.params)}
        for e in errors
    ]
    return json.dumps(rows, ensure_ascii=False, indent=2)


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def errors_as_github(errors: list[PlanError], lang: str) -> list[str]:
    """Return GitHub Actions `::error` annotations, then the plain lines fenced off.

    The annotations escape user text so none can end the line; the readable lines that
    follow are wrapped in `::stop-commands::` so no text in them can act as a command.
    """
    lines = []
    for e in errors:
        props = [f"file={_escape_property(e.path or '')}"]
        if e.line is not None:
            props.append(f"line={e.line}")
        if e.col is not None:
            props.append(f"col={e.col}")
        lines.append(f"::error {','.join(props)}::{_escape_data(error_message(e, lang))}")
    if errors:
        fence = secrets.token_hex(16)
        lines.append(f"::stop-commands::{fence}")
        lines.extend(error_line(e, lang) for e in errors)
        lines.append(f"::{fence}::")
    return lines


def warning_line(error: PlanError, lang: str) -> str:
    """Return the one-line warning form: `path:line:col: warning: message`."""
    return f"{error_place(error)}: warning: {error_message(error, lang)}"


# --- status and show --------------------------------------------------------------
# Rich is imported inside these functions, so that importing `render` for an error line
# stays cheap (issue 7).

_LIGHT_STYLE = {"green": "green", "yellow": "yellow", "red": "red", "grey": "bright_black"}
_LIGHT_GLYPH = {"green": "●", "yellow": "●", "red": "●", "grey": "○"}
_LIGHT_EMOJI = {"green": "🟢", "yellow": "🟡", "red": "🔴", "grey": "⚪"}
_STATE_LIGHT = {
    "exceeded": "green",
    "met": "green",
    "done": "green",
    "on_track": "green",
    "behind": "yellow",
    "overdue": "red",
    "pending": "grey",
    "open": "grey",
}
MAX_TABLE_WIDTH = 132  # wider than this, a row is harder to follow than to wrap
MIN_NAME_WIDTH = 18  # below this, a Chinese name wraps every few characters
DUE_WITHIN_DAYS = 30


def goal_words(target: TargetStatus, lang: str) -> str:
    """Return the goal as the plan says it: 3–5 场, ≥2 所, 100 个, 里程碑."""
    if target.goal is None:
        return text("goal.milestone", lang)
    unit = visible(target.unit or "")
    low, high = target.goal.min, target.goal.max
    if high is None:
        return f"≥{low} {unit}"
    if high == low:
        return f"{low} {unit}"
    return f"{low}–{high} {unit}"


def state_words(state: str, lang: str) -> str:
    """Return a target state's word in `lang`."""
    return text("state." + state, lang)


def when_words(activity: ActivityStatus, lang: str) -> str:
    """Return when an activity is planned: its month (6月, 2021-06) or its date."""
    day = activity.date or activity.starts
    code = "when.date" if activity.date is not None else "when.month"
    return text(code, lang, year=day.year, month=day.month, day=day.day)


def _percent(share: float) -> str:
    return f"{share * 100:.1f}".removesuffix(".0")


def status_heading(report: StatusReport, title: str, lang: str) -> list[str]:
    """Return the heading lines: the plan's title, then as_of, time gone and goals met."""
    s = report.summary
    period = text(
        "status.period",
        lang,
        elapsed=s.days_elapsed,
        total=s.days_total,
        share=_percent(s.period_share),
    )
    goals = text(
        "status.goals",
        lang,
        met=s.goals_met,
        targets=s.targets,
        share=_percent(s.goals_share),
    )
    as_of = text("status.as_of", lang, date=report.as_of.isoformat())
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


def progress_bar(
    actual: int, expected: int | None, goal_min: int, width: int, light: str = "grey"
) -> Text:
    """Return a bar of `width` cells: █ for actual of the goal's lower bound, │ where expected is.

    The expected mark shows only where the bar has not reached it, so a bar that
    stops short of its mark is behind the calendar at a glance, with or without colour.
    """
    from rich.text import Text

    bar = Text()
    if width <= 0:
        return bar
    filled = min(width, actual * width // goal_min) if goal_min > 0 else width
    mark = -1
    if expected and goal_min > 0:
        mark = min(width, expected * width // goal_min) - 1
    bar.append("█" * filled, style=_LIGHT_STYLE[light])
    for cell in range(filled, width):
        if cell == mark:
            bar.append("│", style="bold")
        else:
            bar.append("░", style="bright_black")
    return bar


def light_text(light: str, words: str) -> Text:
    """Return the light's glyph in its colour, then `words`."""
    from rich.text import Text

    out = Text(_LIGHT_GLYPH[light], style=_LIGHT_STYLE[light])
    out.append(" " + words)
    return out


class StatusView:
    """The status table as a Rich renderable, laid out for the width it is given.

    Header, one table per section (all with the same column widths, so they line up),
    then the counts by state and the activities that are due or overdue.
    """

    def __init__(self, report: StatusReport, plan: Plan, lang: str) -> None:
        self.report = report
        self.plan = plan
        self.lang = lang

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
        row = [Text(visible(t.name)), Text(goal_words(t, lang))]
        row += [c if isinstance(c, Text) else Text(c) for c in cells]
        row.append(light_text(t.light, state_words(t.state, lang)))
        return row

    def _tables(self, groups: list[tuple[str, list[TargetStatus]]], width: int) -> RenderResult:
        from rich import box
        from rich.cells import cell_len
        from rich.table import Table
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
            table = Table(
                box=box.SIMPLE_HEAD,
                show_edge=False,
                padding=(0, 0, 0, 1),
                pad_edge=False,
                header_style="bold",
                border_style="bright_black",
                width=name_width + fixed,
            )
            table.add_column(headers[0], width=name_width, overflow="fold")
            for i in shown:
                justify = "right" if keys[i - 1] in right else "left"
                table.add_column(headers[i], width=widths[i], justify=justify, no_wrap=True)
            for cells in group:
                table.add_row(cells[0], *(cells[i] for i in shown))
            yield table

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
                    light_text(_STATE_LIGHT[state], f"{state_words(state, lang)} {n}")
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
                light = "red" if a.state == "overdue" else "grey"
                grid.add_row(
                    Text("  " + when_words(a, lang)),
                    light_text(light, text("activity." + a.state, lang)),
                    Text(visible(a.name)),
                )
            yield grid


def _json_safe(value: str) -> str:
    """Return JSON text with every non-printable character inside it written as \\uXXXX.

    The data stay the same for a JSON reader, but nothing in a name or note can act
    on a terminal the JSON is printed to.
    """
    if value.isprintable():
        return value
    out = []
    for char in value:
        if char.isprintable() or char == "\n":
            out.append(char)
        else:
            for unit in char.encode("utf-16-be").hex(" ", 2).split():
                out.append(f"\\u{unit}")
    return "".join(out)


def status_as_data(report: StatusReport, plan: Plan, path: str) -> dict:
    """Return the status as the stable JSON shape of SPEC.md §4 (as Python values)."""
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
        "targets": targets,
        "activities": activities,
        "summary": summary,
    }


def status_as_json(report: StatusReport, plan: Plan, path: str) -> str:
    """Return the status as JSON text in the stable shape (SPEC.md §4)."""
    data = status_as_data(report, plan, path)
    return _json_safe(json.dumps(data, ensure_ascii=False, indent=2))


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


def status_as_csv(report: StatusReport) -> str:
    """Return one CSV row per target, with a header row of CSV_COLUMNS."""
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for t in report.targets:
        blank = "" if t.goal is None else None

        def num(value: int | None, blank: str | None = blank) -> str:
            return "" if value is None or blank == "" else str(value)

        writer.writerow(
            [
                t.section or "",
                t.id,
                visible(t.name),
                t.kind,
                visible(t.unit or ""),
                str(t.goal) if t.goal else "",
                num(t.goal.min if t.goal else None),
                num(t.goal.max if t.goal else None),
                str(t.actual),
                num(t.expected),
                num(t.missing),
                num(t.percent),
                t.state,
                t.light,
                t.done.isoformat() if t.done else "",
            ]
        )
    return out.getvalue()


_MARKDOWN_SPECIAL = set("\\`*_{}[]<>()#+!|~")


def markdown_text(value: str) -> str:
    """Return user text safe inside a Markdown table cell: visible, escaped, one line."""
    shown = visible(value.replace("\r", " ").replace("\n", " "))
    return "".join("\\" + c if c in _MARKDOWN_SPECIAL else c for c in shown)


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
            state = f"{_LIGHT_EMOJI[t.light]} {state_words(t.state, lang)}"
            cells = [markdown_text(t.name), markdown_text(goal_words(t, lang)), *numbers, state]
            lines.append("| " + " | ".join(cells) + " |")
    s = report.summary
    counts = [
        f"{state_words(state, lang)} {s.count(state)}" for state in TARGET_STATES if s.count(state)
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
            word = text("activity." + a.state, lang)
            lines.append(f"- {when_words(a, lang)} {markdown_text(a.name)} — {word}")
        if due:
            lines.append("")
    return "\n".join(lines)


# --- show ---------------------------------------------------------------------------


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


def _title(name: str, ident: str, kind: str, lang: str) -> Text:
    from rich.text import Text

    out = Text(visible(name), style="bold")
    out.append(f"  {ident}", style="bright_black")
    out.append(f"  ({text('show.' + kind, lang)})", style="bright_black")
    return out


def _heading(code: str, lang: str) -> Text:
    from rich.text import Text

    return Text(text(code, lang), style="bold")


def target_standing(t: TargetStatus, lang: str) -> Text:
    """Return one line: actual of goal, expected by now, and the state with its light."""
    from rich.text import Text

    if t.goal is None:
        words = state_words(t.state, lang)
        if t.done is not None:
            words += f" {t.done.isoformat()}"
        return light_text(t.light, words)
    out = Text(f"{t.actual} / {goal_words(t, lang)} ({t.percent}%) · ")
    out.append(f"{text('col.expected', lang)} {t.expected} · ")
    out.append_text(light_text(t.light, state_words(t.state, lang)))
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
            bar.stylize("bright_black")
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


def records_table(plan: Plan, lines: tuple[RecordLine, ...], lang: str) -> Table | Text:
    """Return the records as a table; reversed records are struck through and say by what."""
    from rich.table import Table
    from rich.text import Text

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
        style = "strike bright_black" if line.reverted_by is not None else ""
        if line.reverts is not None:
            note.append(text("show.reverts", lang, id=visible(line.reverts.id)) + " ")
        if r.activity is not None:
            note.append("↳ " + visible(activity_names.get(r.activity, r.activity)) + " ")
        if r.done:
            note.append(text("show.done", lang) + " ")
        if r.note:
            note.append(visible(r.note))
        if r.evidence:
            note.append(" " + visible(r.evidence), style="bright_black")
        if line.reverted_by is not None:
            note.append(" " + text("show.reverted_by", lang, id=visible(line.reverted_by.id)))
        amount = "" if r.revert is not None or r.done or r.measure else str(r.amount or 1)
        cells = [r.date.isoformat(), visible(r.id), amount, visible(r.by or "")]
        table.add_row(*(Text(c, style=style) for c in cells), note)
    return table


def target_view(
    plan: Plan,
    t: TargetStatus,
    history: tuple[MonthPoint, ...],
    lines: tuple[RecordLine, ...],
    as_of: dt.date,
    lang: str,
) -> Group:
    """Return everything about one target: plan text, goal, standing, chart and records."""
    from rich.console import Group
    from rich.text import Text

    target = next(x for x in plan.targets if x.id == t.id)
    measures = {m.id: m for m in plan.measures()}
    facts: list[tuple[str, Text | str]] = []
    if target.text:
        facts.append((text("show.text", lang), visible(target.text)))
    facts.append((text("show.goal", lang), goal_words(t, lang)))
    if target.measure in measures:
        facts.append((text("show.in_measure", lang), visible(measures[target.measure].title)))
    if t.owner:
        facts.append((text("show.owner", lang), visible(unit_name(plan, t.owner))))
    facts.append((text("show.due", lang), t.due.isoformat()))
    standing = target_standing(t, lang)
    standing.append(f"  ({text('status.as_of', lang, date=as_of.isoformat())})")
    facts.append((text("show.standing", lang), standing))
    parts: list[object] = [_title(t.name, t.id, "target", lang), _facts(facts)]
    if t.goal is not None:
        parts += [Text(""), _heading("show.chart", lang), history_chart(history, t, lang)]
    parts += [Text(""), _heading("show.records", lang), records_table(plan, lines, lang)]
    return Group(*parts)


def unit_name(plan: Plan, ident: str) -> str:
    """Return a unit's name with its id, or the id alone when the plan has no such unit."""
    for unit in plan.units:
        if unit.id == ident:
            return f"{unit.name} ({ident})"
    return ident


def activity_view(
    plan: Plan, a: ActivityStatus, lines: tuple[RecordLine, ...], as_of: dt.date, lang: str
) -> Group:
    """Return everything about one major activity: when, what it counts toward, records."""
    from rich.console import Group
    from rich.text import Text

    measures = {m.id: m for m in plan.measures()}
    targets = {t.id: t for t in plan.targets}
    facts: list[tuple[str, Text | str]] = [(text("show.planned", lang), when_words(a, lang))]
    if a.measure in measures:
        facts.append((text("show.in_measure", lang), visible(measures[a.measure].title)))
    if a.target in targets:
        facts.append((text("show.counts_toward", lang), visible(targets[a.target].name)))
    light = {"held": "green", "overdue": "red"}.get(a.state, "grey")
    words = text("activity." + a.state, lang)
    if a.held is not None:
        words += f" {a.held.isoformat()}"
    standing = light_text(light, words)
    standing.append(f"  ({text('status.as_of', lang, date=as_of.isoformat())})")
    facts.append((text("show.standing", lang), standing))
    return Group(
        _title(a.name, a.id, "activity", lang),
        _facts(facts),
        Text(""),
        _heading("show.records", lang),
        records_table(plan, lines, lang),
    )


def measure_view(
    plan: Plan,
    measure_id: str,
    report: StatusReport,
    lines: tuple[RecordLine, ...],
    lang: str,
) -> Group:
    """Return everything about one measure: its tasks, targets, activities and records."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    section, measure = next((s, m) for s in plan.sections for m in s.measures if m.id == measure_id)
    facts: list[tuple[str, Text | str]] = [(text("show.section", lang), visible(section.title))]
    if measure.owner:
        facts.append((text("show.owner", lang), visible(unit_name(plan, measure.owner))))
    facts.append(
        (text("show.standing", lang), text("status.as_of", lang, date=report.as_of.isoformat()))
    )
    parts: list[object] = [_title(measure.title, measure.id, "measure", lang), _facts(facts)]
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
            words = text("activity." + a.state, lang)
            if a.held is not None:
                words += f" {a.held.isoformat()}"
            grid.add_row(Text(when_words(a, lang)), Text(visible(a.name)), light_text(light, words))
        parts += [Text(""), _heading("show.activities", lang), grid]
    parts += [Text(""), _heading("show.records", lang), records_table(plan, lines, lang)]
    return Group(*parts)
