"""Read the lines of a work-plan document (工作意见, 工作要点) into a draft plan.

The genre is fixed: a title naming the year, 一、指导思想, 二、工作目标 (the numbers),
三、主要工作措施 with (一)(二)… sections of 一是/二是… (or 1. 2.) measures, and
四、重大活动安排. Fixed-form patterns only, no language model: regular expressions over
those markers, then a few rules for the goals' clauses, each written down below.

What comes out is a `Draft`: every entry with the line it came from and, for every
guess, a `Note` (a message code and its parameters) that the renderer writes as a
`# review:` comment. Nothing is invented: what the document does not say is left out
and said so. A draft always validates: its text holds no character a plan refuses
(`plan.HIDDEN_CHARS`: such characters are removed, and the entry says so), no number of
more than `plan.MAX_DIGITS` digits, no year outside `plan.YEARS`, and a target keeps its
words as `text` only when `checks.quoted_goals` reads its goal in them. Pure: no I/O, no
clock; imports checks and plan of ours.
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from kexie_plan.checks import AT_LEAST_BEFORE, quoted_goals
from kexie_plan.plan import HIDDEN_CHARS, MAX_DIGITS, YEARS

# --- what a draft is -----------------------------------------------------------------


@dataclass(frozen=True)
class Note:
    """A remark for the reviewer: an i18n code (draft.note.*) and its parameters."""

    code: str
    params: tuple[tuple[str, object], ...] = ()

    @staticmethod
    def of(code: str, **params: object) -> Note:
        return Note(code, tuple(params.items()))


@dataclass
class Found:
    """A value found in (or derived from) the document, with its line and notes."""

    value: object
    line: int | None
    notes: list[Note] = field(default_factory=list)


@dataclass
class DraftMeasure:
    id: str
    title: str
    tasks: list[str]
    line: int
    notes: list[Note] = field(default_factory=list)
    more_lines: list[int] = field(default_factory=list)  # paragraphs after its first


@dataclass
class DraftSection:
    id: str
    title: str
    measures: list[DraftMeasure]
    line: int
    notes: list[Note] = field(default_factory=list)


@dataclass
class DraftTarget:
    id: str
    name: str
    line: int
    kind: str = "count"  # or "milestone"
    text: str | None = None
    unit: str | None = None
    goal: str | None = None  # "N", "N+", "N-M"
    measure: str | None = None
    notes: list[Note] = field(default_factory=list)  # on the target as a whole
    name_notes: list[Note] = field(default_factory=list)
    measure_notes: list[Note] = field(default_factory=list)
    position: int = 0  # offset in the goals' text, for source order and context


@dataclass
class DraftActivity:
    id: str
    name: str
    line: int
    month: int | None = None
    notes: list[Note] = field(default_factory=list)


@dataclass(frozen=True)
class Unplaced:
    """A line the draft could not use although it looks like plan content."""

    line: int
    code: str  # draft.why.*
    snippet: str


@dataclass
class Draft:
    title: Found | None = None
    year: Found | None = None
    org: Found | None = None
    published: Found | None = None
    guidance: Found | None = None
    sections: list[DraftSection] = field(default_factory=list)
    targets: list[DraftTarget] = field(default_factory=list)
    activities_declared: Found | None = None
    activities: list[DraftActivity] = field(default_factory=list)  # with a month
    unlisted: list[DraftActivity] = field(default_factory=list)  # listed without a month
    unplaced: list[Unplaced] = field(default_factory=list)
    chrome: int = 0  # lines of site furniture skipped (浏览次数, 关闭窗口 …)
    # (code, limit) when the document holds more entries than any year's plan: then the
    # draft stops there and is no plan (MAX_SECTIONS …); code is draft.too_many.*
    overflow: tuple[str, int] | None = None
    task_count: int = 0
    # line -> the characters a plan may not hold (controls, bidi overrides) removed from it
    hidden: dict[int, str] = field(default_factory=dict)

    def measures(self) -> list[DraftMeasure]:
        return [m for s in self.sections for m in s.measures]

    @property
    def is_empty(self) -> bool:
        """True when the document held no plan: no sections and no targets."""
        return not self.sections and not self.targets

    @property
    def declared_fits(self) -> bool:
        """True when the declared count equals the activities listed with a month: only
        then may the plan say activities_declared (validate compares the two)."""
        found = self.activities_declared
        return found is not None and found.value == len(self.activities)


# --- bounds ------------------------------------------------------------------------

# A year's plan has about 5 sections, 20 measures, 100 tasks, 20 targets and 20 major
# activities. A document with far more is no plan of the genre (or is hostile): the
# parse stops at these, so that its time and the draft's size stay bounded.
MAX_SECTIONS = 200
MAX_MEASURES = 2000
MAX_TASKS = 20_000
MAX_TARGETS = 500
MAX_ACTIVITIES = 500
MAX_GOALS_PER_CLAUSE = 30  # more numbers than this in one clause: listed, not read


class _Overflow(Exception):
    def __init__(self, code: str, limit: int):
        super().__init__(code)
        self.code = code
        self.limit = limit


def _room(entries: Sequence[object] | int, limit: int, code: str) -> None:
    """Stop the parse when one more entry would pass `limit`; `code` says what overflowed
    (draft.too_many.*)."""
    if (entries if isinstance(entries, int) else len(entries)) >= limit:
        raise _Overflow(code, limit)


def _number(digits: str) -> int | None:
    """Return the number `digits` spell, None when it has more than MAX_DIGITS digits (no
    plan's number: validate refuses it, and int() refuses 4300 digits)."""
    digits = digits.lstrip("0") or "0"
    return int(digits) if len(digits) <= MAX_DIGITS else None


# --- the genre's markers -------------------------------------------------------------

_NUMERALS = "一二三四五六七八九十"
_CHAPTER = re.compile(rf"([{_NUMERALS}]{{1,3}})[、.．]\s*(.+)")
_SECTION = re.compile(rf"[(（]([{_NUMERALS}]{{1,3}})[)）]\s*(.+)")
_ORDINAL_MEASURE = re.compile(rf"([{_NUMERALS}]{{1,3}})是[，,：:]?\s*(.+)")
_NUMBERED = re.compile(r"([0-9]{1,2})\s*[.．、](?![0-9])\s*(.+)")
_BRACKET_NUMBERED = re.compile(r"[(（]([0-9]{1,2})[)）]\s*(.+)")

_ROLE_PATTERNS = [  # a chapter's title (after 一、) says what it holds
    ("activities", re.compile(r"重大活动|活动安排|重点活动")),
    ("guidance", re.compile(r"^(?:指导思想|总体要求|总体思路|指导思想和(?:总体)?目标)$")),
    ("goals", re.compile(r"^(?:主要|工作|总体|年度|主要工作)?目标(?:任务)?$")),
    ("measures", re.compile(r"措施|举措|^(?:主要|重点)?(?:工作)?任务$|重点工作|主要工作|工作重点")),
]

# Lines of a web page around the document: skipped.
_CHROME = re.compile(
    r"^(?:时间|发布时间|发布日期|日期|来源|信息来源|浏览次数|点击数|阅读次数|作者|责任编辑|字号"
    r"|当前位置|您当前的位置|分享到|打印|关闭|上一篇|下一篇|版权所有|地址|电话|邮编|网站标识码)"
    r"\s*[:：]"
    r"|^(?:本篇文章共有|当前为第|关闭窗口|打印本页|【打印】|【关闭】|返回顶部|首页|网站地图|联系我们)"
    r"|ICP备|^Copyright|^©"
)
_CHROME_TAIL = re.compile(r"(?:时间|发布时间|发布日期|来源|浏览次数|字号) ?[:：].*$")
_PUBLISHED = re.compile(
    r"(?:时间|发布时间|发布日期|日期)\s*[:：]\s*([0-9]{4})\s*[-/.年]\s*([0-9]{1,2})\s*[-/.月]"
    r"\s*([0-9]{1,2})"
)
_GENRE = r"(?:工作意见|工作要点|工作计划|工作安排|工作思路|工作重点)"
_TITLE = re.compile(rf"^(.{{0,30}}?)([0-9]{{4}})\s*年度?(.{{0,12}}?{_GENRE})$")
_NOTICE_TITLE = re.compile(rf"《([^《》]{{0,30}}[0-9]{{4}}\s*年度?[^《》]{{0,12}}{_GENRE})》")
_YEAR_WORD = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})年")
_DECLARED = re.compile(
    r"安排 ?([0-9]++) ?项|(?<![0-9])([0-9]++) ?项 ?(?:[(（]类[)）])? ?(?:重大|重点)活动"
)
_MONTH = re.compile(r"(?<![0-9])([0-9]{1,2}) ?月")

