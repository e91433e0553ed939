"""The draft plan as YAML text with its comments, and the summary `kexie draft` prints.

Every entry's first line carries `# source: line N` (`paragraph N` for a .docx); every
guess a `# review: …` in the chosen language. The YAML is written line by line so that
the comments sit where they belong; each scalar is spelled by PyYAML, so that whatever
the document holds (`#`, `: `, quotes, a leading `-`) stays text. Text from the
document that goes into a comment passes through `visible`. Imports draft, i18n and
render.words; returns strings, never prints.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from kexie_plan.draft import Draft, DraftTarget, Found, Note
from kexie_plan.i18n import text
from kexie_plan.render.words import visible

SNIPPET = 60  # characters of a document's line shown in the summary
_BREAKS = "\r\x85\u2028\u2029"  # line breaks to YAML 1.1 (PyYAML) besides \n
MAX_UNPLACED_SHOWN = 20

# The words of a document's format (documents.Document.format) and of what its places
# count (Document.place_word).
FORMATS = {"text": "draft.format.text", "html": "draft.format.html", "docx": "draft.format.docx"}
PLACES = {"line": "draft.place.line", "paragraph": "draft.place.paragraph"}
# The summary's word for each kind of guess, by the code of its note.
LABELS = {
    "draft.note.measure_guess": "draft.label.measure_guess",
    "draft.note.measure_none": "draft.label.measure_none",
    "draft.note.org_expanded": "draft.label.org_expanded",
    "draft.note.org_from_title": "draft.label.org_from_title",
    "draft.note.year_counted": "draft.label.year_counted",
    "draft.note.year_from_output": "draft.label.year_from_output",
    "draft.note.missing": "draft.label.missing",
    "draft.note.chapter_as_section": "draft.label.chapter_as_section",
    "draft.note.section_text": "draft.label.section_text",
    "draft.note.unnumbered": "draft.label.unnumbered",
    "draft.note.shared_verb": "draft.label.shared_verb",
    "draft.note.milestone": "draft.label.milestone",
    "draft.note.text_left_out": "draft.label.text_left_out",
    "draft.note.hidden": "draft.label.hidden",
}


@dataclass(frozen=True)
class Source:
    """Where the draft came from: the name to show, its format, and what lines are in it."""

    shown: str
    format: str  # "text", "html", "docx"
    encoding: str | None
    places: Sequence[int]  # the file's line (or paragraph) of each line the draft read
    place_word: str  # "line" or "paragraph"

    def place(self, line: int | None) -> str | None:
        """Return `line 12` for a line the draft read (1-based), None when there is none."""
        if not line:
            return None
        return f"{self.place_word} {self.places[line - 1]}"


def scalar(value: object) -> str:
    """Return a YAML scalar that reads back as `value` (str, int, date), on one line."""
    import datetime as dt

    import yaml

    if isinstance(value, bool) or not isinstance(value, str | int | dt.date):
        raise TypeError(f"not a scalar: {value!r}")
    if isinstance(value, int | dt.date):
        return str(value) if isinstance(value, int) else value.isoformat()
    if any(unicodedata.category(char) in _ACTING for char in value):
        return _escaped(value)
    dumped = yaml.safe_dump([value], allow_unicode=True, width=2**30)
    if dumped.count("\n") != 1 or any(c in dumped for c in _BREAKS):  # spell breaks escaped
        dumped = yaml.safe_dump([value], allow_unicode=True, width=2**30, default_style='"')
    return dumped[2:].rstrip("\n")


# Characters that act on a terminal or reorder what it shows (controls, bidi overrides,
# zero-width and line separators, unassigned): written as YAML escapes, never raw.
_ACTING = {"Cc", "Cf", "Zl", "Zp", "Co", "Cn", "Cs"}


def _escaped(value: str) -> str:
    """Return `value` as a double-quoted YAML scalar with every acting character escaped."""
    out = []
    for char in value:
        if char in '"\\':
            out.append("\\" + char)
        elif unicodedata.category(char) not in _ACTING:
            out.append(char)
        elif ord(char) < 0x100:
            out.append(f"\\x{ord(char):02x}")
        elif ord(char) < 0x10000:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(f"\\U{ord(char):08x}")
    return '"' + "".join(out) + '"'


def _literal(value: str) -> bool:
    """True when `value` can be written as a `|` block and read back the same."""
    lines = value.split("\n")
    return (
        value.endswith("\n")
        and not value.endswith("\n\n")
        and all(line == line.strip() and line.isprintable() for line in lines)
        and lines[0] != ""
    )


class _Writer:
    def __init__(self, lang: str, source: Source):
        self.lang = lang
        self.source = source
        self.out: list[str] = []

    def note(self, note: Note) -> str:
        return visible(text(note.code, self.lang, **dict(note.params)))

    def comment(self, line: int | None, notes: Sequence[Note] = ()) -> str:
        parts = []
        place = self.source.place(line)
        if place:
            parts.append(f"source: {place}")
        parts.extend(f"review: {self.note(n)}" for n in notes)
        return "  # " + "; ".join(parts) if parts else ""

    def key(self, indent: int, key: str, value: str, line=None, notes=()) -> None:
        self.out.append(f"{' ' * indent}{key}: {value}{self.comment(line, notes)}")

    def found(self, key: str, found: Found | None) -> None:
        if found is not None and found.value is not None:
            self.key(0, key, scalar(found.value), found.line, found.notes)

    def raw(self, line: str) -> None:
        self.out.append(line)


def draft_yaml(draft: Draft, source: Source, lang: str) -> str:
    """Return the draft as a plan's YAML text, commented, ending with a line break."""
    w = _Writer(lang, source)
    form = text(FORMATS[source.format], "en")
    w.raw(f"# {visible(text('draft.header', 'en', document=source.shown, format=form))}")
    form = text(FORMATS[source.format], "zh")
    w.raw(f"# {visible(text('draft.header', 'zh', document=source.shown, format=form))}")
    w.raw(f"# review: {text('draft.header_ids', lang)}")
    w.raw(f"# {text('draft.header_never', lang)}")
    w.raw("schema: 1")
    for key in ("year", "org", "title", "published"):
        w.found(key, getattr(draft, key))
    if draft.guidance is not None:
        _guidance(w, draft.guidance)
    w.key(0, "units", "[]", notes=[Note.of("draft.note.units")])
    _sections(w, draft)
    _targets(w, draft)
    _activities(w, draft)
    return "\n".join(w.out) + "\n"


