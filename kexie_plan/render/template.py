"""The 填报表 that `kexie template` writes: a workbook (or a CSV file) for a unit to fill.

The workbook has four sheets:

- the form (填报表): a title row, the header row (日期 事项 数量 完成 说明 佐证 填报单位,
  the names `forms.HEADER_NAMES` reads back), then rows to fill, the first FORM_ROWS with
  the reporting unit filled in. Excel data validation guards every row below the header:
  the item from a drop-down of the plan's names, a date within the form's days, a whole
  number from 1, 是/否, the unit from a drop-down. The drop-downs' lists stand in a
  hidden sheet (a list written into the rule itself may hold only 255 characters). The
  header is frozen; the two top rows are protected (sheet protection without a password,
  so that the office can lift it), the rows below are not;
- where the unit's targets, activities and measures stand (目标进度): goal, actual,
  序时进度, 完成率 (a fraction shown as a percentage), state;
- the instructions (填报说明);
- the hidden lists (选项).

Column widths follow the display width of what they hold (a Chinese character counts
two). Every text cell is written by `render.sheet.write_text` (never a formula). The
bytes are the same for the same form (fixed timestamps). Returns bytes or a `Sheet`;
never prints. openpyxl is imported when a workbook is made.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import TYPE_CHECKING, Any

from kexie_plan.forms import COLUMNS, Form, header_name
from kexie_plan.i18n import LANGS, text
from kexie_plan.render.report_rows import period_name
from kexie_plan.render.sheet import Cell, Sheet, write_text
from kexie_plan.render.words import (
    activity_words,
    kind_words,
    measure_words,
    plain_goal,
    state_words,
    when_words,
)

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

FORM_ROWS = 200  # rows with the unit filled in; every row below the header may be filled
CSV_ROWS = 20
LAST_ROW = 1_048_576
FIRST_ROW = 3  # the title, the header, then the rows to fill
MAX_WIDTH = 60
MAX_AMOUNT = 999_999_999
SHEETS = {
    "form": "template.sheet.form",
    "standing": "template.sheet.standing",
    "instructions": "template.sheet.instructions",
    "lists": "template.sheet.lists",
}
# The instructions, a paragraph each; the unit's paragraph depends on whether it is given.
HELP = (
    "template.help.intro",
    "template.help.date",
    "template.help.item",
    "template.help.amount",
    "template.help.done",
    "template.help.note",
    "template.help.evidence",
    ("template.help.by_given", "template.help.by_choose"),
    "template.help.rows",
    "template.help.standing",
)


def sheet_names(lang: str) -> dict[str, str]:
    """Return the template's sheet names (form, standing, instructions, lists) in `lang`."""
    return {key: text(code, lang) for key, code in SHEETS.items()}


def own_sheets() -> frozenset[str]:
    """Return the names of the template's sheets that hold no rows to import, in every
    language (an import passes over them without a word)."""
    return frozenset(
        sheet_names(lang)[key] for lang in LANGS for key in ("standing", "instructions", "lists")
    )


def display_width(value: str) -> int:
    """Return how many columns `value` takes on screen (a Chinese character takes two)."""
    from rich.cells import cell_len

    return cell_len(value)


def _who(form: Form, lang: str) -> str:
    return form.unit.name if form.unit is not None else text("template.everyone", lang)


def form_title(form: Form, lang: str) -> str:
    """Return the form's title: who fills it in, for which days."""
    period = period_name(form.period or "YEAR", form.start, lang)
    return text("template.title", lang, who=_who(form, lang), period=period)


def template_sheet(form: Form, lang: str) -> Sheet:
    """Return the form as a CSV table: the header, then CSV_ROWS rows with the unit."""
    headers = tuple(header_name(key, lang) for key in COLUMNS)
    by = form.unit.name if form.unit is not None else None
    rows: tuple[tuple[Cell, ...], ...] = ()
    if by is not None:
        rows = tuple((None,) * (len(COLUMNS) - 1) + (by,) for _ in range(CSV_ROWS))
    return Sheet(sheet_names(lang)["form"], headers, rows)


def template_workbook(form: Form, lang: str) -> bytes:
    """Return the form as an XLSX workbook (see the module's docstring)."""
    from openpyxl import Workbook

    names = sheet_names(lang)
    book = Workbook()
    form_sheet = book.active
    form_sheet.title = names["form"]
    lists = book.create_sheet(names["lists"])
    choices, units = _fill_lists(lists, form, lang)
    _fill_form(form_sheet, form, lang, names["lists"], choices, units)
    _fill_standing(book.create_sheet(names["standing"]), form, lang)
    _fill_instructions(book.create_sheet(names["instructions"]), form, lang)
    book.move_sheet(lists, offset=len(book.sheetnames) - 1 - book.index(lists))
    lists.sheet_state = "hidden"
    book.active = 0
    book.properties.title = form_title(form, lang)
    book.properties.creator = "kexie"
    # A fixed timestamp: the same form gives the same bytes.
    book.properties.created = book.properties.modified = dt.datetime(2000, 1, 1)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# --- the sheets -------------------------------------------------------------------------


