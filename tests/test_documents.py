"""kexie_plan.documents: reading a plan document as lines, and refusing hostile files.

Each hostile file is refused by `kexie draft` with one located line on stderr, nothing on
stdout and a non-zero exit, within seconds (issue 15).
"""

from __future__ import annotations

import io
import random
import struct
import zipfile
from pathlib import Path

import pytest

from kexie_plan.documents import (
    MAX_DOCX_BYTES,
    MAX_TEXT_BYTES,
    MAX_ZIP_ENTRIES,
    html_lines,
    read_document,
)
from kexie_plan.errors import PlanErrors

pytestmark = pytest.mark.slow  # hostile documents: megabytes of text each

TEXT = "市科协2022年工作要点\n一、工作目标\n举办3-5场学术活动。\n"


@pytest.fixture
def refused(kexie):
    """Return a function that runs kexie draft on `path` (in English, through the error
    boundary) and returns its exit code and its one stderr line, checking that nothing
    went to stdout. (How long each takes: bench/plan_size.py.)"""

    def run(path: Path, *args: str) -> tuple[int, str]:
        result = kexie("draft", str(path), *args, lang="en")
        assert result.out == ""
        lines = result.err.splitlines()
        assert len(lines) == 1, result.err
        return result.code, lines[0]

    return run


def error_of(path: Path) -> tuple[str, dict, int | None]:
    with pytest.raises(PlanErrors) as raised:
        read_document(path)
    (error,) = raised.value.errors
    return error.code, error.params, error.line


# --- text ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "UTF-8"),
        (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "UTF-8 with BOM"),
        (TEXT.encode("gb18030"), "GB18030"),
        (TEXT.encode("gbk"), "GB18030"),  # GBK is a subset
        (TEXT.encode("utf-16"), "UTF-16"),  # with its BOM, as Word's "Unicode text"
    ],
    ids=["utf8", "utf8-bom", "gb18030", "gbk", "utf16"],
)
def test_text_encodings_are_detected(tmp_path: Path, data: bytes, encoding: str) -> None:
    path = tmp_path / "plan.txt"
    path.write_bytes(data)
    document = read_document(path)
    assert (document.format, document.encoding) == ("text", encoding)
    assert document.lines == ["市科协2022年工作要点", "一、工作目标", "举办3-5场学术活动。"]
    assert document.places == [1, 2, 3]
    assert document.place_word == "line"