def _guidance(w: _Writer, found: Found) -> None:
    value = str(found.value)
    if not _literal(value):
        w.key(0, "guidance", scalar(value), found.line)
        return
    w.raw(f"guidance: |{w.comment(found.line)}")
    w.out.extend(f"  {line}" for line in value[:-1].split("\n"))


def _sections(w: _Writer, draft: Draft) -> None:
    if not draft.sections:
        w.raw("sections: []")
        return
    w.raw("sections:")
    for section in draft.sections:
        w.raw(f"  - id: {section.id}{w.comment(section.line, section.notes)}")
        w.key(4, "title", scalar(section.title))
        if not section.measures:
            w.key(4, "measures", "[]")
            continue
        w.raw("    measures:")
        for measure in section.measures:
            w.raw(f"      - id: {measure.id}{w.comment(measure.line, measure.notes)}")
            w.key(8, "title", scalar(measure.title))
            if not measure.tasks:
                w.key(8, "tasks", "[]")
                continue
            w.raw("        tasks:")
            w.out.extend(f"          - {scalar(task)}" for task in measure.tasks)


def _targets(w: _Writer, draft: Draft) -> None:
    if not draft.targets:
        w.raw("targets: []")
        return
    w.raw("targets:")
    for target in draft.targets:
        _target(w, target)


def _target(w: _Writer, target: DraftTarget) -> None:
    w.raw(f"  - id: {target.id}{w.comment(target.line, target.notes)}")
    w.key(4, "name", scalar(target.name), notes=target.name_notes)
    if target.text is not None:
        w.key(4, "text", scalar(target.text))
    if target.kind == "milestone":
        w.key(4, "kind", "milestone")
    else:
        w.key(4, "unit", scalar(target.unit))
        w.key(4, "goal", f'"{target.goal}"')
    if target.measure is not None:
        w.key(4, "measure", target.measure, notes=target.measure_notes)
    elif target.measure_notes:
        w.raw(f"    # review: {'; '.join(w.note(n) for n in target.measure_notes)}")