def _styles() -> dict[str, Any]:
    from openpyxl.styles import Alignment, Font, PatternFill, Protection

    return {
        "title": Font(bold=True, size=14),
        "bold": Font(bold=True),
        "fill": PatternFill("solid", fgColor="DDDDDD"),
        "wrap": Alignment(wrap_text=True, vertical="top"),
        "open": Protection(locked=False),
    }


def _put(ws: Worksheet, row: int, col: int, value: Cell) -> Any:
    """Write one cell: text through write_text, dates with a date format, numbers as they are."""
    cell = ws.cell(row=row, column=col)
    if isinstance(value, str):
        write_text(cell, value)
    elif value is not None:
        cell.value = value
        if isinstance(value, dt.date):
            cell.number_format = "yyyy-mm-dd"
    return cell


def _header(ws: Worksheet, title: str, headers: list[str], styles: dict[str, Any]) -> None:
    """Write the title row (merged over the columns) and the bold, shaded header row."""
    _put(ws, 1, 1, title).font = styles["title"]
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(headers))
    for col, header in enumerate(headers, start=1):
        cell = _put(ws, 2, col, header)
        cell.font, cell.fill = styles["bold"], styles["fill"]
    ws.freeze_panes = ws.cell(row=FIRST_ROW, column=1).coordinate


def _widths(ws: Worksheet, columns: list[list[Cell]]) -> None:
    """Set each column's width from the display width of its widest cell (header included)."""
    from openpyxl.utils import get_column_letter

    for col, cells in enumerate(columns, start=1):
        widest = 4
        for value in cells:
            if isinstance(value, str):
                widest = max(widest, display_width(value))
            elif isinstance(value, dt.date):
                widest = max(widest, 10)
            elif value is not None:
                widest = max(widest, len(str(value)))
        ws.column_dimensions[get_column_letter(col)].width = min(widest + 2, MAX_WIDTH)


def _protect(ws: Worksheet) -> None:
    """Protect the sheet without a password: what is locked cannot be typed over by
    mistake; columns and rows may still be resized, rows inserted and sorted."""
    protection = ws.protection
    protection.sheet = True
    protection.formatColumns = protection.formatRows = False
    protection.insertRows = protection.deleteRows = False
    protection.sort = protection.autoFilter = False


def _fill_lists(ws: Worksheet, form: Form, lang: str) -> tuple[str | None, str | None]:
    """Write the drop-downs' lists (items in column A, units in column B); return the
    ranges that name them (None for an empty list)."""
    from openpyxl.utils import quote_sheetname

    sheet = quote_sheetname(ws.title)
    _put(ws, 1, 1, header_name("item", lang))
    _put(ws, 1, 2, header_name("by", lang))
    for row, item in enumerate(form.items, start=2):
        _put(ws, row, 1, item.choice)
    for row, unit in enumerate(form.units, start=2):
        _put(ws, row, 2, unit.name)
    _protect(ws)
    items = f"{sheet}!$A$2:$A${len(form.items) + 1}" if form.items else None
    units = f"{sheet}!$B$2:$B${len(form.units) + 1}" if form.units else None
    return items, units


def _fill_form(
    ws: Worksheet, form: Form, lang: str, lists: str, items: str | None, units: str | None
) -> None:
    """Write the form: title, header, the rows to fill with the unit, validation, locks."""
    from openpyxl.utils import get_column_letter

    styles = _styles()
    headers = [header_name(key, lang) for key in COLUMNS]
    _header(ws, form_title(form, lang), headers, styles)
    col = {key: COLUMNS.index(key) + 1 for key in COLUMNS}
    by = form.unit.name if form.unit is not None else None
    if by is not None:
        for row in range(FIRST_ROW, FIRST_ROW + FORM_ROWS):
            _put(ws, row, col["by"], by).protection = styles["open"]
    for key, number in col.items():
        dimension = ws.column_dimensions[get_column_letter(number)]
        dimension.protection = styles["open"]  # every row below the header may be typed in
        if key == "date":
            dimension.number_format = "yyyy-mm-dd"
    start, end = form.start, form.end
    yes_no = f'"{text("template.yes", lang)},{text("template.no", lang)}"'
    rules = [
        ("date", "date", "between", f"DATE({start.year},{start.month},{start.day})",
         f"DATE({end.year},{end.month},{end.day})",
         text("template.valid.date", lang, start=start.isoformat(), end=end.isoformat())),
        ("amount", "whole", "between", "1", str(MAX_AMOUNT), text("template.valid.amount", lang)),
        ("done", "list", None, yes_no, None, text("template.valid.done", lang)),
    ]  # fmt: skip
    if items is not None:
        rules.append(("item", "list", None, items, None, text("template.valid.item", lang)))
    if units is not None:
        rules.append(("by", "list", None, units, None, text("template.valid.by", lang)))
    for key, kind, operator, first, second, words in rules:
        _validate(ws, col[key], kind, operator, first, second, header_name(key, lang), words)
    _widths(
        ws,
        [
            [headers[0], start],
            [headers[1], *(item.choice for item in form.items)],
            [headers[2], MAX_AMOUNT],
            [headers[3], text("template.yes", lang), text("template.no", lang)],
            [headers[4], "x" * 30],  # room for a sentence
            [headers[5], "x" * 20],
            [headers[6], *(unit.name for unit in form.units)],
        ],
    )
    ws.print_title_rows = f"1:{FIRST_ROW - 1}"
    _landscape(ws)
    _protect(ws)