ASSOCIATION = "科学技术协会"
PLACEHOLDER = "待填写"  # "to be filled in": what the plan needs and the document did not say

# --- sentences -----------------------------------------------------------------------

_CLOSERS = "”’」』）)》】"
_SENTENCE_END = re.compile(rf"[。！？][{_CLOSERS}]*")
_OPEN = "“‘「『（(《【"
_CLOSE = "”’」』）)》】"


def sentences(text: str) -> list[str]:
    """Return the text's sentences, each ending with its 。 (or ！ ？ and any closing
    quote or bracket after it); a last piece without one is a sentence too. Joined, they
    are the text. A semicolon does not end a sentence: plans/2021.yaml keeps 「…转变;实行…」
    in one task."""
    out = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        out.append(text[start : match.end()])
        start = match.end()
    if start < len(text):
        out.append(text[start:])
    return [s for s in out if s]


def split_top(text: str, separators: str) -> list[tuple[int, str]]:
    """Return the pieces of `text` between separators that stand outside quotes and
    brackets, each with its offset; an ASCII comma between digits (1,000) is no separator."""
    pieces = []
    depth = 0
    start = 0
    for i, char in enumerate(text):
        if char in _OPEN:
            depth += 1
        elif char in _CLOSE:
            depth = max(0, depth - 1)
        elif char in separators and depth == 0:
            between_digits = 0 < i < len(text) - 1 and (text[i - 1] + text[i + 1]).isdigit()
            if char == "," and between_digits:
                continue
            pieces.append((start, text[start:i]))
            start = i + 1
    pieces.append((start, text[start:]))
    return pieces