def _activities(w: _Writer, draft: Draft) -> None:
    declared = draft.activities_declared
    if declared is not None:
        if draft.declared_fits:
            w.key(0, "activities_declared", scalar(declared.value), declared.line)
        else:
            # validate refuses a count that the list does not hold: keep it as a comment
            code = "draft.note.declared_mismatch" if draft.activities else None
            note = Note.of(
                code or "draft.note.declared_unlisted",
                count=declared.value,
                listed=len(draft.activities),
            )
            w.raw(f"# review: {w.note(note)}")
            w.raw(f"# activities_declared: {declared.value}{w.comment(declared.line)}")
    if not draft.activities:
        notes = (
            [] if declared is not None or draft.unlisted else [Note.of("draft.note.no_activities")]
        )
        w.raw("activities: []" + w.comment(None, notes))
    else:
        w.raw("activities:")
        for activity in draft.activities:
            w.raw(f"  - id: {activity.id}{w.comment(activity.line, activity.notes)}")
            w.key(4, "name", scalar(activity.name))
            w.key(4, "month", str(activity.month))
    if draft.unlisted:
        w.raw(f"# review: {w.note(Note.of('draft.note.no_month'))}")
        for activity in draft.unlisted:
            entry = f"{{id: {activity.id}, name: {scalar(activity.name)}}}"
            w.raw(f"#   - {visible(entry)}{w.comment(activity.line, activity.notes)}")


# --- the summary ---------------------------------------------------------------------


def _all_notes(draft: Draft) -> list[Note]:
    notes: list[Note] = []
    for found in (draft.title, draft.year, draft.org, draft.published, draft.guidance):
        if found is not None:
            notes.extend(found.notes)
    for section in draft.sections:
        notes.extend(section.notes)
        for measure in section.measures:
            notes.extend(measure.notes)
    for target in draft.targets:
        notes.extend(target.notes + target.name_notes + target.measure_notes)
    for activity in draft.activities + draft.unlisted:
        notes.extend(activity.notes)
    return notes


def summary_lines(draft: Draft, source: Source, lang: str, output: str | None) -> list[str]:
    """Return what `kexie draft` tells on stderr once the draft is out: what it read and
    found, what it guessed, what it could not place, where it wrote the draft (`output`,
    None for stdout) and what to do next."""
    form = text(FORMATS[source.format], lang)
    shown = visible(source.shown)
    if source.encoding:
        out = [text("draft.read_encoded", lang, path=shown, format=form, encoding=source.encoding)]
    else:
        out = [text("draft.read", lang, path=shown, format=form)]
    if draft.chrome:
        out.append(text("draft.skipped_chrome", lang, count=draft.chrome))
    counted = sum(1 for t in draft.targets if t.kind == "count")
    out.append(
        text(
            "draft.found",
            lang,
            sections=len(draft.sections),
            measures=len(draft.measures()),
            tasks=sum(len(m.tasks) for m in draft.measures()),
            counted=counted,
            milestones=len(draft.targets) - counted,
            activities=len(draft.activities) + len(draft.unlisted),
        )
    )
    if draft.activities_declared is not None:
        place = _place(source, draft.activities_declared.line or 0, lang)
        listed = len(draft.activities) + len(draft.unlisted)
        count = draft.activities_declared.value
        out.append(text("draft.declared", lang, count=count, place=place, listed=listed))
    guesses = Counter(note.code for note in _all_notes(draft))
    if guesses:
        out.append(text("draft.guessed", lang, count=sum(guesses.values())))
        for code, count in guesses.items():
            what = text(LABELS[code], lang)
            out.append(text("draft.guess_line", lang, what=what, count=count))
    if draft.unplaced:
        out.append(text("draft.unplaced", lang, count=len(draft.unplaced)))
        for item in draft.unplaced[:MAX_UNPLACED_SHOWN]:
            why = text(item.code, lang)
            if not item.line:  # the document as a whole: no title, no org
                out.append(f"  {why}")
                continue
            place = _place(source, item.line, lang)
            snippet = item.snippet if len(item.snippet) <= SNIPPET else item.snippet[:SNIPPET] + "…"
            out.append(
                text("draft.unplaced_line", lang, place=place, why=why, snippet=visible(snippet))
            )
        if len(draft.unplaced) > MAX_UNPLACED_SHOWN:
            more = len(draft.unplaced) - MAX_UNPLACED_SHOWN
            out.append(text("draft.more", lang, count=more))
    if output is not None:
        out.append(text("draft.wrote", lang, path=visible(output)))
        out.append(text("draft.next_file", lang, path=visible(output)))
    else:
        year = draft.year.value if draft.year is not None else "YYYY"
        out.append(text("draft.next_stdout", lang, year=year))
    return out


def _place(source: Source, line: int, lang: str) -> str:
    """Return `line 12` / `第 12 行` (`paragraph 12` / `第 12 段` in a .docx)."""
    return text(PLACES[source.place_word], lang, n=source.places[line - 1])
