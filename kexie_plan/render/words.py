"""The words and marks every view shares: lights, goals, states, dates, the one table style,
and the escaping of user text for Markdown and JSON.

Returns strings and Rich renderables; never prints. Rich is imported inside the
functions that build renderables, so that a view printing only JSON never pays for it.
Every string from a user's file reaches the terminal through `visible`. Imports i18n and
states of ours.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from kexie_plan.i18n import NO_LINE_END, NO_LINE_START, text
from kexie_plan.states import ActivityState, Light, MeasureState, TargetState

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from kexie_plan.plan import Goal, Plan
    from kexie_plan.progress import ActivityStatus


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


# A light's colour, glyph and emoji. Grey is "dim", never "bright black", which some
# terminal palettes (Solarized Dark) draw in the background's own colour.
LIGHT_STYLE = {Light.GREEN: "green", Light.YELLOW: "yellow", Light.RED: "red", Light.GREY: "dim"}
LIGHT_GLYPH = {Light.GREEN: "●", Light.YELLOW: "●", Light.RED: "●", Light.GREY: "○"}
LIGHT_EMOJI = {Light.GREEN: "🟢", Light.YELLOW: "🟡", Light.RED: "🔴", Light.GREY: "⚪"}
RULE_STYLE = "dim"  # the rule under a table's header


def light_text(light: Light | str, words: str) -> Text:
    """Return the light's glyph in its colour, then `words`."""
    from rich.text import Text

    light = Light(light)
    out = Text(LIGHT_GLYPH[light], style=LIGHT_STYLE[light])
    out.append(" " + words)
    return out


_LAST_CODE = re.compile(r"\x1b\[[0-9;]*m\Z")


def trimmed(rendered: str) -> str:
    """Return rendered text with no line ending in spaces: Rich pads every table cell to
    its column's width, the last one too, and styles the spaces between; the terminal
    codes of a line's trailing run (a reset) are kept, its spaces dropped."""
    lines = rendered.split("\n")
    for n, line in enumerate(lines):
        end, codes = len(line), []
        while end:
            if line[end - 1] == " ":
                end -= 1
                continue
            code = _LAST_CODE.search(line, 0, end) if line[end - 1] == "m" else None
            if code is None:
                break
            codes.append(code.group(0))
            end = code.start()
        if end < len(line):
            lines[n] = line[:end] + "".join(reversed(codes))
    return "\n".join(lines)


def kinsoku(divide: Any) -> Any:
    """Return Rich's line divider with Chinese line breaking: a break that would start a
    line with closing punctuation (。，、）…), or end one with an opening bracket, moves
    back by a character, as long as the line keeps something."""

    def divide_line(text: str, width: int, fold: bool = True) -> list[int]:
        out: list[int] = []
        start = 0
        while True:
            breaks = divide(text[start:], width, fold)
            if not breaks:
                return out
            offset = start + breaks[0]
            moved = offset
            while (
                moved > start + 1
                and moved < len(text)
                and (text[moved] in NO_LINE_START or text[moved - 1] in NO_LINE_END)
            ):
                moved -= 1
            start = moved if moved > start + 1 else offset
            out.append(start)

    divide_line.kinsoku = True  # type: ignore[attr-defined]
    return divide_line


def console(**options: Any) -> Console:
    """Return a Rich console in kexie's one setup: no markup, no highlighting, no emoji
    codes, no line ending in spaces (in a pipe or a file, trailing spaces are noise for
    diff and grep), and Chinese line breaking (`kinsoku`)."""
    import rich.text
    from rich.console import Console as RichConsole

    if not getattr(rich.text.divide_line, "kinsoku", False):
        rich.text.divide_line = kinsoku(rich.text.divide_line)

    class TrimmedConsole(RichConsole):
        def _render_buffer(self, buffer: Any) -> str:
            return trimmed(super()._render_buffer(buffer))

    return TrimmedConsole(highlight=False, emoji=False, markup=False, **options)


def table(**options: Any) -> Table:
    """Return an empty table in kexie's one style: a rule under bold headers, no edges,
    one space between columns."""
    from rich import box
    from rich.table import Table

    settings = {
        "box": box.SIMPLE_HEAD,
        "show_edge": False,
        "padding": (0, 0, 0, 1),
        "pad_edge": False,
        "header_style": "bold",
        "border_style": RULE_STYLE,
    }
    return Table(**(settings | options))


# The bar's glyphs: filled, the expected mark, empty; ASCII where the console's encoding
# has no block characters (a legacy Windows console in the GBK code page).
BAR_GLYPHS = ("█", "│", "░")
ASCII_BAR_GLYPHS = ("#", "|", ".")