# --- goals ---------------------------------------------------------------------------

# 量词 that count a target, longest first so that 人次 wins over 人.
UNITS = (
    "万人次", "人次", "场次", "万人", "万份", "万册", "个", "场", "家", "所", "名", "期",
    "项", "次", "人", "篇", "批", "座", "部", "支", "处", "间", "件", "本", "种", "门",
    "份", "条", "套", "台", "位", "户", "册", "堂", "节", "届", "类", "块",
)  # fmt: skip
_UNIT = "|".join(sorted(UNITS, key=len, reverse=True))
_DASH = "-~～—–至到"
# At most one space inside a goal, and no backtracking into a number: a digit before a
# long run of spaces must not cost the run's length squared.
_GOAL = re.compile(
    rf"(?<![0-9.．第])([0-9]++)(?: ?[{_DASH}] ?([0-9]++))? ?(余|多)? ?({_UNIT})( ?(?:及以上|以上))?"
)
_AT_LEAST_BEFORE = re.compile("(?:" + "|".join(AT_LEAST_BEFORE) + ") ?$")
# Leading verbs and adverbs that are not part of what a goal counts (建成…学校2所).
_LEAD_WORDS_SPELLED = (
    "重点", "力争", "争取", "积极", "大力", "全年", "年内", "全市", "累计", "确保", "努力",
    "着力", "进一步", "扶持", "建成", "建设", "创建", "举办", "办好", "开展", "组织", "培育",
    "成立", "新增", "新建", "认定", "命名", "打造", "推荐", "评选", "评审", "发展", "吸纳",
    "引进", "培训", "实现", "完成", "争创", "申报", "推动", "推进", "支持", "资助", "立项",
    "走访", "慰问", "表彰", "组建", "设立", "新设", "建立", "发布", "出版", "编印", "印发",
    "征集", "遴选", "选树", "召开", "承办", "主办", "参与", "参加", "举行", "实施", "命名为",
)  # fmt: skip
_LEAD_WORDS = sorted(_LEAD_WORDS_SPELLED, key=len, reverse=True)
_TRAIL_WORDS_SPELLED = (
    "等", "共", "达到", "达", "总数", "数量", "累计", "新增", "合计", "总计", *AT_LEAST_BEFORE,
)  # fmt: skip
_TRAIL_WORDS = sorted(_TRAIL_WORDS_SPELLED, key=len, reverse=True)
# A number in a goal clause that is no goal and needs no reviewer: years (2021-2025年,
# 2021生物医药…), ordinals (第四届), anniversaries (100周年), dates, a decimal part.
_KNOWN_NON_GOAL = re.compile(
    r"(?<![0-9])(?:19|20)[0-9]{2}(?![0-9])|(?<=第)[0-9]++"
    r"|(?<![0-9])[0-9]++(?= ?(?:周年|年|月|日|号|届|次会议))"
)
_DIGITS = re.compile(r"[0-9]+")
_WORD_NUMBER = re.compile(rf"(?<![第{_NUMERALS}两百千万])([二三四五六七八九十两百千]++) ?({_UNIT})")
_CJK = re.compile(r"[\u3400-\u9fffA-Za-z]")

_MILESTONES = [  # (pattern over a whole clause, group holding the name)
    re.compile(r"^完成(.+?)(?:的编制工作|编制工作|工作)?$"),
    re.compile(r"^(?:出台|制定|印发|修订|编制|科学谋划|谋划)(.*《[^《》]+》.*)$"),
    re.compile(r"^启动(.+筹备)(?:工作)?$"),
    re.compile(r"^建成(?!.*[0-9])(.+)$"),
    re.compile(r"^推动(.+?)(?:适时|顺利|如期|成功)?(?:举办|召开|举行)$"),
]
_ONE_BOOK = re.compile(r"^[^《》]*(《[^《》]+》)[^《》]*$")


@dataclass
class _Goal:
    start: int  # in the clause
    end: int
    low: int
    high: int | None  # None: N+
    unit: str


def _goals_in(clause: str, depths: list[int]) -> list[_Goal]:
    """Return the counted goals a clause quotes: N, N+ (以上, 余, 多, 不少于 …), N-M.

    The words before the number that make it N+ (不少于, 至少 …) are validate's own
    (checks.AT_LEAST_BEFORE), so that the goal and the words that quote it agree. A number
    of more than MAX_DIGITS digits is no goal (it is listed for the reviewer).
    """
    found = []
    for match in _GOAL.finditer(clause):
        if depths[match.start()]:  # “3个一”工程, 《…10个…》: part of a name
            continue
        low = _number(match.group(1))
        high = _number(match.group(2)) if match.group(2) else low
        if low is None or high is None:
            continue
        at_least = _at_least_before(clause, match.start())
        if match.group(3) or match.group(5) or at_least:
            high = None
        if low <= 0 or (high is not None and high < low):
            continue
        found.append(_Goal(match.start(), match.end(), low, high, match.group(4)))
        if len(found) > MAX_GOALS_PER_CLAUSE:
            break
    return found


