"""Read a work-plan document (plain text, Word .docx, a saved web page) as lines of text.

The I/O half of `kexie draft` (issue 15); `draft` turns the lines into a plan. What is
read is sniffed from the bytes, not trusted from the name: a zip archive is read as a
.docx, anything else as text in UTF-8 (with or without BOM), UTF-16 (with BOM) or
GB18030 (which holds GBK and GB2312), and text that looks like HTML as a web page.

Hostile files are refused with one located `PlanError` each, before any work grows with
them: at most `MAX_TEXT_BYTES` of text, `MAX_DOCX_BYTES` of .docx; a .docx's zip entries
are counted and their declared and actual uncompressed sizes bounded before python-docx
opens it; HTML goes to the stdlib's non-recursive `html.parser` only after comments are
cut out and stray `<` escaped, both in one linear pass, since `html.parser` rescans the
rest of the page for every unclosed `<` (quadratic: `"<a" * 40_000` takes seconds).
Imports only `errors` of ours.
"""

from __future__ import annotations

import io
import os
import re
import stat
import zipfile
import zlib
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from kexie_plan.errors import PlanError, PlanErrors

MAX_TEXT_BYTES = 2 * 1024 * 1024  # a text or HTML file; and the text taken from a .docx
MAX_DOCX_BYTES = 16 * 1024 * 1024  # a .docx file on disk (pictures make it larger)
MAX_ZIP_ENTRIES = 1000  # a plain Word document has about 15
MAX_ZIP_TOTAL_BYTES = 64 * 1024 * 1024  # all entries, uncompressed
MAX_CONTROL_SHARE = 100  # over 8 control characters, and over one in this many: binary
CHUNK = 64 * 1024

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .doc, .wps, .xls of old
_ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_HTML_START = re.compile(r"\s*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<meta\s)", re.I)
_HTML_SUFFIXES = {".html", ".htm", ".shtml", ".xhtml"}


@dataclass(frozen=True)
class Document:
    """A document's text, one line each, and where each line is in the file."""

    lines: list[str]
    # Where each line starts: its line in a text or HTML file, its paragraph in a .docx
    # (paragraphs and table rows of the body, counted from 1 in order).
    places: list[int]
    format: str  # "text", "html" or "docx"
    encoding: str | None  # "UTF-8", "UTF-8 with BOM", "UTF-16", "GB18030"; None for .docx

    @property
    def place_word(self) -> str:
        """Return what `places` count: "line" or "paragraph"."""
        return "paragraph" if self.format == "docx" else "line"


def read_document(path: Path, shown: str | None = None) -> Document:
    """Return the document at `path`; raise PlanErrors (one error, located) when it cannot
    be read, is too large, or is not a document kexie reads."""
    shown = str(path) if shown is None else shown
    data = _read_bytes(path, shown)
    if data.startswith(_ZIP_MAGICS):
        return _docx_document(data, shown)
    if data.startswith(_OLE_MAGIC):
        raise _refuse("draft.old_word", shown)
    if data.startswith(b"%PDF-"):
        raise _refuse("draft.pdf", shown)
    if path.suffix.lower() == ".docx":
        raise _refuse("draft.not_zip", shown)
    text, encoding = decode_text(data, shown)
    if path.suffix.lower() in _HTML_SUFFIXES or _HTML_START.match(text[:1024]):
        found = html_lines(text)
        if found is None:
            raise _refuse("draft.html_broken", shown)
        return Document(*found, "html", encoding)
    lines = _LINE_BREAK.split(text)
    if lines and lines[-1] == "":
        lines.pop()
    return Document(lines, list(range(1, len(lines) + 1)), "text", encoding)


def _refuse(code: str, shown: str, line: int | None = None, **params: object) -> PlanErrors:
    return PlanErrors([PlanError(code, dict(params), shown, line)])


def _read_bytes(path: Path, shown: str) -> bytes:
    """Return the file's bytes, refusing a missing, special or too large file."""
    limit = MAX_DOCX_BYTES if path.suffix.lower() == ".docx" else MAX_TEXT_BYTES
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise _refuse("file_missing", shown) from None
    except OSError as exc:
        raise _refuse("file_unreadable", shown, reason=exc.strerror) from None
    if not stat.S_ISREG(info.st_mode):
        raise _refuse("not_regular_file", shown)
    if info.st_size > limit:
        raise _refuse("draft.too_large", shown, size=info.st_size, limit=limit)
    try:
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise _refuse("file_unreadable", shown, reason=exc.strerror) from None
    if len(data) > limit:  # the file grew, or its size lied
        raise _refuse("draft.too_large", shown, size=len(data), limit=limit)
    return data


