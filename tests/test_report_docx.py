"""kexie report --format docx: the Word report read back with python-docx (its headings,
tables, numbers, bars, links, page numbers), the 文号 and 落款 of kexie.toml's [report],
and the WordprocessingML kept in its schema order so that Word and WPS open it without
a repair prompt. The plan and ledger are tests/fixtures/report's (see test_report.py).
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

docx = pytest.importorskip("docx")

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "report"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    plans = tmp_path / "plans"
    plans.mkdir()
    for name in ("2021.yaml", "2021.progress.yaml"):
        shutil.copy(FIXTURES / name, plans / name)
    return tmp_path


def word_report(kexie, lang: str = "zh", *more: str):
    run = kexie(
        "report",
        *("--period", "H1", "--as-of", "2021-06-30", "--format", "docx", "-o", "r.docx"),
        *more,
        lang=lang,
        today="2021-07-05",
    )
    assert (run.code, run.out, run.err) == (0, "", "")
    return docx.Document("r.docx")


def styled(document, prefix: str) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name.startswith(prefix)]


def rows_of(table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def fills(row) -> list[str]:
    """Return the shading colour of each cell of a row ('' when none)."""
    out = []
    for cell in row.cells:
        shading = cell._tc.find(f"{W}tcPr/{W}shd")
        out.append("" if shading is None else shading.get(f"{W}fill"))
    return out


def test_the_word_report_has_the_html_reports_sections_and_numbers(folder: Path, kexie) -> None:
    document = word_report(kexie)
    assert styled(document, "Title") == ["某市科协2021年工作要点：2021年上半年工作报告"]
    assert styled(document, "Heading 1") == [
        "各部分目标状态",
        "工作目标完成情况",
        "各项目标完成进度",
        "重大活动",
        "工作措施进展",
        "附：本期记录",
    ]
    assert styled(document, "Heading 2") == [
        "创新驱动",
        "科学素质",
        "未关联措施的目标",
        "本期举办",
        "延误",
    ]
    texts = [p.text for p in document.paragraphs]
    assert "报告期 2021-01-01 至 2021-06-30 · 数据截至 2021-06-30" in texts
    assert "5项指标：已完成 1，达进度 2，欠进度 2，逾期 0，未开始 0" in texts
    assert styled(document, "List Bullet") == [
        "2021-04-20 科技志愿者活动月 (3月)",
        "2021-05-22 科普宣传周 (5月)",
        "2021-06-18 海智沙龙专场 (6月18日)",
        "3月 科技志愿者活动月 — 延期于 2021-04-20 举办",
        "4月 青少年科技创新大赛 — 尚未举办",
        "2021-03-01 学术引领 | <b>提升</b>：一季度学术工作",
        "2021-06-02 科普惠民：完成<script>alert(1)</script>第一阶段",
    ]

    tables = document.tables
    # the charts, the three sections' targets, the progress bars, the annex
    assert len(tables) == 6
    header = ["目标", "目标值", "本期完成", "累计完成", "完成率", "期末序时", "状态"]
    assert rows_of(tables[1]) == [
        header,
        ["海智沙龙", "≥3 场", "2", "2", "67%", "1", "● 正常"],
        ["学术论坛 *重点*", "2–4 场", "1", "1", "50%", "1", "● 正常"],
    ]
    assert rows_of(tables[2]) == [
        header,
        ["科普示范家庭", "100 个", "30", "30", "30%", "49", "● 落后"],
        ["科技馆筹备", "里程碑", "✓", "✓ 2021-06-25", "", "", "● 已完成"],
    ]
    assert rows_of(tables[3]) == [header, ["未归类目标", "4 项", "0", "0", "0%", "1", "● 落后"]]
    header_row = tables[1].rows[0]._tr
    assert header_row.find(f"{W}trPr/{W}tblHeader") is not None  # repeated on every page

    # targets by state: 20 cells per section, shaded in the states' colours
    states = [row for row in tables[0].rows if row.cells[0].text]
    assert [(row.cells[0].text, row.cells[-1].text) for row in states] == [
        ("创新驱动", "正常 2"),
        ("科学素质", "已完成 1 落后 1"),
        ("未关联措施的目标", "落后 1"),
    ]
    assert fills(states[1])[1:-1] == ["00897B"] * 10 + ["F9A825"] * 10

    # progress: the bar as long as the goal, done then grey up to the expected
    bars = {row.cells[0].text: row for row in tables[4].rows if row.cells[0].text}
    assert list(bars) == ["海智沙龙", "学术论坛 *重点*", "科普示范家庭", "未归类目标"]
    families = bars["科普示范家庭"]
    assert [c.text for c in families.cells[-2:]] == ["30/100", "30%"]
    assert fills(families)[1:-2] == ["F9A825"] * 6 + ["E0E0E0"] * 3 + [""] * 11  # 30 of 100, 49
    assert fills(bars["海智沙龙"])[1:-2] == ["9CCC65"] * 13 + [""] * 7  # 2 of 3

    annex = rows_of(tables[5])
    assert annex[0] == [
        "日期",
        "类别",
        "名称",
        "数量",
        "说明",
        "佐证",
        "填报单位",
        "已撤销",
        "记录",
    ]
    assert annex[3] == [
        "2021-03-20",
        "目标",
        "学术论坛 *重点*",
        "1 场",
        "春季论坛",
        "example.org",
        "学会部",
        "",
        "01A0000000000002",  # these ids share 15 characters: whole
    ]
    assert [row[0] for row in annex[1:]] == sorted(row[0] for row in annex[1:])
    assert len(annex) == 1 + 11  # the records dated in the period, to as-of
    links = [r.target_ref for r in document.part.rels.values() if r.reltype.endswith("/hyperlink")]
    assert links == ["https://example.org/a?b=1|2"]

    section = document.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    footer = section.footer.paragraphs[0]
    codes = [e.text.strip() for e in footer._p.iter(f"{W}instrText")]
    assert codes == ["PAGE", "NUMPAGES"]
    assert footer.text == "第 1 页，共 1 页"  # the fields' text until Word computes them
    # without kexie.toml's [report]: no number, no signature
    assert document.paragraphs[0].style.name == "Title"  # no number above it
    assert texts[-1] == "记录编号只列出足以相互区分的前几位；完整编号见 kexie log 或 xlsx 报表。"


def test_in_english(folder: Path, kexie) -> None:
    document = word_report(kexie, "en")
    assert styled(document, "Title") == ["某市科协2021年工作要点: report on the first half of 2021"]
    assert styled(document, "Heading 1")[:3] == [
        "Targets by state, per section",
        "Targets",
        "Progress toward each goal",
    ]
    assert document.sections[0].footer.paragraphs[0].text == "Page 1 of 1"


def test_number_and_signature_come_from_kexie_toml(folder: Path, kexie) -> None:
    (folder / "kexie.toml").write_text(
        '[report]\nnumber = "锡科协〔2021〕12号"\nsignature = "无锡市科学技术协会"\n'
        "date = 2021-07-08\n",
        encoding="utf-8",
    )
    document = word_report(kexie)
    first, title = document.paragraphs[0], document.paragraphs[1]
    assert (first.text, first.alignment) == ("锡科协〔2021〕12号", 1)  # centred
    assert title.style.name == "Title"
    signed = [(p.text, p.alignment) for p in document.paragraphs[-2:]]
    assert signed == [("无锡市科学技术协会", 2), ("2021年7月8日", 2)]  # at the right
    assert document.core_properties.author == "无锡市科学技术协会"


def test_without_a_date_the_signature_is_dated_today(folder: Path, kexie) -> None:
    (folder / "kexie.toml").write_text('[report]\nsignature = "某市科协"\n', encoding="utf-8")
    document = word_report(kexie)
    assert [p.text for p in document.paragraphs[-2:]] == ["某市科协", "2021年7月5日"]
    (folder / "kexie.toml").write_text('[report]\ndate = "2021-07-09"\n', encoding="utf-8")
    assert [p.text for p in word_report(kexie, "en").paragraphs[-1:]] == ["2021-07-09"]


@pytest.mark.parametrize(
    ("toml", "problem"),
    [
        (
            '[report]\nnumbr = "x"\n',
            "unknown setting report.numbr (known: number, signature, date)",
        ),
        ("[report]\nnumber = 12\n", "report.number must be a string"),
        ('[report]\ndate = "July"\n', "report.date must be a date (YYYY-MM-DD)"),
        ('[report]\ndate = "2021-02-30"\n', "report.date must be a date (YYYY-MM-DD)"),
        ("[report]\ndate = 2021-07-08T10:00:00\n", "report.date must be a date (YYYY-MM-DD)"),
        ('report = "x"\n', "report must be a table: [report]"),
        ('title = "x"\n', "unknown setting 'title' (known: plan, lang, unit, [report])"),
    ],
)
def test_a_bad_report_setting_is_a_usage_error(folder: Path, kexie, toml: str, problem: str):
    (folder / "kexie.toml").write_text(toml, encoding="utf-8")
    run = kexie("report", "--format", "docx", "-o", "r.docx", lang="en")
    assert run.code == 2
    assert run.err.endswith(f": {problem}\n"), run.err
    assert not (folder / "r.docx").exists()


def test_docx_needs_a_file(folder: Path, kexie) -> None:
    run = kexie("report", "--format", "docx", lang="en")
    assert (run.code, run.out) == (2, "")
    assert run.err == "kexie: error: --format docx writes a file: give -o FILE\n"


# The order of the properties that kexie adds, as WordprocessingML's schema has them: Word
# asks to repair a document whose properties are out of order.
def test_the_document_keeps_the_schema_order(folder: Path, kexie) -> None:
    from kexie_plan.render.report_docx import PROPERTY_ORDER

    word_report(kexie)
    with zipfile.ZipFile(folder / "r.docx") as package:
        xml = package.read("word/document.xml").decode("utf-8")
        rels = package.read("word/_rels/document.xml.rels").decode("utf-8")
    from lxml import etree

    root = etree.fromstring(xml.encode("utf-8"))
    checked = 0
    for name, order in PROPERTY_ORDER.items():
        for element in root.iter(W + name):
            tags = [child.tag.removeprefix(W) for child in element]
            assert tags == sorted(tags, key=order.index), (name, tags)
            checked += 1
    assert checked > 100
    for ident in re.findall(r'r:id="([^"]+)"', xml):
        assert f'Id="{ident}"' in rels
    # every table cell holds a paragraph (an empty cell is a repair in Word)
    for cell in root.iter(W + "tc"):
        assert cell.find(W + "p") is not None


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="no LibreOffice on PATH")
def test_libreoffice_reads_it_and_lays_it_out(folder: Path, kexie) -> None:
    word_report(kexie)
    profile = folder / "lo-profile"
    result = subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile.resolve().as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(folder / "r.docx"),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    pages = len(re.findall(rb"/Type\s*/Page\b(?!s)", (folder / "r.pdf").read_bytes()))
    assert pages == 2


def test_the_same_report_gives_the_same_document_properties(folder: Path, kexie) -> None:
    first = word_report(kexie).core_properties
    assert first.created == first.modified == dt.datetime(2021, 6, 30, tzinfo=dt.UTC)
    assert first.title == "某市科协2021年工作要点：2021年上半年工作报告"


def test_the_annex_names_units_links_web_evidence_only_and_shortens_ids(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kexie
) -> None:
    from conftest import write_plan
    from test_report import ANNEX_LEDGER

    monkeypatch.chdir(tmp_path)
    write_plan(tmp_path, ledger=ANNEX_LEDGER)
    run = kexie("report", "--format", "docx", "-o", "r.docx", lang="zh", today="2021-06-30")
    assert run.code == 0, run.err
    document = docx.Document("r.docx")
    annex = [[c.text for c in row.cells] for row in document.tables[-1].rows[1:]]
    assert [(row[5], row[6], row[8]) for row in annex] == [
        ("mp.weixin.qq.com", "海智办", "01M8K2HQ0"),
        ("javascript:alert(1)", "科普部", "01M8K2HQA"),  # not a web address: text
        ("档案室2021-12号", "", "01M8K2HQM"),
    ]
    links = [r.target_ref for r in document.part.rels.values() if r.is_external]
    assert links == ['https://mp.weixin.qq.com/s/a?x=1&y="2"']