def _at_least_before(clause: str, at: int) -> bool:
    """True when 不少于, 至少 … stands right before offset `at` (looking back a few
    characters only, so that a long clause costs no more per number)."""
    return _AT_LEAST_BEFORE.search(clause, max(0, at - 8), at) is not None


def _strip_lead(text: str) -> tuple[str, int]:
    """Return `text` without its leading verbs and adverbs, and how many were removed."""
    removed = 0
    while removed < 5:
        word = next((w for w in _LEAD_WORDS if text.startswith(w)), None)
        if word is None:
            break
        text = text[len(word) :]
        removed += 1
    return text, removed


def _strip_trail(text: str) -> str:
    """Return `text` without the words that stand between a name and its number (等, 达到)."""
    for _ in range(5):
        word = next((w for w in _TRAIL_WORDS if text.endswith(w)), None)
        if word is None:
            break
        text = text[: -len(word)]
    return text


def _goal_name(part: str, goal: _Goal) -> str | None:
    """Return what the goal counts, verbatim from `part`; None when the number is not a
    goal (围绕16个产业发展: words other than verbs stand before it and more words after).

    Number last (建成省…学校2所以上, 科普示范家庭100个): the words before it, less the
    leading verbs and adverbs (建成, 重点扶持, 培育成立, 新增) and the words just before
    the number (等, 达到, 不少于). Number first (举办3-5场高层次学术活动): the words after
    it, when nothing but verbs stands before it.
    """
    before = _AT_LEAST_BEFORE.sub("", part[: goal.start]).strip()
    before = _LEAD_TIME.sub("", before)
    after = part[goal.end :].strip()
    after = after[1:] if after.startswith("的") else after
    if after in _AFTER_FILLERS:
        after = ""
    lead, _ = _strip_lead(before)
    if after:
        if lead:
            return None
        name = _strip_trail(after)
    else:
        name = _strip_trail(lead).strip()
    return name if _CJK.search(name) else None


_AFTER_FILLERS = {"等", "左右", "以上", "及以上"}
_LEAD_TIME = re.compile(r"^(?:(?:19|20)[0-9]{2} ?年度?|全年|年内|今年)")


# --- the parse -----------------------------------------------------------------------


@dataclass
class _Line:
    number: int  # 1-based index into the lines given
    text: str  # stripped


def _clean(draft: Draft, lines: Sequence[str]) -> list[_Line]:
    """Return the lines that hold text, stripped, without the characters a plan may not
    hold (control characters, bidi overrides: invisible, or acting on a terminal); what
    was removed from each line is kept in `draft.hidden`."""
    out = []
    for number, line in enumerate(lines, 1):
        if HIDDEN_CHARS.search(line):
            draft.hidden[number] = "".join(HIDDEN_CHARS.findall(line))
            line = HIDDEN_CHARS.sub("", line)
        if line.strip():
            out.append(_Line(number, line.strip()))
    return out


def _role(title: str) -> str:
    for role, pattern in _ROLE_PATTERNS:
        if pattern.search(title):
            return role
    return "other"


def _head(text: str) -> tuple[str, str]:
    """Return a heading's title (up to its first 。, which is dropped) and what follows."""
    first = sentences(text)[0] if text else ""
    if first.endswith("。"):
        return first[:-1], text[len(first) :]
    return text, ""


def parse(lines: Sequence[str], year_hint: int | None = None) -> Draft:
    """Return the draft plan that the document's lines hold.

    `year_hint` (from an output file named YYYY.yaml) is used only when neither the
    title nor the text names a year.
    """
    draft = Draft()
    body = _clean(draft, lines)
    chapters: list[tuple[str, str, _Line | None, list[_Line]]] = [("preamble", "", None, [])]
    for line in body:
        if _CHROME.search(line.text):
            if chapters[-1][0] == "preamble" and _PUBLISHED.search(line.text):
                chapters[-1][3].append(line)  # read for `published`, then skipped
            draft.chrome += 1
            continue
        chapter = _CHAPTER.fullmatch(line.text)
        if chapter and not _ORDINAL_MEASURE.fullmatch(line.text):
            title, rest = _head(chapter.group(2))
            chapters.append((_role(title), title, line, []))
            if rest:
                chapters[-1][3].append(_Line(line.number, rest))
            continue
        chapters[-1][3].append(line)

    _metadata(draft, chapters[0][3], body, year_hint)
    try:
        _body(draft, chapters)
    except _Overflow as exc:
        draft.overflow = (exc.code, exc.limit)
    _mark_hidden(draft, chapters)
    return draft


def _mark_hidden(draft: Draft, chapters: list[tuple[str, str, _Line | None, list[_Line]]]) -> None:
    """Note on every entry drawn from a line that lost characters (`_clean`) which ones,
    for the reviewer to compare with the document."""
    if not draft.hidden:
        return

    def notes(*lines: int | None) -> list[Note]:
        removed = "".join(dict.fromkeys("".join(draft.hidden.get(n or 0, "") for n in lines)))
        if not removed:
            return []
        shown = ", ".join(f"U+{ord(char):04X}" for char in removed[:5])
        return [Note.of("draft.note.hidden", chars=shown + (", …" if removed[5:] else ""))]

    for found in (draft.title, draft.org):
        if found is not None:
            found.notes.extend(notes(found.line))
    if draft.guidance is not None:
        lines = [line.number for role, _, _, content in chapters if role == "guidance"
                 for line in content]  # fmt: skip
        draft.guidance.notes.extend(notes(*lines))
    for section in draft.sections:
        section.notes.extend(notes(section.line))
        for measure in section.measures:
            measure.notes.extend(notes(measure.line, *measure.more_lines))
    for target in draft.targets:
        target.notes.extend(notes(target.line))
    for activity in draft.activities + draft.unlisted:
        activity.notes.extend(notes(activity.line))