def decode_text(data: bytes, shown: str) -> tuple[str, str]:
    """Return the text and the name of its encoding; refuse binary data."""
    if data.startswith(b"\xef\xbb\xbf"):
        encoding, body, codec = "UTF-8 with BOM", data[3:], "utf-8"
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding, body, codec = "UTF-16", data, "utf-16"
    else:
        encoding, body, codec = "UTF-8", data, "utf-8"
    if codec == "utf-8" and b"\x00" in body:
        offset = body.index(b"\x00")
        raise _refuse("draft.binary", shown, body.count(b"\n", 0, offset) + 1, offset=offset)
    try:
        text = body.decode(codec)
    except UnicodeDecodeError as exc:
        if encoding != "UTF-8":
            line = body.count(b"\n", 0, exc.start) + 1 if codec == "utf-8" else None
            raise _refuse("draft.encoding", shown, line, encoding=encoding) from None
        try:
            text, encoding = body.decode("gb18030"), "GB18030"
        except UnicodeDecodeError:
            line = body.count(b"\n", 0, exc.start) + 1
            raise _refuse("draft.encoding", shown, line, encoding="UTF-8, GB18030") from None
    controls = _CONTROL.findall(text)
    if "\x00" in text or (len(controls) > 8 and len(controls) * MAX_CONTROL_SHARE > len(text)):
        raise _refuse("draft.control_chars", shown, count=len(controls))
    return text, encoding


# --- .docx ---------------------------------------------------------------------------


def _docx_document(data: bytes, shown: str) -> Document:
    """Return the paragraphs and table rows of a .docx, after checking its zip."""
    check_zip(data, shown)
    try:
        lines, places = _docx_lines(data)
    except Exception as exc:  # python-docx and lxml raise many kinds; all mean "damaged"
        reason = f"{type(exc).__name__}: {exc}".splitlines()[0][:200]
        raise _refuse("draft.docx_broken", shown, reason=reason) from None
    size = sum(len(line.encode("utf-8")) + 1 for line in lines)
    if size > MAX_TEXT_BYTES:
        raise _refuse("draft.text_too_large", shown, size=size, limit=MAX_TEXT_BYTES)
    return Document(lines, places, "docx", None)


def check_zip(data: bytes, shown: str) -> None:
    """Refuse a zip that is no Word document or would unpack to too much.

    The entry count and the entries' declared sizes are checked from the central
    directory first (a zip bomb is refused without inflating a byte); then every entry is
    inflated in chunks, counting what comes out, so that a size that lies is caught too
    (zipfile stops at the declared size and the CRC then fails). Only stored and deflated
    entries are accepted: zipfile inflates bzip2 and LZMA without a bound per read. What
    python-docx then reads is bounded by the same declared sizes.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as exc:
        raise _refuse("draft.zip_broken", shown, reason=str(exc)[:200]) from None
    if len(infos) > MAX_ZIP_ENTRIES:
        raise _refuse("draft.zip_entries", shown, count=len(infos), limit=MAX_ZIP_ENTRIES)
    if "word/document.xml" not in {info.filename for info in infos}:
        raise _refuse("draft.zip_not_docx", shown)
    declared = 0
    for info in infos:
        name = info.filename[:80]
        if info.flag_bits & 0x1:
            raise _refuse("draft.zip_encrypted", shown, name=name)
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise _refuse("draft.zip_method", shown, name=name, method=info.compress_type)
        declared += info.file_size
    if declared > MAX_ZIP_TOTAL_BYTES:
        raise _refuse("draft.zip_too_big", shown, size=declared, limit=MAX_ZIP_TOTAL_BYTES)
    inflated = 0
    try:
        for info in infos:
            if info.is_dir():
                continue
            got = 0
            with archive.open(info) as member:
                while chunk := member.read(CHUNK):
                    got += len(chunk)
                    inflated += len(chunk)
                    if got > info.file_size or inflated > MAX_ZIP_TOTAL_BYTES:
                        raise _refuse(
                            "draft.zip_too_big", shown, size=inflated, limit=MAX_ZIP_TOTAL_BYTES
                        )
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError, ValueError) as exc:
        raise _refuse("draft.zip_broken", shown, reason=str(exc)[:200]) from None
    except NotImplementedError as exc:
        raise _refuse("draft.zip_broken", shown, reason=str(exc)[:200]) from None


def _docx_lines(data: bytes) -> tuple[list[str], list[int]]:
    """Return the body's paragraphs and table rows (cells joined by tabs), in order."""
    import docx  # python-docx: 80 ms to import, only for a .docx
    from docx.table import Table

    document = docx.Document(io.BytesIO(data))
    lines: list[str] = []
    places: list[int] = []
    place = 0
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                place += 1
                seen: list[object] = []
                cells = []
                for cell in row.cells:
                    if any(cell._tc is other for other in seen):  # a merged cell repeats
                        continue
                    seen.append(cell._tc)
                    cells.append(" ".join(cell.text.split("\n")))
                lines.append("\t".join(cells))
                places.append(place)
        else:
            place += 1
            for part in block.text.split("\n"):  # a line break (w:br) inside a paragraph
                lines.append(part)
                places.append(place)
    return lines, places