def test_crlf_and_cr_line_ends_count_as_one_line_each(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_bytes("甲\r\n乙\r丙\n\n丁".encode())
    document = read_document(path)
    assert document.lines == ["甲", "乙", "丙", "", "丁"]
    assert document.places == [1, 2, 3, 4, 5]


def test_the_encoding_is_said_on_stderr(kexie, tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_bytes(TEXT.encode("gb18030"))
    result = kexie("draft", str(path), lang="en")
    assert result.code == 0, result.err
    assert result.err.splitlines()[0] == f"read {path}: plain text, GB18030"
    zh = kexie("draft", str(path), "--lang", "zh", lang="en")
    assert zh.err.splitlines()[0] == f"已读取 {path}：纯文本，GB18030 编码"


def test_text_in_no_known_encoding_is_refused_at_its_line(refused, tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_bytes("第一行\n".encode() + b"\x80\x80\x80\n")
    assert error_of(path) == ("draft.encoding", {"encoding": "UTF-8, GB18030"}, 2)
    code, line = refused(path)
    assert code == 2
    assert line == (
        f"{path}:2: error: not readable as UTF-8, GB18030 text; "
        "save the document as UTF-8 or as Word .docx"
    )


# --- web pages -----------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html><head><title>市科协2022年工作要点-无锡市科协</title>
<style>p { margin: 0 }</style><script>if (a<b && c>d) { document.write("一、假的") }</script>
</head>
<body><div class="nav">首页 | 通知公告</div>
<h1>无锡市科协2022年工作要点</h1>
<div class="info">时间:2022-02-10 浏览次数:<span id="n">35</span></div>
<!-- <p>一、注释里的章节</p> -->
<p>一、指导思想</p>
<p>&nbsp;&nbsp;以习近平新时代中国特色社会主义思想为指导，
深入贯彻党的二十大精神。</p>
<table><tr><td>1</td><td>全国科普日</td><td>9月</td></tr></table>
</body></html>
"""


def test_html_keeps_the_visible_text_of_block_elements_in_order() -> None:
    lines, places = html_lines(PAGE)
    assert lines == [
        "首页 | 通知公告",
        "无锡市科协2022年工作要点",
        "时间:2022-02-10 浏览次数:35",
        "一、指导思想",
        # the line break between two Chinese characters in the source is no space
        "\xa0\xa0以习近平新时代中国特色社会主义思想为指导，深入贯彻党的二十大精神。",
        "1\t全国科普日\t9月",
    ]
    assert places == [5, 6, 7, 9, 10, 12]


def test_a_page_is_known_by_its_name_or_its_first_tag(tmp_path: Path) -> None:
    named = tmp_path / "page.htm"
    named.write_text("<p>一、指导思想</p>", encoding="utf-8")
    assert read_document(named).format == "html"
    sniffed = tmp_path / "page.txt"
    sniffed.write_text("\n  <!doctype html><p>一</p>", encoding="utf-8")
    assert read_document(sniffed).format == "html"
    plain = tmp_path / "plain.txt"
    plain.write_text("a < b\n<p> is a tag\n", encoding="utf-8")
    assert read_document(plain).lines == ["a < b", "<p> is a tag"]


@pytest.mark.parametrize(
    "page",
    [
        "<div>" * 100_000 + "一、工作目标" + "</div>" * 100_000,
        "<a b='>x'" * 200_000,  # html.parser alone: minutes (a quoted > it cannot end)
        "<a" * 1_000_000,  # html.parser alone: an hour (every < unclosed)
        "</" * 1_000_000,
        "<![CDATA[>" * 200_000,
        "<!--" * 500_000,
        "<p>" * 300_000,
    ],
    ids=["nested-100k", "quoted-gt", "unclosed-lt", "unclosed-end", "cdata", "comments", "tags"],
)
def test_hostile_html_is_read(page: str) -> None:
    """Each reads in well under a second (html.parser alone took minutes to an hour):
    bench/plan_size.py times them; here, that they are read at all."""
    assert html_lines(page) is not None


def test_deeply_nested_html_without_a_plan_gives_one_line(refused, tmp_path: Path) -> None:
    path = tmp_path / "deep.html"
    path.write_text("<div>" * 100_000 + "关闭窗口" + "</div>" * 100_000, encoding="utf-8")
    code, line = refused(path)
    assert code == 1
    assert line.startswith(f"{path}: error: no plan found: no sections")


def test_a_plan_inside_100k_nested_divs_is_drafted(kexie, tmp_path: Path) -> None:
    path = tmp_path / "deep.html"
    body = "<p>市科协2022年工作要点</p><p>二、工作目标</p><p>举办3-5场学术活动。</p>"
    path.write_text("<div>" * 100_000 + body + "</div>" * 100_000, encoding="utf-8")
    result = kexie("draft", str(path), lang="en")
    assert result.code == 0, result.err
    assert 'goal: "3-5"' in result.out


# --- .docx ---------------------------------------------------------------------------


def make_docx(path: Path, paragraphs: list[str], rows: list[list[str]] | None = None) -> Path:
    import docx

    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    if rows:
        table = document.add_table(rows=len(rows), cols=len(rows[0]))
        for r, row in enumerate(rows):
            for c, cell in enumerate(row):
                table.cell(r, c).text = cell
    document.save(str(path))
    return path


def test_docx_paragraphs_and_table_rows_are_lines(tmp_path: Path) -> None:
    path = make_docx(
        tmp_path / "plan.docx",
        ["无锡市科协2022年工作要点", "", "一、工作目标"],
        [["序号", "活动名称", "时间"], ["1", "全国科普日", "9月"]],
    )
    document = read_document(path)
    assert (document.format, document.encoding, document.place_word) == ("docx", None, "paragraph")
    assert document.lines == [
        "无锡市科协2022年工作要点",
        "",
        "一、工作目标",
        "序号\t活动名称\t时间",
        "1\t全国科普日\t9月",
    ]
    assert document.places == [1, 2, 3, 4, 5]


def test_a_zip_is_read_as_docx_whatever_its_name(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "plan.docx", ["一、工作目标"])
    renamed = path.rename(tmp_path / "plan.txt")
    assert read_document(renamed).format == "docx"


@pytest.fixture(scope="module")
def zip_bomb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A .docx whose document.xml inflates to 300 MiB of zeros from 300 KB."""
    path = tmp_path_factory.mktemp("bomb") / "bomb.docx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w") as member:
            zeros = bytes(1 << 20)
            for _ in range(300):
                member.write(zeros)
    assert path.stat().st_size < 1_000_000
    return path


def test_a_zip_bomb_is_refused_from_its_declared_size_without_inflating(
    refused, zip_bomb: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_inflating(*args, **kwargs):
        raise AssertionError("a member was opened")

    with zipfile.ZipFile(zip_bomb) as archive:
        declared = sum(info.file_size for info in archive.infolist())
    assert declared == (300 << 20) + len("<Types/>")
    monkeypatch.setattr(zipfile.ZipFile, "open", no_inflating)
    code, line = refused(zip_bomb)
    assert code == 2
    assert line == (
        f"{zip_bomb}: error: the .docx would unpack to {declared} bytes or more, over the "
        "limit of 67108864: refused without unpacking"
    )


def test_a_zip_that_lies_about_its_size_is_refused_without_inflating_more(
    refused,
    tmp_path: Path,
) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", bytes(100 << 20))  # 100 MiB of zeros
    data = bytearray(buffer.getvalue())
    # declare 1000 bytes in the local header and in the central directory
    local = data.index(b"PK\x03\x04")
    struct.pack_into("<I", data, local + 22, 1000)
    central = data.index(b"PK\x01\x02")
    struct.pack_into("<I", data, central + 24, 1000)
    path = tmp_path / "liar.docx"
    path.write_bytes(bytes(data))
    code, line = refused(path)
    assert code == 2
    assert line.startswith(f"{path}: error: damaged .docx: Bad CRC-32")


def test_a_zip_of_too_many_entries_is_refused(refused, tmp_path: Path) -> None:
    path = tmp_path / "many.docx"
    with zipfile.ZipFile(path, "w") as archive:
        for i in range(MAX_ZIP_ENTRIES + 1):
            archive.writestr(f"word/{i}.xml", "")
        archive.writestr("word/document.xml", "")
    code, line = refused(path)
    assert (code, line) == (
        2,
        f"{path}: error: the .docx holds 1002 files; a Word document has far fewer (at most 1000)",
    )


def test_a_bzip2_member_is_refused(refused, tmp_path: Path) -> None:
    path = tmp_path / "bz.docx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_BZIP2) as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    code, line = refused(path)
    assert (code, line) == (
        2,
        f"{path}: error: word/document.xml in the .docx is packed with method 12; "
        "Word uses deflate only",
    )


def test_a_zip_without_a_word_document_is_refused(refused, tmp_path: Path) -> None:
    path = tmp_path / "other.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    assert refused(path) == (
        2,
        f"{path}: error: a zip archive without word/document.xml: not a Word document",
    )


def test_a_docx_that_python_docx_cannot_read_is_one_line(refused, tmp_path: Path) -> None:
    path = tmp_path / "broken.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<not-closed")
    code, line = refused(path)
    assert code == 2
    assert line.startswith(f"{path}: error: cannot read the .docx: ")


def test_a_docx_that_is_not_a_zip_is_refused(refused, tmp_path: Path) -> None:
    path = tmp_path / "plan.docx"
    path.write_text("一、工作目标\n", encoding="utf-8")
    assert refused(path) == (
        2,
        f"{path}: error: not a Word .docx file (a .docx is a zip archive, this is not one)",
    )


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "an old Word or WPS file"),
        (b"%PDF-1.7\n" + bytes(100), "a PDF, which kexie draft does not read"),
    ],
    ids=["doc", "pdf"],
)
def test_old_word_and_pdf_files_get_advice(
    refused, tmp_path: Path, data: bytes, words: str
) -> None:
    path = tmp_path / "plan.doc"
    path.write_bytes(data)
    code, line = refused(path)
    assert code == 2
    assert line.startswith(f"{path}: error: {words}")