def _body(draft: Draft, chapters: list[tuple[str, str, _Line | None, list[_Line]]]) -> None:
    """Read each chapter by its kind: guidance, goals, measures, activities."""
    goal_lines: list[_Line] = []
    structure: list[tuple[str, _Line | None, list[_Line]]] = []
    for role, title, heading, content in chapters:
        if role == "preamble":
            # A document with no 一、二、 chapters: its (一) sections are in the preamble.
            start = next(
                (i for i, line in enumerate(content) if _SECTION.fullmatch(line.text)), None
            )
            if start is not None:
                structure.append((title, None, content[start:]))
        elif role == "guidance":
            text = "\n".join(line.text for line in content)
            if text:
                draft.guidance = Found(text + "\n", content[0].number)
        elif role == "goals":
            goal_lines.extend(content)
        elif role == "measures":
            structure.append((title, heading, content))
        elif role == "activities":
            _activities(draft, content)
        else:
            structure.append((title, heading, content))
    _sections(draft, structure)
    _targets(draft, goal_lines)
    _link_measures(draft, goal_lines)


def _metadata(draft: Draft, preamble: list[_Line], body: list[_Line], hint: int | None) -> None:
    """Find title, year, org and published in the lines before the first chapter."""
    candidates = []
    for line in preamble:
        text = _CHROME_TAIL.sub("", line.text).rstrip()
        notice = _NOTICE_TITLE.search(text)
        if notice:
            text = notice.group(1)
        match = _TITLE.match(text)
        if match:
            candidates.append((len(match.group(1)), -line.number, text, match, line))
    if candidates:
        _, _, title, match, line = max(candidates)
        draft.title = Found(title, line.number)
        if YEARS[0] <= int(match.group(2)) <= YEARS[1]:
            draft.year = Found(int(match.group(2)), line.number)
        _org(draft, match.group(1), line.number)
    else:
        draft.title = Found(PLACEHOLDER, None, [Note.of("draft.note.missing")])
        draft.unplaced.append(Unplaced(0, "draft.why.no_title", ""))
    if draft.year is None:
        years = Counter(int(m.group(1)) for line in body for m in _YEAR_WORD.finditer(line.text))
        if years:
            year, count = years.most_common(1)[0]
            draft.year = Found(year, None, [Note.of("draft.note.year_counted", count=count)])
        elif hint is not None and YEARS[0] <= hint <= YEARS[1]:
            draft.year = Found(hint, None, [Note.of("draft.note.year_from_output")])
    if draft.org is None:
        draft.org = Found(PLACEHOLDER, None, [Note.of("draft.note.missing")])
        draft.unplaced.append(Unplaced(0, "draft.why.no_org", ""))
    for line in preamble:
        published = _PUBLISHED.search(line.text)
        if published:
            try:
                day = dt.date(*(int(part) for part in published.groups()))
            except ValueError:
                continue
            draft.published = Found(day, line.number)
            break


def _org(draft: Draft, prefix: str, line: int) -> None:
    """Set the org from the title's words before the year (无锡市科协 → 无锡市科学技术协会)."""
    prefix = prefix.strip()
    if not _CJK.search(prefix):
        return
    if prefix.endswith("科协"):
        org = prefix[: -len("科协")] + ASSOCIATION
        draft.org = Found(org, line, [Note.of("draft.note.org_expanded", found=prefix)])
    else:
        draft.org = Found(prefix, line, [Note.of("draft.note.org_from_title")])


# --- sections and measures -----------------------------------------------------------


def _measure_start(text: str) -> str | None:
    """Return the measure's text after its marker (一是, 1., 1、, (1)); None if none."""
    for pattern in (_ORDINAL_MEASURE, _NUMBERED, _BRACKET_NUMBERED):
        match = pattern.fullmatch(text)
        if match:
            return match.group(2)
    return None