# --- HTML ----------------------------------------------------------------------------

_BLOCKS = {
    "address", "article", "aside", "blockquote", "body", "br", "center", "dd", "div",
    "dl", "dt", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5",
    "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table",
    "tbody", "tfoot", "thead", "tr", "ul",
}  # fmt: skip
_CELLS = {"td", "th"}
_DROPPED = {"script", "style", "noscript", "template", "title", "iframe", "object", "svg"}
_SPACES = re.compile(r"[ \t\n\r\f\v]+")
_CJK = "\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\u2018\u2019\u201c\u201d\u2014\u2026"
_CJK_BREAK = re.compile(f"(?<=[{_CJK}])\n(?=[{_CJK}])")
# A tag as html.parser gets it: its name only. Attribute values may not hold < or >.
_TAG = re.compile(
    r"<(?:(/?)([A-Za-z][A-Za-z0-9:_-]*)(?:[\s/](?:[^<>\"']|\"[^\"<>]*\"|'[^'<>]*')*)?>"
    r"|[!?][^<>]*>)?"
)


class _TextParser(HTMLParser):
    """Collect a page's visible text: block elements end lines, table cells are tabbed."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.places: list[int] = []
        self.parts: list[str] = []
        self.place = 0
        self.started = False  # the line has more than white space
        self.dropped = 0  # how many dropped elements (script, style …) are open

    def flush(self) -> None:
        # A line break in the page's source between two Chinese characters is no space
        # (CSS Text's segment break rule); elsewhere it is one.
        line = _CJK_BREAK.sub("", "".join(self.parts)).replace("\n", " ").strip(" \t")
        if line:
            self.lines.append(line)
            self.places.append(self.place)
        self.parts = []
        self.started = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _DROPPED:
            self.dropped += 1
        elif tag in _BLOCKS:
            self.flush()
        elif tag in _CELLS and self.parts:
            self.parts.append("\t")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS:
            self.flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in _DROPPED:
            self.dropped = max(0, self.dropped - 1)
        elif tag in _BLOCKS:
            self.flush()

    def handle_data(self, data: str) -> None:
        if self.dropped:
            return
        text = _SPACES.sub(_one_space, data)
        if not self.started:
            if not text.strip():
                return
            self.started = True
            self.place = self.getpos()[0] + data[: len(data) - len(data.lstrip())].count("\n")
        self.parts.append(text)


def _one_space(match: re.Match[str]) -> str:
    """Return what a run of white space in the page's source shows as: a space, or a line
    break kept for `flush` to decide."""
    return "\n" if "\n" in match.group(0) or "\r" in match.group(0) else " "


def html_lines(page: str) -> tuple[list[str], list[int]] | None:
    """Return the visible lines of an HTML page and the page line each starts on; None
    when html.parser gives up on it."""
    parser = _TextParser()
    try:
        parser.feed(_TAG.sub(_bare_tag, _without_comments(page)))
        parser.close()
    except (AssertionError, ValueError, RuntimeError):  # _markupbase's checks, never seen
        return None
    parser.flush()
    return parser.lines, parser.places


def _bare_tag(match: re.Match[str]) -> str:
    """Return a tag without its attributes; nothing for a declaration, a processing
    instruction or Word's `<![if …]>`; `&lt;` for a `<` that starts no clean tag.

    html.parser rescans the rest of the page for each `<` it cannot close and for each
    quoted attribute value it cannot end: `"<a b='>x'" * 200_000` ran for minutes. What
    it gets from here has neither, so its work grows with the page. A tag whose
    attribute holds `<` or `>` shows as text, which no page of the genre has.
    """
    breaks = "\n" * match.group(0).count("\n")  # so that getpos() still counts page lines
    if match.group(2):
        return f"<{match.group(1)}{match.group(2).lower()}{breaks}>"
    return breaks if len(match.group(0)) > 1 else "&lt;"


def _without_comments(page: str) -> str:
    """Return the page with `<!-- … -->` comments blanked (their line breaks kept), in one
    pass; an unclosed comment runs to the end, as in a browser."""
    out = []
    start = 0
    while (opened := page.find("<!--", start)) >= 0:
        closed = page.find("-->", opened + 4)
        end = len(page) if closed < 0 else closed + 3
        out.append(page[start:opened])
        out.append("\n" * page.count("\n", opened, end))
        start = end
    out.append(page[start:])
    return "".join(out)
