"""A period report as one self-contained HTML page that prints on A4.

No network and no script: the CSS is inline and the charts are inline SVG — targets by
state for each section, and for each counted target its cumulative actual month by month
against its expected line (序时进度). Every string from the plan or the ledger is shown
with control characters made visible and HTML-escaped. Numbers carry `data-*` attributes
so that a test (or another tool) can read them off the page. Returns a string.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from kexie_plan.i18n import text
from kexie_plan.render import report_rows as sheets
from kexie_plan.render.sheet import cell_text
from kexie_plan.render.words import (
    link_words,
    short_ids,
    state_words,
    unit_names,
    visible,
    web_link,
    when_words,
)

if TYPE_CHECKING:
    from kexie_plan.plan import Plan
    from kexie_plan.report import PeriodReport, TargetLine

# One colour per state, each its own: greens for what is done or going well (darkest for
# exceeded; teal for a milestone done), amber behind, red overdue, greys for what has not
# started. Text on a colour is dark on the light ones (INK).
STATE_COLOURS = {
    "exceeded": "#1b5e20",
    "met": "#43a047",
    "done": "#00897b",
    "on_track": "#9ccc65",
    "behind": "#f9a825",
    "overdue": "#c62828",
    "pending": "#cfd8dc",
    "open": "#78909c",
}
INK = {"on_track": "#212121", "behind": "#212121", "pending": "#212121"}

CSS = """
@page { size: A4; margin: 14mm 12mm; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC",
       "WenQuanYi Micro Hei", sans-serif;
       font-size: 10pt; color: #212121; margin: 0 auto; max-width: 186mm; }
h1 { font-size: 16pt; margin: 0 0 4pt; }
h2 { font-size: 13pt; margin: 14pt 0 6pt; border-bottom: 1px solid #9e9e9e; }
h3 { font-size: 11pt; margin: 10pt 0 4pt; }
h2, h3, p.legend { break-after: avoid; page-break-after: avoid; }
p.span { color: #616161; margin: 0 0 6pt; }
p.summary { font-weight: bold; font-size: 11pt; margin: 6pt 0; }
p.more, p.hint { color: #616161; font-size: 8.5pt; }
table { border-collapse: collapse; width: 100%; margin: 2pt 0 6pt; }
th, td { border: 1px solid #bdbdbd; padding: 2pt 4pt; vertical-align: top; text-align: left; }
th { background: #eeeeee; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.targets { table-layout: fixed; }
table.targets th:nth-child(1) { width: 34%; }
table.targets th:nth-child(2) { width: 14%; }
table.targets th:nth-child(7) { width: 13%; }
table.records { font-size: 8.5pt; }
table.records th { white-space: nowrap; }
table.records th.name { width: 20%; }
table.records th.note { width: 28%; }
table.records th.evidence, table.records th.by { width: 10%; }
table.records td { overflow-wrap: break-word; }
table.records td.by { word-break: keep-all; }
table.records td.date, table.records td.kind, table.records td.id { white-space: nowrap; }
table.records td.id { font-family: "DejaVu Sans Mono", Consolas, monospace; }
table.records a { color: #1565c0; }
tr, figure { break-inside: avoid; page-break-inside: avoid; }
thead { display: table-header-group; }
.state { white-space: nowrap; }
.dot { display: inline-block; width: 8pt; height: 8pt; border-radius: 50%;
       margin-right: 3pt; vertical-align: middle; }
.charts { display: grid; grid-template-columns: repeat(3, 1fr); gap: 6pt; }
figure { margin: 0; border: 1px solid #e0e0e0; padding: 3pt; display: flex;
         flex-direction: column; justify-content: space-between; }
figcaption { font-size: 8.5pt; line-height: 1.25; margin-bottom: 2pt; overflow-wrap: anywhere; }
figure svg { display: block; width: 100%; height: auto; }
svg text { font-size: 8px; fill: #616161; }
table.bars td { border: none; padding: 1pt 4pt; }
.legend span { margin-right: 8pt; white-space: nowrap; }
ul { margin: 2pt 0; padding-left: 16pt; }
@media print {
  body { max-width: none; }
  a { text-decoration: none; }
}
"""


def _h(value: str) -> str:
    """Return user text safe inside HTML: control characters visible, markup escaped."""
    return escape(visible(value), quote=True)


def _state_cell(state: str, lang: str, final: bool = False) -> str:
    colour = STATE_COLOURS[state]
    word = escape(state_words(state, lang, final))
    return (
        f'<td class="state" data-state="{state}">'
        f'<span class="dot" style="background:{colour}"></span>{word}</td>'
    )


def _num(key: str, value: int | None, shown: str | None = None) -> str:
    data = "" if value is None else str(value)
    label = escape(shown if shown is not None else data)
    return f'<td class="num {key}" data-{key.replace("_", "-")}="{data}">{label}</td>'


def _target_row(line: TargetLine, lang: str) -> str:
    t = line.status
    cells = sheets.target_cells(line, lang)
    goal = _h(str(cells["goal"]))
    if line.adjusted:
        goal = f"<s>{_h(str(cells['original']))}</s> → {goal}"
    parts = [f'<tr data-target="{escape(t.id)}">', f'<td class="name">{_h(t.name)}</td>']
    parts.append(f'<td class="goal">{goal}</td>')
    if t.goal is None:
        done = t.done.isoformat() if t.done else ""
        parts.append(_num("in_period", line.in_period, "✓" if line.in_period else ""))
        parts.append(_num("actual", t.actual, f"✓ {done}" if done else ""))
        parts.append(_num("percent", None))
        parts.append(_num("expected_end", None))
    else:
        parts.append(_num("in_period", line.in_period))
        parts.append(_num("actual", t.actual))
        parts.append(_num("percent", t.percent, f"{t.percent}%"))
        parts.append(_num("expected_end", line.expected_at_end))
    parts.append(_state_cell(t.state, lang, t.final))
    parts.append("</tr>")
    return "".join(parts)


def _states_chart(report: PeriodReport, plan: Plan, lang: str) -> str:
    """Return a table of sections, each with a bar of its targets coloured by state."""
    from kexie_plan.progress import TARGET_STATES

    rows = []
    width = 300
    groups = sheets.grouped_targets(report, plan, lang)
    for heading, group in groups:
        counts = [(s, sum(1 for line in group if line.status.state == s)) for s in TARGET_STATES]
        total = sum(n for _, n in counts) or 1
        x = 0.0
        rects = []
        for state, n in counts:
            if not n:
                continue
            w = width * n / total
            rects.append(
                f'<rect x="{x:.1f}" y="0" width="{w:.1f}" height="14" '
                f'fill="{STATE_COLOURS[state]}">'
                f"<title>{escape(state_words(state, lang, report.status.final))} "
                f"{n}</title></rect>"
            )
            if w >= 12:
                rects.append(
                    f'<text x="{x + w / 2:.1f}" y="10.5" text-anchor="middle" '
                    f'style="fill:{INK.get(state, "#fff")};font-size:9px">{n}</text>'
                )
            x += w
        svg = (
            f'<svg width="{width}" height="14" viewBox="0 0 {width} 14" role="img">'
            + "".join(rects)
            + "</svg>"
        )
        rows.append(f"<tr><td>{_h(heading)}</td><td>{svg}</td></tr>")
    legend = "".join(
        f'<span><span class="dot" style="background:{STATE_COLOURS[s]}"></span>'
        f"{escape(state_words(s, lang, report.status.final))}</span>"
        for s in TARGET_STATES
        if any(line.status.state == s for line in report.targets)
    )
    return f'<table class="bars">{"".join(rows)}</table><p class="legend">{legend}</p>'


# The size of a target's chart (the SVG's own units; the page scales it to its column),
# and the least room a label on the axes takes.
CHART_W, CHART_H, CHART_LEFT, CHART_BOTTOM, CHART_TOP, CHART_RIGHT = 220, 116, 24, 16, 8, 4
LABEL_PX = 9
MONTH_PX = 14  # a month number (1 to 12) needs this much room


def _target_chart(line: TargetLine, lang: str) -> str:
    """Return a figure: the target's name and numbers as its caption, above an SVG of its
    cumulative actual month by month against its expected line, every month labelled on
    the axis (every second or third when they would crowd)."""
    t = line.status
    points = line.history
    w, h, left, bottom, top = CHART_W, CHART_H, CHART_LEFT, CHART_BOTTOM, CHART_TOP
    goal_low = t.goal.min if t.goal else 1
    highest = max([goal_low] + [p.actual or 0 for p in points] + [p.expected or 0 for p in points])
    plot_w, plot_h = w - left - CHART_RIGHT, h - bottom - top
    n = max(len(points), 1)

    def x(i: float) -> float:
        return left + plot_w * i / n

    def y(v: int) -> float:
        return top + plot_h * (1 - v / highest)

    expected = " ".join(
        [f"{left:.1f},{y(0):.1f}"]
        + [f"{x(i + 1):.1f},{y(p.expected or 0):.1f}" for i, p in enumerate(points)]
    )
    actual = " ".join(
        [f"{left:.1f},{y(0):.1f}"]
        + [
            f"{x(i + 1):.1f},{y(p.actual):.1f}"
            for i, p in enumerate(points)
            if p.actual is not None
        ]
    )
    right = w - CHART_RIGHT
    parts = [
        f'<svg width="{w}" height="{h}" viewBox="0 0 {w} {h}" role="img">',
        f'<line x1="{left}" y1="{y(goal_low):.1f}" x2="{right}" y2="{y(goal_low):.1f}" '
        'stroke="#9e9e9e" stroke-width="0.6"/>',
        f'<line x1="{left}" y1="{y(0):.1f}" x2="{right}" y2="{y(0):.1f}" stroke="#616161"/>',
        f'<polyline points="{expected}" fill="none" stroke="#757575" stroke-dasharray="3 2" '
        'stroke-width="1.2"/>',
        f'<polyline points="{actual}" fill="none" stroke="{STATE_COLOURS[t.state]}" '
        'stroke-width="2"/>',
    ]
    # The values on the left: the top, the goal (unless it would touch the top's), 0.
    values = [highest]
    if goal_low != highest and y(goal_low) - y(highest) >= LABEL_PX:
        values.append(goal_low)
    values.append(0)
    parts += [
        f'<text x="{left - 3}" y="{y(v) + 3:.1f}" text-anchor="end">{v}</text>' for v in values
    ]
    # The months below the axis: a tick at each month's end, its number under its middle.
    step = 1
    while plot_w * step / n < MONTH_PX and step < n:
        step += 1
    for i, p in enumerate(points):
        parts.append(
            f'<line x1="{x(i + 1):.1f}" y1="{y(0):.1f}" x2="{x(i + 1):.1f}" '
            f'y2="{y(0) + 2:.1f}" stroke="#616161" stroke-width="0.6"/>'
        )
        if i % step == 0:
            parts.append(
                f'<text class="month" x="{x(i + 0.5):.1f}" y="{h - 4}" '
                f'text-anchor="middle">{p.month.month}</text>'
            )
    parts.append("</svg>")
    caption = f"{_h(t.name)} · {t.actual}/{goal_low}"
    return (
        f'<figure data-target="{escape(t.id)}"><figcaption>{caption}</figcaption>'
        + "".join(parts)
        + "</figure>"
    )


ANNEX_KEYS = ("date", "kind", "name", "amount", "note", "evidence", "by", "reverted", "id")
_ANNEX_CLASSES = {"amount": "amount num"}


def _annex(report: PeriodReport, plan: Plan, lang: str) -> list[str]:
    """Return the annex: the period's records listed (by date), each with who reported it,
    its evidence linked when it is a web address, and its id cut to the shortest prefix
    that tells it from the others listed."""
    out = [f"<h2>{escape(text('report.annex', lang))}</h2>"]
    if not report.records:
        return [*out, f"<p>{escape(text('report.none', lang))}</p>"]
    head = "".join(
        f'<th class="{k}">{escape(text("col." + ("record" if k == "id" else k), lang))}</th>'
        for k in ANNEX_KEYS
    )
    out.append(f'<table class="records"><thead><tr>{head}</tr></thead><tbody>')
    units = unit_names(plan)
    short = short_ids(entry.record.id for entry in report.records)
    for entry in report.records:
        cells = sheets.record_cells(entry, lang)
        r = entry.record
        amount = "" if entry.amount is None else f"{entry.amount} {_h(entry.unit or '')}".strip()
        link = web_link(r.evidence)
        if link is not None:
            evidence = (
                f'<a href="{escape(link, quote=True)}" rel="noreferrer" '
                f'title="{escape(link, quote=True)}">{_h(link_words(link))}</a>'
            )
        else:
            evidence = _h(r.evidence or "")
        tds = {
            "date": cell_text(r.date),
            "kind": _h(str(cells["kind"])),
            "name": _h(entry.name),
            "amount": amount,
            "note": _h(r.note or ""),
            "evidence": evidence,
            "by": _h(units.get(r.by, r.by) if r.by else ""),
            "reverted": _h(str(cells["reverted"] or "")),
            "id": _h(short[r.id]),
        }
        attributes = {"amount": "", "id": f' title="{escape(r.id, quote=True)}"'}
        if entry.amount is not None:
            attributes["amount"] = f' data-amount="{entry.amount}"'
        row = "".join(
            f'<td class="{_ANNEX_CLASSES.get(k, k)}"{attributes.get(k, "")}>{tds[k]}</td>'
            for k in ANNEX_KEYS
        )
        out.append(f'<tr data-record="{escape(r.id)}">{row}</tr>')
    out.append("</tbody></table>")
    hints = [text("report.short_ids", lang)]
    if report.more_records:
        hints.insert(0, sheets.more_records(report, lang))
    out += [f'<p class="more">{escape(hint)}</p>' for hint in hints]
    return out


def report_as_html(report: PeriodReport, plan: Plan, lang: str) -> str:
    """Return the period report as one self-contained HTML document."""
    title = sheets.report_title(report, plan, lang)
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{"zh-CN" if lang == "zh" else "en"}">',
        '<head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_h(title)}</title><style>{CSS}</style></head><body>",
        f"<header><h1>{_h(title)}</h1>",
        f'<p class="span">{escape(sheets.span_line(report, lang))}</p>',
        f'<p class="summary" id="summary">{escape(sheets.summary_sentence(report, lang))}</p>',
        "</header>",
        f"<h2>{escape(text('report.states_by_section', lang))}</h2>",
        _states_chart(report, plan, lang),
        f"<h2>{escape(text('report.targets', lang))}</h2>",
    ]
    keys = ("target", "goal", "in_period", "cumulative", "percent", "expected_end", "state")
    head = "".join(f"<th>{escape(text('col.' + k, lang))}</th>" for k in keys)
    for heading, group in sheets.grouped_targets(report, plan, lang):
        out.append(f"<h3>{_h(heading)}</h3>")
        out.append(f'<table class="targets"><thead><tr>{head}</tr></thead><tbody>')
        out += [_target_row(line, lang) for line in group]
        out.append("</tbody></table>")

    adjusted = [line for line in report.targets if line.adjusted]
    if adjusted:
        keys_adj = ("target", "original", "adjusted", "adjusted_on", "reason")
        out.append(f"<h2>{escape(text('report.adjustments', lang))}</h2>")
        out.append('<table class="adjustments"><thead><tr>')
        out.append("".join(f"<th>{escape(text('col.' + k, lang))}</th>" for k in keys_adj))
        out.append("</tr></thead><tbody>")
        for line in adjusted:
            cells = sheets.target_cells(line, lang)
            out.append(
                f'<tr data-target="{escape(line.status.id)}"><td>{_h(line.status.name)}</td>'
                f"<td>{_h(str(cells['original']))}</td><td>{_h(str(cells['goal']))}</td>"
                f"<td>{cell_text(line.adjusted_on)}</td><td>{_h(line.reason or '')}</td></tr>"
            )
        out.append("</tbody></table>")

    charted = [line for line in report.targets if line.status.goal is not None and line.history]
    if charted:
        out.append(f"<h2>{escape(text('report.charts', lang))}</h2>")
        legend = (
            f'<p class="legend"><span>— {escape(text("report.chart_actual", lang))}</span>'
            f"<span>- - {escape(text('report.chart_expected', lang))}</span>"
            f"<span>{escape(text('report.chart_months', lang))}</span></p>"
        )
        out.append(legend)
        out.append('<div class="charts">')
        out += [_target_chart(line, lang) for line in charted]
        out.append("</div>")

    s = report.status.summary
    out.append(f"<h2>{escape(text('report.activities', lang))}</h2>")
    out.append(
        f'<p id="activities">'
        f"{escape(text('status.activities', lang, held=s.activities_held, total=s.activities))}</p>"
    )
    out.append(f"<h3>{escape(text('report.held', lang))}</h3>")
    if report.held:
        out.append('<ul class="held">')
        for a in report.held:
            held = a.held.isoformat() if a.held else ""
            out.append(
                f'<li data-activity="{escape(a.id)}">{held} {_h(a.name)} '
                f"({escape(when_words(a, lang))})</li>"
            )
        out.append("</ul>")
    else:
        out.append(f"<p>{escape(text('report.none', lang))}</p>")
    out.append(f"<h3>{escape(text('report.slipped', lang))}</h3>")
    if report.slipped:
        out.append('<ul class="slipped">')
        for a in report.slipped:
            if a.held is None:
                how = text("record.not_held", lang)
            else:
                how = text("report.held_late", lang, date=a.held.isoformat())
            out.append(
                f'<li data-activity="{escape(a.id)}">{escape(when_words(a, lang))} '
                f"{_h(a.name)} — {escape(how)}</li>"
            )
        out.append("</ul>")
    else:
        out.append(f"<p>{escape(text('report.none', lang))}</p>")

    out.append(f"<h2>{escape(text('report.notes', lang))}</h2>")
    if report.notes:
        out.append('<ul class="notes">')
        for entry in report.notes:
            out.append(
                f"<li>{entry.record.date.isoformat()} <b>{_h(entry.name)}</b>: "
                f"{_h(entry.record.note or '')}</li>"
            )
        out.append("</ul>")
        if report.more_notes:
            words = text("report.more_notes", lang, count=report.more_notes)
            out.append(f'<p class="more">{escape(words)}</p>')
    else:
        out.append(f"<p>{escape(text('report.none', lang))}</p>")

    out += _annex(report, plan, lang)
    out.append("</body></html>")
    return "\n".join(out) + "\n"