def _sections(draft: Draft, chapters: list[tuple[str, _Line | None, list[_Line]]]) -> None:
    """Build sections from (一)(二)… headings and measures from 一是/1./1、 paragraphs.

    A chapter without (一) headings (三、主要工作措施 straight into 一是…; or 工作要点's
    一、强化政治引领 …, a chapter of no known kind) is taken as one section, titled as the
    chapter is, when it holds any measure or prose.
    """
    for title, heading, content in chapters:
        has_sections = any(_SECTION.fullmatch(line.text) for line in content)
        section: DraftSection | None = None
        measure: DraftMeasure | None = None
        if not has_sections:
            if not any(_measure_start(line.text) or _prose(line.text) for line in content):
                if heading is not None and content:
                    draft.unplaced.append(Unplaced(heading.number, "draft.why.chapter", title))
                continue
            section = _new_section(draft, title or PLACEHOLDER, heading.number if heading else 0)
            section.notes.append(Note.of("draft.note.chapter_as_section"))
        for line in content:
            head = _SECTION.fullmatch(line.text)
            if head:
                section_title, rest = _head(head.group(2))
                section = _new_section(draft, section_title, line.number)
                measure = None
                if rest:
                    measure = _new_measure(draft, section, section_title, rest, line.number)
                    measure.notes.append(Note.of("draft.note.section_text"))
                continue
            text = _measure_start(line.text)
            if section is None:
                draft.unplaced.append(Unplaced(line.number, "draft.why.stray", line.text))
                continue
            if text is not None:
                title_text, rest = _head(text)
                measure = _new_measure(draft, section, title_text, rest, line.number)
            elif measure is not None and _prose(line.text):
                _add_tasks(draft, measure, line.text)
                measure.more_lines.append(line.number)
            elif _prose(line.text):
                title_text, rest = _head(line.text)
                measure = _new_measure(draft, section, title_text, rest, line.number)
                measure.notes.append(Note.of("draft.note.unnumbered"))
            else:
                draft.unplaced.append(Unplaced(line.number, "draft.why.stray", line.text))


def _add_tasks(draft: Draft, measure: DraftMeasure, text: str) -> None:
    tasks = sentences(text)
    _room(draft.task_count + len(tasks) - 1, MAX_TASKS, "draft.too_many.tasks")
    draft.task_count += len(tasks)
    measure.tasks.extend(tasks)


def _prose(text: str) -> bool:
    """True for a line that reads as the plan's prose, not a signature or a page footer."""
    return bool(re.search(r"[。，,；;]", text)) or len(text) >= 20


def _new_section(draft: Draft, title: str, line: int) -> DraftSection:
    _room(draft.sections, MAX_SECTIONS, "draft.too_many.sections")
    section = DraftSection(f"section-{len(draft.sections) + 1}", title.strip(), [], line)
    if not section.title:  # （一）。 : a heading with no words
        section.title = PLACEHOLDER
        section.notes.append(Note.of("draft.note.missing"))
    draft.sections.append(section)
    return section


def _new_measure(
    draft: Draft, section: DraftSection, title: str, rest: str, line: int
) -> DraftMeasure:
    _room(draft.measures(), MAX_MEASURES, "draft.too_many.measures")
    number = section.id.split("-")[1]
    ident = f"measure-{number}-{len(section.measures) + 1}"
    measure = DraftMeasure(ident, title.strip(), [], line)
    _add_tasks(draft, measure, rest)
    if not measure.title:  # 一是。…
        measure.title = PLACEHOLDER
        measure.notes.append(Note.of("draft.note.missing"))
    section.measures.append(measure)
    return measure


# --- targets -------------------------------------------------------------------------


def _targets(draft: Draft, lines: list[_Line]) -> None:
    """Read counted goals and milestones from the clauses of 二、工作目标."""
    offset = 0
    for line in lines:
        text = line.text
        marker = _measure_start(text)
        if marker is not None:  # 1. 举办… : the number is the list's, not a goal
            text = marker
        skip = len(line.text) - len(text)
        for sentence_start, sentence in split_top(text, "。；;！？"):
            for clause_start, clause in split_top(sentence, "，,："):
                position = offset + skip + sentence_start + clause_start
                _clause(draft, line, clause.strip(), position)
        offset += len(line.text) + 1


def _clause(draft: Draft, line: _Line, clause: str, position: int) -> None:
    if not clause:
        return
    depths = quote_depths(clause)
    goals = _goals_in(clause, depths)
    if len(goals) > MAX_GOALS_PER_CLAUSE:
        draft.unplaced.append(Unplaced(line.number, "draft.why.crowded", clause))
        return
    used: list[tuple[int, int]] = []
    if goals:
        for part_start, part, part_goals, shared in _goal_parts(clause, goals):
            if len(part_goals) != 1:
                draft.unplaced.append(Unplaced(line.number, "draft.why.goal_split", part))
                continue
            goal = part_goals[0]
            local = _Goal(
                goal.start - part_start, goal.end - part_start, goal.low, goal.high, goal.unit
            )
            name = _goal_name(part, local)
            if name is None:
                continue
            used.append((goal.start, goal.end))
            target = DraftTarget(
                id="",
                name=name,
                line=line.number,
                unit=goal.unit,
                goal=_goal_text(goal),
                position=position + part_start,
            )
            target.text = part.strip()
            quoted = [str(q) for q in quoted_goals(target.text, goal.unit) if str(q) != target.goal]
            if quoted:
                # validate would read another goal in the words (a second number of the
                # unit: 举办12场论坛1.5场): keep the goal, leave the words out, quote them
                # for the reviewer.
                note = Note.of("draft.note.text_left_out", text=target.text, quoted=quoted[0])
                target.notes.append(note)
                target.text = None
            if shared:
                target.name_notes.append(Note.of("draft.note.shared_verb"))
            _add_target(draft, target)
    else:
        milestone = _milestone(clause)
        if milestone is not None:
            target = DraftTarget(
                id="", name=milestone, line=line.number, kind="milestone", position=position
            )
            target.text = clause
            target.notes.append(Note.of("draft.note.milestone"))
            _add_target(draft, target)
            return
    _leftover_numbers(draft, line, clause, used, depths)


