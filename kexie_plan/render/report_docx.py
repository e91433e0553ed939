"""A period report as a Word document (.docx) that Word and WPS open as they are.

The same sections and tables as the HTML report, on A4: the 文号 (document number)
above the title when kexie.toml's [report] gives one, the period and the summary; the
targets by state per section; each section's targets; adjusted goals; each counted
target's progress; the activities held and slipped; the notes on measures; the annex of
records (who reported them, their evidence linked, their ids cut to unique prefixes); the
落款 (signature and date) at the end; page numbers in the footer (Word's PAGE and
NUMPAGES fields). Charts are tables whose cells are shaded, as Word and WPS draw them
alike: a bar of 20 cells per section (its targets by state) and per counted target (done,
and what the calendar expects by now). No picture, so no new dependency.

The document is python-docx's default template with only valid WordprocessingML added
(every property element in its schema order), so neither Word nor WPS asks to repair
it. python-docx is imported only when a document is made. Returns bytes; never prints.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from kexie_plan.i18n import text
from kexie_plan.render import report_rows as sheets
from kexie_plan.render.report_html import STATE_COLOURS
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
    from docx.document import Document
    from docx.table import Table, _Cell
    from docx.text.paragraph import Paragraph

    from kexie_plan.plan import Plan
    from kexie_plan.report import PeriodReport, TargetLine


@dataclass(frozen=True)
class Letterhead:
    """What kexie.toml's [report] puts on a document: its number (发文字号), who signs
    it (落款) and the day under the signature (成文日期)."""

    number: str | None = None
    signature: str | None = None
    date: dt.date | None = None


# Fonts every Chinese Windows, Word and WPS have: 宋体 for text, 黑体 for headings.
LATIN, EAST_ASIAN = "Times New Roman", "宋体"
HEADING_LATIN, HEADING_EAST_ASIAN = "Arial", "黑体"
BAR_CELLS = 20  # a bar's length in cells: 5% each
BAR_CELL_CM = 0.3
MISSING = "#e0e0e0"  # the part of a bar the calendar expects and is not yet done
TEXT_WIDTH_CM = 17.0  # A4 less margins of 2 cm
SMALL = "Small Text"  # kexie's paragraph style for 9-point text: the annex, bars, notes


def _h(value: str | None) -> str:
    """Return user text as a document shows it: control characters made visible."""
    return visible(value or "")


def _colour(value: str) -> str:
    return value.lstrip("#").upper()


def _element(tag: str, **attributes: str) -> Any:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    element = OxmlElement(tag)
    for name, value in attributes.items():
        element.set(qn("w:" + name), value)
    return element


# The order of the property elements kexie writes into, as WordprocessingML's schema
# (ECMA-376 Part 1, §17.4) has them: Word repairs a file whose properties are out of order.
PROPERTY_ORDER = {
    "tblPr": [
        "tblStyle",
        "tblpPr",
        "tblOverlap",
        "bidiVisual",
        "tblStyleRowBandSize",
        "tblStyleColBandSize",
        "tblW",
        "jc",
        "tblCellSpacing",
        "tblInd",
        "tblBorders",
        "shd",
        "tblLayout",
        "tblCellMar",
        "tblLook",
        "tblCaption",
        "tblDescription",
        "tblPrChange",
    ],
    "trPr": [
        "cnfStyle",
        "divId",
        "gridBefore",
        "gridAfter",
        "wBefore",
        "wAfter",
        "cantSplit",
        "trHeight",
        "tblHeader",
        "tblCellSpacing",
        "jc",
        "hidden",
        "ins",
        "del",
        "trPrChange",
    ],
    "tcPr": [
        "cnfStyle",
        "tcW",
        "gridSpan",
        "hMerge",
        "vMerge",
        "tcBorders",
        "shd",
        "noWrap",
        "tcMar",
        "textDirection",
        "tcFitText",
        "vAlign",
        "hideMark",
        "headers",
        "cellIns",
        "cellDel",
        "cellMerge",
        "tcPrChange",
    ],
}


def _put(parent: Any, child: Any) -> None:
    """Put `child` into a properties element (tblPr, trPr or tcPr) where the schema
    orders it, in place of one of its kind."""
    order = PROPERTY_ORDER[parent.tag.rsplit("}", 1)[1]]
    name = child.tag.rsplit("}", 1)[1]
    for old in parent.findall(child.tag):
        parent.remove(old)
    parent.insert_element_before(child, *("w:" + n for n in order[order.index(name) + 1 :]))


def _fonts(properties: Any, latin: str, east_asian: str) -> None:
    """Set the fonts of a style's or a run's properties (rPr), theme fonts removed."""
    from docx.oxml.ns import qn

    fonts = properties.get_or_add_rFonts()
    for theme in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        fonts.attrib.pop(qn("w:" + theme), None)
    for name, value in (("ascii", latin), ("hAnsi", latin), ("cs", latin)):
        fonts.set(qn("w:" + name), value)
    fonts.set(qn("w:eastAsia"), east_asian)


def _set_up(doc: Document) -> None:
    """Set A4, the margins, and the styles' fonts, sizes and colours (black headings)."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt, RGBColor

    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin = section.bottom_margin = Cm(2.5)
    section.left_margin = section.right_margin = Cm(2)
    section.header_distance = section.footer_distance = Cm(1.2)
    styles = doc.styles
    normal = styles["Normal"]
    normal.font.size = Pt(10.5)  # 五号
    _fonts(normal.element.get_or_add_rPr(), LATIN, EAST_ASIAN)
    normal.paragraph_format.space_after = Pt(0)
    small = styles.add_style(SMALL, WD_STYLE_TYPE.PARAGRAPH)
    small.base_style = normal
    small.font.size = Pt(9)
    for name, size in (("Title", 18), ("Heading 1", 14), ("Heading 2", 12), ("Heading 3", 11)):
        style = styles[name]
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.color.rgb = RGBColor(0x21, 0x21, 0x21)
        _fonts(style.element.get_or_add_rPr(), HEADING_LATIN, HEADING_EAST_ASIAN)
        style.paragraph_format.space_before = Pt(12 if name != "Title" else 0)
        style.paragraph_format.space_after = Pt(6)
        style.paragraph_format.keep_with_next = True
    title = styles["Title"]
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    properties = title.element.pPr
    if properties is not None:  # the template underlines its title with a border
        for border in properties.findall(qn("w:pBdr")):
            properties.remove(border)