# --- size, binary, missing -----------------------------------------------------------


def test_a_10_mb_text_file_is_refused_by_its_size(refused, tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_bytes(("举办3场活动。" * 600_000).encode("utf-8")[: 10 * 1000 * 1000])
    assert refused(path) == (
        2,
        f"{path}: error: file is 10000000 bytes; kexie draft reads documents of at most "
        f"{MAX_TEXT_BYTES} bytes",
    )


def test_a_docx_may_be_larger_than_text_but_not_without_bound(refused, tmp_path: Path) -> None:
    path = tmp_path / "huge.docx"
    path.write_bytes(b"PK\x03\x04" + bytes(MAX_DOCX_BYTES))
    code, line = refused(path)
    assert code == 2
    assert "kexie draft reads documents of at most 16777216 bytes" in line


def test_random_binary_is_not_a_document(refused, tmp_path: Path) -> None:
    path = tmp_path / "junk.txt"
    path.write_bytes(random.Random(15).randbytes(100_000))
    code, line = refused(path)
    assert code == 2
    assert line.startswith(f"{path}:") and ": error: not a text document: NUL byte" in line


def test_binary_without_nul_bytes_is_not_a_document_either(refused, tmp_path: Path) -> None:
    data = bytes(b for b in random.Random(16).randbytes(200_000) if b)
    path = tmp_path / "junk.bin"
    path.write_bytes(data)
    code, line = refused(path)
    assert code == 2
    assert "not readable as UTF-8, GB18030 text" in line or "control characters" in line


def test_control_characters_make_text_binary(tmp_path: Path) -> None:
    path = tmp_path / "controls.txt"
    path.write_bytes(b"\x01\x02\x03\x04 plan\n" * 10)
    assert error_of(path) == ("draft.control_chars", {"count": 40}, None)


@pytest.mark.parametrize("name", ["missing.txt", "."], ids=["missing", "directory"])
def test_missing_file_or_directory_is_usage(refused, tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    code, line = refused(path)
    assert code == 2
    message = "file not found" if name != "." else "not a regular file"
    assert line == f"{path}: error: {message}"


# --- documents too big to be a year's plan ------------------------------------------

TITLE = "无锡市科协2023年工作要点\n"
NEAR_LIMIT = MAX_TEXT_BYTES // 3 - 1000  # characters of Chinese that fit in the limit


@pytest.mark.parametrize(
    ("text", "code", "words"),
    [
        (
            TITLE + "二、工作目标\n" + "举办3场论坛，" * (NEAR_LIMIT // 7),
            2,
            "more than 500 targets",
        ),
        (
            TITLE
            + "三、主要工作措施\n（一）科普\n"
            + "一是加强科普。推动建设。\n" * (NEAR_LIMIT // 13),
            2,
            "more than 2000 measures",
        ),
        (
            TITLE + "三、主要工作措施\n" + "（一）科普\n" * (NEAR_LIMIT // 6),
            2,
            "more than 200 sections",
        ),
        (
            TITLE + "三、主要工作措施\n（一）科普\n一是好。" + "。" * NEAR_LIMIT,
            2,
            "more than 20000 tasks",
        ),
        (
            TITLE + "四、重大活动安排\n" + "1.活动（5月）\n" * (NEAR_LIMIT // 8),
            2,
            "more than 500 activities",
        ),
        (  # one goal in a clause of 2 MiB: the plan would be too large to read back
            TITLE + "二、工作目标\n举办" + "学术" * (NEAR_LIMIT // 2) + "论坛3场。\n",
            2,
            "the draft would be ",
        ),
        (  # 100k numbers in one clause: not read, and nothing else is a plan
            TITLE + "二、工作目标\n举办" + "1场论坛、" * (NEAR_LIMIT // 5) + "。\n",
            1,
            "no plan found",
        ),
        (TITLE + "二、工作目标\n新增" + "等" * NEAR_LIMIT + "3个。\n", 2, "the draft would be "),
        (TITLE + "二、工作目标\n" + "“" * NEAR_LIMIT + "3个\n", 1, "no plan found"),
    ],
    ids=[
        "targets",
        "measures",
        "sections",
        "tasks",
        "activities",
        "long-clause",
        "crowded-clause",
        "long-name",
        "open-quotes",
    ],
)
def test_a_document_far_larger_than_a_plan_is_refused_quickly(
    refused, tmp_path: Path, text: str, code: int, words: str
) -> None:
    path = tmp_path / "big.txt"
    path.write_text(text, encoding="utf-8")
    assert path.stat().st_size <= MAX_TEXT_BYTES
    exit_code, line = refused(path)
    assert exit_code == code
    assert line.startswith(f"{path}: error: ") and words in line, line