def _validate(
    ws: Worksheet,
    col: int,
    kind: str,
    operator: str | None,
    first: str,
    second: str | None,
    title: str,
    words: str,
) -> None:
    """Guard every row of a column below the header: Excel and WPS refuse anything else,
    and say `words` when the cell is chosen and when it is refused."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    rule = DataValidation(
        type=kind,
        operator=operator,
        formula1=first,
        formula2=second,
        allow_blank=True,
        showErrorMessage=True,
        showInputMessage=True,
        errorStyle="stop",
        errorTitle=title[:32],
        error=words[:255],
        promptTitle=title[:32],
        prompt=words[:255],
    )
    letter = get_column_letter(col)
    rule.add(f"{letter}{FIRST_ROW}:{letter}{LAST_ROW}")
    ws.add_data_validation(rule)


def _landscape(ws: Worksheet) -> None:
    """Print landscape, one page wide."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def _fill_standing(ws: Worksheet, form: Form, lang: str) -> None:
    """Write where the form's targets, activities and measures stand at form.as_of."""
    styles = _styles()
    keys = ("kind", "about", "goal", "actual", "expected", "percent", "state", "planned")
    headers = [text("col." + key, lang) for key in keys]
    title = text("template.standing_title", lang, who=_who(form, lang), date=form.as_of.isoformat())
    _header(ws, title, headers, styles)
    rows: list[list[Cell]] = []
    for t in form.targets:
        counted = t.goal is not None
        rows.append(
            [
                kind_words("target", lang),
                t.name,
                plain_goal(t.goal, t.unit, lang),
                t.actual if counted else t.done,
                t.expected if counted else None,
                t.percent / 100 if t.percent is not None else None,
                state_words(t.state, lang, t.final),
                t.due,
            ]
        )
    for a in form.activities:
        rows.append(
            [
                kind_words("activity", lang),
                a.name,
                None,
                a.held,
                None,
                None,
                activity_words(a.state, lang),
                when_words(a, lang),
            ]
        )
    for m in form.measures:
        rows.append(
            [
                kind_words("measure", lang),
                m.title,
                None,
                m.done,
                None,
                None,
                measure_words(m.state, lang),
                None,
            ]
        )
    for r, values in enumerate(rows, start=FIRST_ROW):
        for c, value in enumerate(values, start=1):
            cell = _put(ws, r, c, value)
            if keys[c - 1] == "percent" and value is not None:
                cell.number_format = "0%"
    _widths(ws, [[headers[c], *(row[c] for row in rows)] for c in range(len(keys))])
    ws.print_title_rows = f"1:{FIRST_ROW - 1}"
    _landscape(ws)
    _protect(ws)


def _fill_instructions(ws: Worksheet, form: Form, lang: str) -> None:
    """Write the instructions, one paragraph a row, wrapped in one wide column."""
    styles = _styles()
    _put(ws, 1, 1, text("template.sheet.instructions", lang)).font = styles["title"]
    params = {
        "who": _who(form, lang),
        "start": form.start.isoformat(),
        "end": form.end.isoformat(),
        "date": form.as_of.isoformat(),
        "form": text("template.sheet.form", lang),
        "standing": text("template.sheet.standing", lang),
        "yes": text("template.yes", lang),
    }
    for row, code in enumerate(HELP, start=2):
        if isinstance(code, tuple):
            code = code[0] if form.unit is not None else code[1]
        _put(ws, row, 1, text(code, lang, **params)).alignment = styles["wrap"]
    ws.column_dimensions["A"].width = 100
    _protect(ws)