def _add_target(draft: Draft, target: DraftTarget) -> None:
    _room(draft.targets, MAX_TARGETS, "draft.too_many.targets")
    target.id = f"target-{len(draft.targets) + 1}"
    draft.targets.append(target)


def _goal_text(goal: _Goal) -> str:
    if goal.high is None:
        return f"{goal.low}+"
    if goal.high == goal.low:
        return str(goal.low)
    return f"{goal.low}-{goal.high}"


def _goal_parts(clause: str, goals: list[_Goal]) -> list[tuple[int, str, list[_Goal], bool]]:
    """Return the clause cut into parts of one goal each at its top-level 、 (and at 和,
    及, 以及 right after a goal): 新增高校科协1个、企业科协20家 → two parts. A part without
    a goal joins the next one (建成A、B学校2所), or the one before when it ends the clause.
    The flag says the part follows another goal's part (it shares that one's verb).
    Linear in the clause: goals and pieces are both in order."""
    if len(goals) == 1:
        return [(0, clause, goals, False)]
    cuts: list[tuple[int, int]] = []
    for start, end, inner in _with_goals(_spans(split_top(clause, "、")), goals):
        last = start
        for goal in inner[:-1]:  # 和/及 between two goals: 高校科协1个和企业科协20家
            joint = _JOINT.match(clause, goal.end)
            if joint:
                cuts.append((last, goal.end))
                last = joint.end()
        cuts.append((last, end))
    parts: list[list] = []
    pending: int | None = None  # where a run of parts without a goal started
    for start, end, inner in _with_goals(cuts, goals):
        if pending is not None:
            start, pending = pending, None
        if inner:
            parts.append([start, end, inner])
        else:
            pending = start
    if pending is not None and parts:
        parts[-1][1] = len(clause)
    return [(s, clause[s:e], inner, i > 0) for i, (s, e, inner) in enumerate(parts)]


_JOINT = re.compile(r"\s*(?:以及|和|及|与)")
_NONE: list[_Goal] = []  # shared, never changed


def _spans(pieces: list[tuple[int, str]]) -> list[tuple[int, int]]:
    return [(start, start + len(piece)) for start, piece in pieces]


def _with_goals(
    spans: list[tuple[int, int]], goals: list[_Goal]
) -> list[tuple[int, int, list[_Goal]]]:
    """Return each span (in order) with the goals (in order) that start inside it."""
    out: list[tuple[int, int, list[_Goal]]] = []
    g = 0
    for start, end in spans:
        if g == len(goals) or goals[g].start >= end:
            out.append((start, end, _NONE))
            continue
        inner = []
        while g < len(goals) and goals[g].start < end:
            if goals[g].start >= start:
                inner.append(goals[g])
            g += 1
        out.append((start, end, inner))
    return out


def _milestone(clause: str) -> str | None:
    """Return the deliverable a one-off clause names (完成…工作, 出台《…》 …), or None."""
    lead, _ = _strip_lead_adverbs(clause)
    for pattern in _MILESTONES:
        match = pattern.match(lead)
        if match:
            name = match.group(1).strip()
            book = _ONE_BOOK.match(name)
            if book and pattern is _MILESTONES[1]:
                name = book.group(1)
            return name if _CJK.search(name) else None
    return None


_ADVERBS = ("力争", "争取", "确保", "年内", "全面", "积极", "重点", "努力")


def _strip_lead_adverbs(text: str) -> tuple[str, int]:
    removed = 0
    while removed < 3:
        for word in _ADVERBS:
            if text.startswith(word):
                text = text[len(word) :]
                removed += 1
                break
        else:
            break
    return text, removed


def _leftover_numbers(
    draft: Draft, line: _Line, clause: str, used: list[tuple[int, int]], depths: list[int]
) -> None:
    """Report numbers in a goal clause that became no target and are no year, ordinal,
    anniversary or date, nor part of a name in quotation marks or 《》: the reviewer
    decides (围绕16个产业…, 1.5万人次, 三场)."""
    covered = _union(used + [m.span() for m in _KNOWN_NON_GOAL.finditer(clause)])
    starts = [start for start, _ in covered]
    for match in _DIGITS.finditer(clause):
        at = bisect.bisect_right(starts, match.start()) - 1
        if at >= 0 and covered[at][1] >= match.end():
            continue
        if depths[match.start()]:
            continue
        draft.unplaced.append(Unplaced(line.number, "draft.why.number", clause))
        return
    for match in _WORD_NUMBER.finditer(clause):
        if not depths[match.start()]:
            draft.unplaced.append(Unplaced(line.number, "draft.why.words_number", clause))
            return