def _field(paragraph: Paragraph, instruction: str) -> None:
    """Add a field (PAGE, NUMPAGES) that Word and WPS compute when they lay out the page."""
    paragraph.add_run()._r.append(_element("w:fldChar", fldCharType="begin"))
    run = paragraph.add_run()
    code = _element("w:instrText")
    code.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    code.text = f" {instruction} "
    run._r.append(code)
    paragraph.add_run()._r.append(_element("w:fldChar", fldCharType="separate"))
    paragraph.add_run("1")  # shown until the fields are updated
    paragraph.add_run()._r.append(_element("w:fldChar", fldCharType="end"))


def _page_numbers(doc: Document, lang: str) -> None:
    """Put 第 N 页，共 M 页 (Page N of M) in the middle of every page's footer."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    paragraph = doc.sections[0].footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    words = text("report.page", lang, page="\0PAGE\0", pages="\0NUMPAGES\0")
    for part in words.split("\0"):
        if part in ("PAGE", "NUMPAGES"):
            _field(paragraph, part)
        elif part:
            paragraph.add_run(part)


def _shade(cell: _Cell, colour: str) -> None:
    _put(
        cell._tc.get_or_add_tcPr(),
        _element("w:shd", val="clear", color="auto", fill=_colour(colour)),
    )


def _cell(
    cell: _Cell, value: str, *, right: bool = False, bold: bool = False, style: Any = None
) -> None:
    """Write a cell's text (its one paragraph), in `style` (a style object: looking one
    up by name each time costs milliseconds)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    paragraph = cell.paragraphs[0]
    if style is not None:  # by its id: python-docx's setter searches the styles each time
        paragraph._p.get_or_add_pPr().style = style.style_id
    if right:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if value:
        paragraph.add_run(value).bold = bold or None