class ProgressBar:
    """A bar of `width` cells: filled for actual of the goal's lower bound, a mark where
    expected is. A Rich renderable, so that it can draw itself in the glyphs the console
    can show."""

    def __init__(self, filled: int, mark: int, width: int, light: Light) -> None:
        self.filled, self.mark, self.width, self.light = filled, mark, width, light
        self.dimmed = False  # the whole bar dim (a month still to come)

    def text(self, glyphs: tuple[str, str, str] = BAR_GLYPHS) -> Text:
        from rich.text import Text

        full, mark, empty = glyphs
        bar = Text()
        bar.append(full * self.filled, style=LIGHT_STYLE[self.light])
        for cell in range(self.filled, self.width):
            if cell == self.mark:
                bar.append(mark, style="bold")
            else:
                bar.append(empty, style="dim")
        if self.dimmed:
            bar.stylize("dim")
        return bar

    @property
    def cell_len(self) -> int:
        return self.width

    def __rich_console__(self, console: Any, options: Any) -> Any:
        yield self.text(ASCII_BAR_GLYPHS if options.ascii_only else BAR_GLYPHS)

    def __rich_measure__(self, console: Any, options: Any) -> Any:
        from rich.measure import Measurement

        return Measurement(self.width, self.width)


def progress_bar(
    actual: int, expected: int | None, goal_min: int, width: int, light: str = "grey"
) -> ProgressBar:
    """Return a bar of `width` cells: █ for actual of the goal's lower bound, │ where expected is.

    The expected mark shows only where the bar has not reached it, so a bar that
    stops short of its mark is behind the calendar at a glance, with or without colour.
    """
    width = max(width, 0)
    filled = min(width, actual * width // goal_min) if goal_min > 0 else width
    mark = -1
    if expected and goal_min > 0:
        mark = min(width, expected * width // goal_min) - 1
    return ProgressBar(filled, mark, width, Light(light))


def heading(title_code: str, plan: Plan, as_of: dt.date, lang: str, clamped: str | None) -> Text:
    """Return a view's heading: its title (bold) over the line that says as of when."""
    from rich.text import Text

    out = Text(visible(text(title_code, lang, title=plan.title)), style="bold")
    out.append("\n" + as_of_words(as_of, lang, clamped), style="not bold")
    return out


@dataclass(frozen=True)
class Listing:
    """A view of some of the plan's items (activities, measures) as they stood on a day."""

    items: tuple[Any, ...]
    plan: Plan
    as_of: dt.date
    lang: str
    clamped: str | None = None


def markdown_heading(
    title_code: str, plan: Plan, as_of: dt.date, lang: str, clamped: str | None
) -> list[str]:
    """Return a Markdown view's heading lines: "# title", a blank line, "as of when"."""
    title = markdown_text(text(title_code, lang, title=plan.title))
    return [f"# {title}", "", as_of_words(as_of, lang, clamped)]


def plain_goal(goal: Goal | None, unit: str | None, lang: str) -> str:
    """Return a goal as the plan says it: 3–5 场, ≥2 所, 100 个, or 里程碑 for a milestone."""
    if goal is None:
        return text("goal.milestone", lang)
    unit = visible(unit or "")
    if goal.max is None:
        return f"≥{goal.min} {unit}".strip()
    if goal.max == goal.min:
        return f"{goal.min} {unit}".strip()
    return f"{goal.min}–{goal.max} {unit}".strip()


# The noun for each kind of thing a message names or a record is about (a `kind`
# parameter, a record's kind). Target, unit and record are the very words of a column
# heading, so they have one key each, under col.
KIND_WORDS = {
    "section": "kind.section",
    "measure": "kind.measure",
    "target": "col.target",
    "activity": "kind.activity",
    "unit": "col.unit",
    "record": "col.record",
    "revert": "kind.revert",
}


def kind_words(kind: str, lang: str) -> str:
    """Return the noun for a kind of thing: 部分, 措施, 目标, 活动, 单位, 记录, 撤销."""
    return text(KIND_WORDS[kind], lang)


def state_words(state: TargetState | str, lang: str, final: bool = False) -> str:
    """Return a target state's words; overdue reads "not achieved" (未完成) when the
    verdict is `final` (as of the period's end or later)."""
    return text(TargetState(state).words_key(final), lang)


def activity_words(state: ActivityState | str, lang: str) -> str:
    """Return an activity state's words: 已举办, 本月, 待举办, 逾期未办, 未举办."""
    return text(ActivityState(state).words_key, lang)


def measure_words(state: MeasureState | str, lang: str) -> str:
    """Return a measure state's words: 已完成, 进行中, 未开始."""
    return text(MeasureState(state).words_key, lang)


def as_of_words(as_of: dt.date, lang: str, clamped: str | None = None) -> str:
    """Return "as of DATE", saying why when the day was clamped into the plan's period."""
    code = "status.as_of" if clamped is None else "status.as_of." + clamped
    return text(code, lang, date=as_of.isoformat())


def when_words(activity: ActivityStatus, lang: str) -> str:
    """Return when an activity is planned: 6月 (its month), 6月18日 (its date), 10月22日–25日
    (its window); 约 (about) before an estimate."""
    return span_words(activity.starts, activity.ends, activity.tentative, lang)


def span_words(first: dt.date, last: dt.date, tentative: bool, lang: str) -> str:
    """Return the days first to last as the plan would name them: a day (6月18日), a whole
    month (6月), or a window (10月22日–25日, 12月30日–1月3日); 约 before an estimate."""
    same = (first.year, first.month) == (last.year, last.month)
    if first == last:
        words = text("when.date", lang, year=first.year, month=first.month, day=first.day)
    elif same and first.day == 1 and last.day == calendar.monthrange(last.year, last.month)[1]:
        words = text("when.month", lang, year=first.year, month=first.month)
    else:
        words = text(
            "when.window_same_month" if same else "when.window",
            lang,
            year=first.year,
            month=first.month,
            day=first.day,
            last_year=last.year,
            last_month=last.month,
            last_day=last.day,
        )
    return text("when.about", lang, when=words) if tentative else words


def month_words(year: int, month: int, lang: str) -> str:
    """Return a month heading: 2021年6月, 2021-06."""
    return text("report.period.month", lang, year=year, month=month)


def unit_names(plan: Plan) -> dict[str, str]:
    """Return unit id -> name."""
    return {u.id: u.name for u in plan.units}


def owner_words(plan: Plan, owner: str | None, co_owners: tuple[str, ...]) -> str:
    """Return the owner's name, then the co-owners' after a +: 中国电子学会 + 学会部."""
    names = unit_names(plan)
    words = names.get(owner, owner) if owner else ""
    if co_owners:
        others = "、".join(names.get(u, u) for u in co_owners)
        words = f"{words} + {others}" if words else f"+ {others}"
    return words


def short_ids(ids: Iterable[str], shortest: int = 6) -> dict[str, str]:
    """Return each id's shortest prefix, of at least `shortest` characters, that no other
    of `ids` starts with (as git abbreviates commits); an id that another one starts with
    is given whole.

    kexie's ids begin with the time they were made, so those of one period share their
    first characters: a prefix is unique among the ids listed, not in the whole ledger.
    """
    unique = sorted(set(ids))
    out = {}
    for i, ident in enumerate(unique):
        need = shortest
        for other in unique[max(i - 1, 0) : i] + unique[i + 1 : i + 2]:
            same = 0
            for a, b in zip(ident, other, strict=False):
                if a != b:
                    break
                same += 1
            need = max(need, same + 1)
        out[ident] = ident[:need]
    return out


def web_link(value: str | None) -> str | None:
    """Return `value` when it is a web address a report may link to (http or https, with a
    host, nothing unprintable and no space in it); None for anything else, which is shown
    as text."""
    from urllib.parse import urlsplit

    if not value or not value.isprintable() or any(c.isspace() for c in value):
        return None
    try:
        parts = urlsplit(value)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return value


def link_words(url: str) -> str:
    """Return what a link to `url` shows: its host (mp.weixin.qq.com)."""
    from urllib.parse import urlsplit

    return urlsplit(url).hostname or url


_MARKDOWN_SPECIAL = set("\\`*_{}[]<>()#+!|~")


def markdown_text(value: str) -> str:
    """Return user text safe inside a Markdown table cell: visible, escaped, one line."""
    shown = visible(value.replace("\r", " ").replace("\n", " "))
    return "".join("\\" + c if c in _MARKDOWN_SPECIAL else c for c in shown)


def json_stream(items: Iterable[Any]) -> Iterator[str]:
    """Yield the JSON text of a list of `items` (as json_text writes it, then a newline),
    an item at a time: a million records are never held."""
    first = True
    for item in items:
        body = json_text(item).replace("\n", "\n  ")
        yield ("[\n  " if first else ",\n  ") + body
        first = False
    yield "[]\n" if first else "\n]\n"


def json_text(data: Any) -> str:
    """Return data as indented JSON (UTF-8 text kept as it is), with every non-printable
    character inside it written as \\uXXXX: the same data for a JSON reader, but nothing
    in a name or note can act on a terminal the JSON is printed to."""
    value = json.dumps(data, ensure_ascii=False, indent=2)
    if value.isprintable():
        return value
    out = []
    for char in value:
        if char.isprintable() or char == "\n":
            out.append(char)
        elif "\ud800" <= char <= "\udfff":  # a lone surrogate (bytes of a non-UTF-8 name)
            out.append(f"\\u{ord(char):04x}")
        else:
            for unit in char.encode("utf-16-be").hex(" ", 2).split():
                out.append(f"\\u{unit}")
    return "".join(out)