def _union(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Return the spans merged into disjoint ones, in order."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def quote_depths(text: str) -> list[int]:
    """Return, for each offset of `text` (and its end), how many quotation marks and 《
    are open there."""
    depths = [0] * (len(text) + 1)
    depth = 0
    for i, char in enumerate(text):
        depths[i] = depth
        if char in "“《":
            depth += 1
        elif char in "”》":
            depth = max(0, depth - 1)
    depths[len(text)] = depth
    return depths


# --- measure links -------------------------------------------------------------------

_WORD_RUN = re.compile(r"[\u3400-\u9fffA-Za-z]+")
CONTEXT_WEIGHT = 0.25


def bigrams(text: str) -> set[str]:
    """Return the character bigrams of the text's runs of letters (no punctuation, no
    digits, never across them)."""
    found: set[str] = set()
    for run in _WORD_RUN.findall(text):
        found.update(run[i : i + 2] for i in range(len(run) - 1))
    return found


def _link_measures(draft: Draft, goal_lines: list[_Line]) -> None:
    """Link each target to the measure whose words it shares most.

    Score: the sum, over the character bigrams the target's name and text share with the
    measure's title and tasks, of each bigram's inverse document frequency across the
    measures (log(measures / measures holding it): 科技 and 科协, in most, weigh little),
    plus a quarter of the same for the rest of the target's sentence (强化科协自身组织建设,
    新增高校科协1个 … leans toward organization). The best measure wins; ties go to the
    earlier one. Pure-Python, no segmenter: Chinese word segmentation (jieba) would add
    a 20 MB dictionary for what bigrams already find.
    """
    measures = draft.measures()
    if not measures:
        return
    grams = {m.id: bigrams(m.title + "".join(m.tasks)) for m in measures}
    frequency: Counter[str] = Counter(b for g in grams.values() for b in g)
    weight = {b: math.log(len(measures) / n) for b, n in frequency.items()}
    text = "\n".join(line.text for line in goal_lines)
    goal_sentences = split_top(text, "。；;\n")
    starts = [start for start, _ in goal_sentences]
    for target in draft.targets:
        own = bigrams(target.name + (target.text or ""))
        _, sentence = goal_sentences[max(0, bisect.bisect_right(starts, target.position) - 1)]
        context = bigrams(sentence) - own
        scored = []
        for index, measure in enumerate(measures):
            shared = own & grams[measure.id]
            score = sum(weight[b] for b in shared)
            score += CONTEXT_WEIGHT * sum(weight[b] for b in context & grams[measure.id])
            scored.append((-round(score, 6), index, measure.id, score))
        scored.sort()
        best = scored[0]
        if best[3] <= 0:
            target.measure_notes.append(Note.of("draft.note.measure_none"))
            continue
        target.measure = best[2]
        runner = scored[1] if len(scored) > 1 else None
        target.measure_notes.append(
            Note.of(
                "draft.note.measure_guess",
                title=_short(measures[best[1]].title),
                score=f"{best[3]:.1f}",
                runner=runner[2] if runner else "-",
                runner_score=f"{runner[3]:.1f}" if runner else "0",
            )
        )


def _short(title: str, limit: int = 16) -> str:
    return title if len(title) <= limit else title[:limit] + "…"


# --- activities ----------------------------------------------------------------------


def _activities(draft: Draft, content: list[_Line]) -> None:
    """Read 拟安排N项 and any listed activities (1. 名称（5月）, or table rows) of 四、."""
    for line in content:
        declared = _DECLARED.search(line.text)
        if declared and draft.activities_declared is None:
            count = _number(declared.group(1) or declared.group(2))
            if count is None:
                draft.unplaced.append(Unplaced(line.number, "draft.why.number", line.text))
            else:
                draft.activities_declared = Found(count, line.number)
            continue
        item = _activity_item(line.text)
        if item is None:
            continue
        name, month = item
        _room(
            len(draft.activities) + len(draft.unlisted), MAX_ACTIVITIES, "draft.too_many.activities"
        )
        activity = DraftActivity("", name, line.number, month)
        if month is None:
            activity.id = f"activity-{len(draft.activities) + len(draft.unlisted) + 1}"
            draft.unlisted.append(activity)
        else:
            activity.id = f"activity-{len(draft.activities) + len(draft.unlisted) + 1}"
            draft.activities.append(activity)


def _activity_item(text: str) -> tuple[str, int | None] | None:
    """Return the name and month (when the line gives exactly one) of a listed activity."""
    if "\t" in text:  # a table row: 序号, 活动名称, 时间, …
        cells = [cell.strip() for cell in text.split("\t")]
        if not cells or not re.fullmatch(r"[0-9]{1,3}[.．、]?", cells[0]):
            return None
        rest = [cell for cell in cells[1:] if cell]
        names = [cell for cell in rest if _CJK.search(cell) and not _MONTH.fullmatch(cell)]
        if not names:
            return None
        return names[0], _one_month(" ".join(rest[1:]) if len(rest) > 1 else "")
    body = _measure_start(text)
    if body is None:
        return None
    name = re.split(r"[(（，,。；;:：]", body, maxsplit=1)[0].strip()
    if not _CJK.search(name):
        return None
    return name, _one_month(body[len(name) :])


def _one_month(text: str) -> int | None:
    months = {int(m.group(1)) for m in _MONTH.finditer(text)}
    months = {m for m in months if 1 <= m <= 12}
    return months.pop() if len(months) == 1 else None