def _table(doc: Document, widths: list[float], headers: list[str], style: Any = None) -> Table:
    """Return a bordered table (Table Grid) with fixed column widths (cm) and a bold
    header row that is repeated on every page."""
    from docx.shared import Cm

    table = doc.add_table(rows=1, cols=len(widths))
    table.style = doc.styles["Table Grid"]
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Cm(width)
    header = table.rows[0]
    _put(header._tr.get_or_add_trPr(), _element("w:tblHeader"))
    for cell, words, width in zip(header.cells, headers, widths, strict=True):
        cell.width = Cm(width)
        _shade(cell, "#eeeeee")
        _cell(cell, words, bold=True, style=doc.styles[SMALL])
    return table


def _row(table: Table, values: list[str], right: set[int], style: Any = None) -> list[_Cell]:
    """Add a row of text cells (those in `right` right-aligned; as wide as their columns);
    return its cells."""
    cells = table.add_row().cells
    for i, (cell, value) in enumerate(zip(cells, values, strict=True)):
        _cell(cell, value, right=i in right, style=style)
    return list(cells)


def _state(cell: _Cell, state: str, lang: str, final: bool = False) -> None:
    """Write a state: a dot in its colour, then its words."""
    from docx.shared import RGBColor

    paragraph = cell.paragraphs[0]
    dot = paragraph.add_run("● ")
    dot.font.color.rgb = RGBColor.from_string(_colour(STATE_COLOURS[state]))
    paragraph.add_run(state_words(state, lang, final))


def _bar_table(doc: Document, label_cm: float, tail_cm: list[float]) -> Table:
    """Return a borderless table for bars: a label, BAR_CELLS narrow cells, then the
    `tail_cm` columns; no cell margins, so that shaded cells join into one bar."""
    from docx.shared import Cm

    widths = [label_cm] + [BAR_CELL_CM] * BAR_CELLS + tail_cm
    table = doc.add_table(rows=0, cols=len(widths))
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Cm(width)
    margins = _element("w:tblCellMar")
    for side in ("left", "right"):
        margins.append(_element("w:" + side, w="0", type="dxa"))
    _put(table._tbl.tblPr, margins)
    return table


def _bar_row(table: Table, label: str, runs: list[tuple[str, int]], tail: list[str]) -> None:
    """Add a bar: the label, then each (colour, cells) run shaded, then the tail texts."""
    from docx.enum.table import WD_ROW_HEIGHT_RULE
    from docx.shared import Cm, Pt

    if len(table.rows):  # a thin gap between two bars
        gap = table.add_row()
        gap.height, gap.height_rule = Pt(3), WD_ROW_HEIGHT_RULE.EXACTLY
    row = table.add_row()
    row.height = Cm(0.5)
    cells = row.cells
    small = table.part.document.styles[SMALL]
    _cell(cells[0], label, style=small)
    at = 1
    for colour, count in runs:
        for cell in cells[at : at + count]:
            _shade(cell, colour)
        at += count
    for cell, value in zip(cells[1 + BAR_CELLS :], tail, strict=True):
        _cell(cell, value, right=True, style=small)
        cell.paragraphs[0].paragraph_format.left_indent = Pt(3)


def _legend(doc: Document, entries: list[tuple[str, str]]) -> None:
    """Add a line of coloured squares, each with its words."""
    from docx.shared import Pt, RGBColor

    paragraph = doc.add_paragraph()
    for colour, words in entries:
        square = paragraph.add_run("■ ")
        square.font.color.rgb = RGBColor.from_string(_colour(colour))
        label = paragraph.add_run(words + "    ")
        label.font.size = Pt(9)


