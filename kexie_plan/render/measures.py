"""`kexie measures`: the plan's measures by section, each with its owner, how many records
it has, its latest note and a state (not started, in progress, done), as a Rich table,
JSON, CSV and Markdown. Returns renderables and strings; never prints, never computes.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from kexie_plan.i18n import text
from kexie_plan.render.sheet import Sheet
from kexie_plan.render.words import (
    LIGHT_EMOJI,
    Listing,
    heading,
    light_text,
    markdown_heading,
    markdown_text,
    measure_words,
    owner_words,
    table,
    visible,
)
from kexie_plan.states import MeasureState

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderResult
    from rich.text import Text

    from kexie_plan.plan import Plan
    from kexie_plan.progress import MeasureStatus

# The order the summary counts them in.
MEASURE_STATES = (MeasureState.DONE, MeasureState.IN_PROGRESS, MeasureState.NOT_STARTED)
MIN_TITLE_WIDTH = 18


def measure_state_cell(m: MeasureStatus, lang: str) -> Text:
    """Return the state with its light: ● 已完成 2021-06-25, ● 进行中, ○ 未开始."""
    words = measure_words(m.state, lang)
    if m.done is not None:
        words += f" {m.done.isoformat()}"
    return light_text(m.state.light, words)


def latest_words(m: MeasureStatus) -> str:
    """Return the latest note with its date: 2021-06-02 完成党史学习教育第一阶段."""
    if m.latest_date is None:
        return ""
    return f"{m.latest_date.isoformat()} {m.latest_note or ''}"


def measures_summary(measures: tuple[MeasureStatus, ...], lang: str) -> str:
    """Return: 共 16 项措施：已完成 0，进行中 1，未开始 15."""
    counts = {s.value: sum(m.state is s for m in measures) for s in MEASURE_STATES}
    return text("measures.summary", lang, total=len(measures), **counts)


def _groups(
    measures: tuple[MeasureStatus, ...], plan: Plan
) -> list[tuple[str, list[MeasureStatus]]]:
    return [
        (section.title, [m for m in measures if m.section == section.id])
        for section in plan.sections
        if any(m.section == section.id for m in measures)
    ]


class MeasuresView(Listing):
    """The measures as one table per section, all with the same column widths."""

    items: tuple[MeasureStatus, ...]

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from rich.cells import cell_len
        from rich.text import Text

        lang = self.lang
        yield heading("measures.title", self.plan, self.as_of, lang, self.clamped)
        if not self.items:
            yield Text("")
            yield Text(text("measures.none", lang))
            return
        with_owner = any(m.owner or m.co_owners for m in self.items)
        keys = ["measure", *(["owner"] if with_owner else []), "records", "state", "latest"]
        headers = [text("col." + k, lang) for k in keys]
        rows = []
        for m in self.items:
            row = [Text(visible(m.title))]
            if with_owner:
                row.append(Text(visible(owner_words(self.plan, m.owner, m.co_owners))))
            row += [Text(str(m.records)), measure_state_cell(m, lang)]
            row.append(Text(visible(latest_words(m))))
            rows.append((m, row))
        width = min(options.max_width, 132)
        # fixed columns as wide as their widest cell; title and latest note share the rest
        fixed = [i for i, k in enumerate(keys) if k in ("records", "state")]
        widths = {
            i: max(cell_len(headers[i]), *(row[i].cell_len for _, row in rows)) for i in fixed
        }
        if with_owner:
            widths[1] = min(16, max(cell_len(headers[1]), *(row[1].cell_len for _, row in rows)))
        # never wider than the screen: Rich would shrink the columns and lose CJK text
        rest = max(width - sum(widths.values()) - 2 * len(keys), 8)
        title_width = max(rest * 2 // 5, min(MIN_TITLE_WIDTH, rest - 10), 4)
        latest_width = max(rest - title_width, 4)
        widths[0] = title_width
        widths[len(keys) - 1] = latest_width
        for title, group in _groups(self.items, self.plan):
            yield Text("")
            yield Text(visible(title), style="bold")
            grid = table(width=sum(widths.values()) + 2 * len(keys))
            for i, header in enumerate(headers):
                right = keys[i] == "records"
                grid.add_column(
                    header,
                    width=widths[i],
                    justify="right" if right else "left",
                    no_wrap=keys[i] in ("records", "state"),
                    overflow="fold",
                )
            for m, row in rows:
                if m in group:
                    grid.add_row(*row)
            yield grid
        yield Text("")
        yield Text(measures_summary(self.items, lang))


def measure_data(m: MeasureStatus) -> dict:
    """Return one measure as the JSON of `kexie measures` (as Python values)."""
    return {
        "id": m.id,
        "title": m.title,
        "section": m.section,
        "owner": m.owner,
        "co_owners": list(m.co_owners),
        "records": m.records,
        "state": m.state,
        "done": m.done.isoformat() if m.done else None,
        "latest_note": m.latest_note,
        "latest_date": m.latest_date.isoformat() if m.latest_date else None,
    }


def measures_as_data(
    measures: tuple[MeasureStatus, ...], plan: Plan, path: str, as_of: dt.date
) -> dict:
    """Return the measures as JSON values: {plan, as_of, measures: [...], summary}."""
    summary = {"measures": len(measures)}
    summary |= {s.value: sum(m.state is s for m in measures) for s in MEASURE_STATES}
    return {
        "plan": {"year": plan.year, "title": plan.title, "path": path},
        "as_of": as_of.isoformat(),
        "measures": [measure_data(m) for m in measures],
        "summary": summary,
    }


CSV_COLUMNS = (
    "section",
    "id",
    "title",
    "owner",
    "co_owners",
    "records",
    "state",
    "done",
    "latest_date",
    "latest_note",
)


def measures_sheet(measures: tuple[MeasureStatus, ...]) -> Sheet:
    """Return one row per measure under the headers of CSV_COLUMNS."""
    rows = tuple(
        (
            m.section,
            m.id,
            m.title,
            m.owner or "",
            " ".join(m.co_owners),
            m.records,
            m.state.value,
            m.done,
            m.latest_date,
            m.latest_note or "",
        )
        for m in measures
    )
    return Sheet("measures", CSV_COLUMNS, rows)


def measures_as_markdown(
    measures: tuple[MeasureStatus, ...],
    plan: Plan,
    as_of: dt.date,
    lang: str,
    clamped: str | None = None,
) -> str:
    """Return the measures as Markdown: a heading, one table per section, the summary."""
    lines = markdown_heading("measures.title", plan, as_of, lang, clamped)
    if not measures:
        return "\n".join([*lines, "", text("measures.none", lang), ""])
    headers = [text("col." + k, lang) for k in ("measure", "owner", "records", "state", "latest")]
    for section_title, group in _groups(measures, plan):
        lines += ["", f"## {markdown_text(section_title)}", ""]
        lines.append("| " + " | ".join(headers) + " |")
        lines.append("|---|---|--:|---|---|")
        for m in group:
            state = measure_words(m.state, lang)
            if m.done is not None:
                state += f" {m.done.isoformat()}"
            cells = [
                markdown_text(m.title),
                markdown_text(owner_words(plan, m.owner, m.co_owners)),
                str(m.records),
                f"{LIGHT_EMOJI[m.state.light]} {state}",
                markdown_text(latest_words(m)),
            ]
            lines.append("| " + " | ".join(cells) + " |")
    lines += ["", measures_summary(measures, lang), ""]
    return "\n".join(lines)