def _cells_by_share(counts: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """Return BAR_CELLS cells shared out among (key, count) by count (largest remainder),
    every key with a count getting at least one."""
    total = sum(n for _, n in counts)
    present = [(k, n) for k, n in counts if n]
    if not total:
        return []
    shares = {k: max(1, BAR_CELLS * n // total) for k, n in present}
    while sum(shares.values()) < BAR_CELLS:
        key = max(present, key=lambda kn: BAR_CELLS * kn[1] / total - shares[kn[0]])[0]
        shares[key] += 1
    while sum(shares.values()) > BAR_CELLS:
        key = max(shares, key=lambda k: shares[k])
        shares[key] -= 1
    return [(k, shares[k]) for k, _ in present]


def _states_chart(doc: Document, report: PeriodReport, plan: Plan, lang: str) -> None:
    """Add, per section, a bar of its targets coloured by state, with the counts."""
    from kexie_plan.progress import TARGET_STATES

    final = report.status.final
    table = _bar_table(doc, 5.5, [5.5])
    for heading, group in sheets.grouped_targets(report, plan, lang):
        counts = [(s, sum(1 for line in group if line.status.state == s)) for s in TARGET_STATES]
        runs = [(STATE_COLOURS[s], n) for s, n in _cells_by_share(counts)]
        words = " ".join(f"{state_words(s, lang, final)} {n}" for s, n in counts if n)
        _bar_row(table, _h(heading), runs, [words])
    shown = [s for s in TARGET_STATES if any(line.status.state == s for line in report.targets)]
    _legend(doc, [(STATE_COLOURS[s], state_words(s, lang, final)) for s in shown])


def _progress_chart(doc: Document, lines: list[TargetLine], lang: str) -> None:
    """Add, per counted target, a bar as long as its goal: its actual in its state's
    colour, then grey up to what the calendar expects by now."""
    table = _bar_table(doc, 7.0, [2.0, 2.0])
    for line in lines:
        t = line.status
        low = t.goal.min if t.goal else 1
        done = min(BAR_CELLS, t.actual * BAR_CELLS // low) if low else BAR_CELLS
        if t.actual and not done:
            done = 1
        expected = min(BAR_CELLS, (t.expected or 0) * BAR_CELLS // low) if low else 0
        runs = [(STATE_COLOURS[t.state], done)]
        if expected > done:
            runs.append((MISSING, expected - done))
        tail = [f"{t.actual}/{low}", f"{t.percent}%" if t.percent is not None else ""]
        _bar_row(table, _h(t.name), runs, tail)


def _targets(doc: Document, report: PeriodReport, plan: Plan, lang: str) -> None:
    """Add, per section, a heading and its targets' table."""
    keys = ("target", "goal", "in_period", "cumulative", "percent", "expected_end", "state")
    widths = [5.4, 2.4, 1.7, 1.7, 1.6, 1.7, 2.5]
    headers = [text("col." + k, lang) for k in keys]
    for heading, group in sheets.grouped_targets(report, plan, lang):
        doc.add_heading(_h(heading), level=2)
        table = _table(doc, widths, headers)
        for line in group:
            t = line.status
            cells = sheets.target_cells(line, lang)
            goal = _h(str(cells["goal"]))
            if line.adjusted:
                goal = f"{_h(str(cells['original']))} → {goal}"
            done = f"✓ {t.done.isoformat()}" if t.done else ""
            numbers = sheets.target_numbers(line, done)
            row = _row(table, [_h(t.name), goal, *numbers, ""], {2, 3, 4, 5})
            _state(row[6], t.state, lang, t.final)


def _adjustments(doc: Document, report: PeriodReport, lang: str) -> None:
    adjusted = [line for line in report.targets if line.adjusted]
    if not adjusted:
        return
    doc.add_heading(text("report.adjustments", lang), level=1)
    keys = ("target", "original", "adjusted", "adjusted_on", "reason")
    widths = [4.5, 2.5, 2.5, 2.3, 5.2]
    table = _table(doc, widths, [text("col." + k, lang) for k in keys])
    for line in adjusted:
        cells = sheets.target_cells(line, lang)
        values = [
            _h(line.status.name),
            _h(str(cells["original"])),
            _h(str(cells["goal"])),
            cell_text(line.adjusted_on),
            _h(line.reason),
        ]
        _row(table, values, set())


def _activities(doc: Document, report: PeriodReport, lang: str) -> None:
    s = report.status.summary
    bullet = doc.styles["List Bullet"]
    doc.add_heading(text("report.activities", lang), level=1)
    doc.add_paragraph(text("status.activities", lang, held=s.activities_held, total=s.activities))
    doc.add_heading(text("report.held", lang), level=2)
    for a in report.held:
        held = a.held.isoformat() if a.held else ""
        doc.add_paragraph(f"{held} {_h(a.name)} ({when_words(a, lang)})", style=bullet)
    if not report.held:
        doc.add_paragraph(text("report.none", lang))
    doc.add_heading(text("report.slipped", lang), level=2)
    for a in report.slipped:
        if a.held is None:
            how = text("record.not_held", lang)
        else:
            how = text("report.held_late", lang, date=a.held.isoformat())
        doc.add_paragraph(f"{when_words(a, lang)} {_h(a.name)} — {how}", style=bullet)
    if not report.slipped:
        doc.add_paragraph(text("report.none", lang))


def _notes(doc: Document, report: PeriodReport, lang: str) -> None:
    doc.add_heading(text("report.notes", lang), level=1)
    bullet = doc.styles["List Bullet"].style_id
    for entry in report.notes:
        paragraph = doc.add_paragraph()
        paragraph._p.get_or_add_pPr().style = bullet  # by id: the setter searches each time
        paragraph.add_run(f"{entry.record.date.isoformat()} ")
        paragraph.add_run(_h(entry.name)).bold = True
        paragraph.add_run(("：" if lang == "zh" else ": ") + _h(entry.record.note))
    if not report.notes:
        doc.add_paragraph(text("report.none", lang))
    elif report.more_notes:
        doc.add_paragraph(text("report.more_notes", lang, count=report.more_notes))


ANNEX_KEYS = ("date", "kind", "name", "amount", "note", "evidence", "by", "reverted", "id")
ANNEX_WIDTHS = [1.9, 1.1, 2.8, 1.4, 3.2, 1.9, 1.6, 0.8, 2.3]


def _annex(doc: Document, report: PeriodReport, plan: Plan, lang: str) -> None:
    """Add the period's records as listed (by date): who reported each, its evidence
    linked when it is a web address, its id cut to its shortest unique prefix.

    Its rows (up to a thousand) are written as WordprocessingML text, each parsed once:
    python-docx's cell by cell calls cost 7 ms a row."""
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    from docx.shared import Cm

    doc.add_heading(text("report.annex", lang), level=1)
    if not report.records:
        doc.add_paragraph(text("report.none", lang))
        return
    headers = [text("col." + ("record" if k == "id" else k), lang) for k in ANNEX_KEYS]
    table = _table(doc, ANNEX_WIDTHS, headers)
    small = doc.styles[SMALL].style_id
    widths = [Cm(w).twips for w in ANNEX_WIDTHS]
    units = unit_names(plan)
    short = short_ids(entry.record.id for entry in report.records)
    for entry in report.records:
        r = entry.record
        cells = sheets.record_cells(entry, lang)
        amount = "" if entry.amount is None else f"{entry.amount} {_h(entry.unit)}".strip()
        link = web_link(r.evidence)
        runs = [
            _run_xml(cell_text(r.date)),
            _run_xml(_h(str(cells["kind"]))),
            _run_xml(_h(entry.name)),
            _run_xml(amount),
            _run_xml(_h(r.note)),
            _run_xml(_h(r.evidence)),
            _run_xml(_h(units.get(r.by, r.by) if r.by else "")),
            _run_xml(str(cells["reverted"] or "")),
            _run_xml(short[r.id]),
        ]
        if link is not None:
            ident = doc.part.relate_to(link, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
            runs[5] = (
                f'<w:hyperlink r:id="{ident}">'
                f"{_run_xml(link_words(link), LINK_PROPERTIES)}</w:hyperlink>"
            )
        row = "".join(
            f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>'
            f'<w:p><w:pPr><w:pStyle w:val="{small}"/>'
            + ('<w:jc w:val="right"/>' if i == 3 else "")
            + f"</w:pPr>{run}</w:p></w:tc>"
            for i, (run, width) in enumerate(zip(runs, widths, strict=True))
        )
        table._tbl.append(parse_xml(f"<w:tr {nsdecls('w', 'r')}>{row}</w:tr>"))
    hints = [text("report.short_ids", lang)]
    if report.more_records:
        hints.insert(0, sheets.more_records(report, lang))
    for hint in hints:
        doc.add_paragraph(hint, style=doc.styles[SMALL])


# A web link's look: blue, underlined (run properties in their schema order).
LINK_PROPERTIES = '<w:rPr><w:color w:val="1565C0"/><w:u w:val="single"/></w:rPr>'


def _run_xml(value: str, properties: str = "") -> str:
    """Return a run of text as WordprocessingML ("" for no text). The text is already
    visible (no control character), so XML escaping is all it needs."""
    from xml.sax.saxutils import escape

    if not value:
        return ""
    return f'<w:r>{properties}<w:t xml:space="preserve">{escape(value)}</w:t></w:r>'


def _signed(doc: Document, letterhead: Letterhead, lang: str) -> None:
    """Add the 落款: who signs, and the day, at the right under the text."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    if letterhead.signature is None and letterhead.date is None:
        return
    first = doc.add_paragraph()
    first.paragraph_format.space_before = Pt(24)
    lines = []
    if letterhead.signature:
        lines.append(_h(letterhead.signature))
    if letterhead.date is not None:
        d = letterhead.date
        lines.append(text("report.signed_on", lang, year=d.year, month=d.month, day=d.day))
    for words in lines:
        paragraph = doc.add_paragraph(words)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def report_as_docx(
    report: PeriodReport, plan: Plan, lang: str, letterhead: Letterhead | None = None
) -> bytes:
    """Return the period report as a Word document (.docx)."""
    import io

    from docx import Document as new_document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt, RGBColor

    letterhead = letterhead or Letterhead()
    doc = new_document()
    _set_up(doc)
    _page_numbers(doc, lang)
    title = sheets.report_title(report, plan, lang)
    properties = doc.core_properties
    properties.title = _h(title)
    properties.author = _h(letterhead.signature or plan.org)
    properties.last_modified_by = "kexie"
    properties.revision = 1
    # the day of the figures, so that the same report gives the same document
    properties.created = properties.modified = dt.datetime.combine(report.as_of, dt.time())
    properties.comments = ""

    if letterhead.number:
        number = doc.add_paragraph(_h(letterhead.number))
        number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.add_heading(_h(title), level=0)
    span = doc.add_paragraph(sheets.span_line(report, lang))
    span.alignment = WD_ALIGN_PARAGRAPH.CENTER
    span.runs[0].font.color.rgb = RGBColor(0x61, 0x61, 0x61)
    summary = doc.add_paragraph()
    summary.add_run(sheets.summary_sentence(report, lang)).bold = True
    summary.runs[0].font.size = Pt(12)

    doc.add_heading(text("report.states_by_section", lang), level=1)
    _states_chart(doc, report, plan, lang)
    doc.add_heading(text("report.targets", lang), level=1)
    _targets(doc, report, plan, lang)
    _adjustments(doc, report, lang)
    charted = [line for line in report.targets if line.status.goal is not None]
    if charted:
        doc.add_heading(text("report.progress", lang), level=1)
        _progress_chart(doc, charted, lang)
        note = doc.add_paragraph()
        note.add_run(text("report.bars_note", lang) + " ").font.size = Pt(9)
        note.add_run("■ ").font.color.rgb = RGBColor.from_string(_colour(MISSING))
        note.add_run(text("report.chart_missing", lang)).font.size = Pt(9)
    _activities(doc, report, lang)
    _notes(doc, report, lang)
    _annex(doc, report, plan, lang)
    _signed(doc, letterhead, lang)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
