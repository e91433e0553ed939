"""kexie report: the period as data, and its Markdown, CSV and XLSX forms against expected files.

The plan and ledger are `tests/fixtures/report/2021.yaml` and its `.progress.yaml`; the
expected documents sit in `tests/fixtures/report/expected/`. To accept a deliberate change,
run `KEXIE_UPDATE_GOLDEN=1 python -m pytest tests/test_report.py` and read the diff.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kexie_plan.cli import app
from kexie_plan.ledger import read_ledger
from kexie_plan.planfile import load_plan
from kexie_plan.report import period_bounds, period_report
from kexie_plan.totals import totals_of

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "report"
PLAN = FIXTURES / "2021.yaml"
EXPECTED = FIXTURES / "expected"
UPDATE = os.environ.get("KEXIE_UPDATE_GOLDEN") == "1"
D = dt.date


def fixture_report(period: str, as_of: dt.date = dt.date.max):
    plan = load_plan(PLAN)
    records = read_ledger(FIXTURES / "2021.progress.yaml").records
    start, end = period_bounds(plan, period)
    return plan, period_report(plan, totals_of(records), records, start, end, as_of, period)


def run(*args: str, lang: str = "zh"):
    return CliRunner().invoke(app, ["report", "--plan", str(PLAN), *args], env={"KEXIE_LANG": lang})


def compare(name: str, actual: str | bytes) -> None:
    path = EXPECTED / name
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        (path.write_bytes if isinstance(actual, bytes) else path.write_text)(actual)
    expected = path.read_bytes() if isinstance(actual, bytes) else path.read_text("utf-8")
    assert actual == expected


@pytest.mark.parametrize(
    ("period", "bounds"),
    [
        ("Q1", (D(2021, 1, 1), D(2021, 3, 31))),
        ("q2", (D(2021, 4, 1), D(2021, 6, 30))),
        ("Q3", (D(2021, 7, 1), D(2021, 9, 30))),
        ("Q4", (D(2021, 10, 1), D(2021, 12, 31))),
        ("H1", (D(2021, 1, 1), D(2021, 6, 30))),
        ("H2", (D(2021, 7, 1), D(2021, 12, 31))),
        ("YEAR", (D(2021, 1, 1), D(2021, 12, 31))),
        ("2021-02", (D(2021, 2, 1), D(2021, 2, 28))),
        ("2022-01", None),
        ("2021-13", None),
        ("Q5", None),
        ("2021-2", None),
    ],
)
def test_period_bounds(period: str, bounds) -> None:
    assert period_bounds(load_plan(PLAN), period) == bounds


def test_period_report_gains_and_standing_in_q2() -> None:
    _, report = fixture_report("Q2")
    assert report.as_of == D(2021, 6, 30)
    rows = {
        line.status.id: (
            line.in_period,
            line.status.actual,
            line.expected_at_end,
            line.status.state,
        )
        for line in report.targets
    }
    assert rows == {
        "salons": (1, 2, 1, "on_track"),  # the 06-18 salon-day activity counts toward it
        "forums": (0, 1, 1, "on_track"),
        "families": (30, 30, 49, "behind"),  # 300 recorded and reverted inside the period
        "museum": (1, 1, None, "done"),
        "loose": (0, 0, 1, "behind"),
    }
    assert [a.id for a in report.held] == ["volunteer-month", "science-week", "salon-day"]
    assert [(a.id, a.held) for a in report.slipped] == [
        ("volunteer-month", D(2021, 4, 20)),  # planned for March, held late in April
        ("youth-contest", None),
    ]
    assert [e.record.id for e in report.notes] == ["01A0000000000008"]
    assert [(e.record.id, e.amount, e.cancelled) for e in report.records][1:4] == [
        ("01A0000000000004", 300, True),
        ("01A0000000000005", None, False),  # a reversal adds nothing: its record is out
        ("01A0000000000006", None, False),
    ]
    assert dict(report.summary_counts()) == {
        "completed": 1,
        "on_track": 2,
        "behind": 2,
        "overdue": 0,
        "not_started": 0,
    }


def test_an_early_report_is_taken_at_as_of_and_ignores_later_records() -> None:
    _, report = fixture_report("H2", as_of=D(2021, 7, 4))
    assert report.as_of == D(2021, 7, 4)
    assert {line.status.id: line.in_period for line in report.targets}["loose"] == 0
    _, later = fixture_report("H2", as_of=D(2021, 7, 5))
    assert {line.status.id: line.in_period for line in later.targets}["loose"] == 2


def test_the_annex_amounts_of_standing_records_add_up_to_the_period_gains() -> None:
    plan, report = fixture_report("H1")
    counts_toward = {a.id: a.target for a in plan.activities}
    for line in report.targets:
        if line.status.goal is None:
            continue
        total = sum(
            e.amount or 0
            for e in report.records
            if line.status.id in (e.ref, counts_toward.get(e.ref)) and not e.cancelled
        )
        assert total == line.in_period, line.status.id


@pytest.mark.parametrize(("period", "lang"), [("Q2", "zh"), ("Q2", "en"), ("YEAR", "zh")])
def test_markdown_report_matches_the_expected_file(period: str, lang: str) -> None:
    result = run("--period", period, "--as-of", "2021-12-31", lang=lang)
    assert result.exit_code == 0, result.output
    compare(f"report_{period}_{lang}.md", result.stdout)


def test_markdown_escapes_what_users_wrote() -> None:
    result = run("--period", "Q2", "--as-of", "2021-12-31")
    assert "学术论坛 \\*重点\\*" in result.stdout
    assert "完成\\<script\\>alert\\(1\\)\\</script\\>第一阶段" in result.stdout
    assert "<script>" not in result.stdout


@pytest.mark.parametrize("table", ["targets", "activities", "records"])
def test_csv_report_matches_the_expected_file(table: str, tmp_path: Path) -> None:
    out = tmp_path / "report.csv"
    result = run(
        "--period",
        "H1",
        "--as-of",
        "2021-12-31",
        "--format",
        "csv",
        "--table",
        table,
        "-o",
        str(out),
    )
    assert result.exit_code == 0, result.output
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    compare(f"report_H1_{table}_zh.csv", data)


def test_csv_defuses_formulas_and_keeps_numbers() -> None:
    result = run(
        "--period",
        "H1",
        "--as-of",
        "2021-12-31",
        "--format",
        "csv",
        "--table",
        "records",
        lang="en",
    )
    rows = list(csv.DictReader(io.StringIO(result.stdout.removeprefix("\ufeff"))))
    notes = [row["note"] for row in rows]
    assert '\'=HYPERLINK("http://x")' in notes
    assert "'-录入错误" in notes
    assert "'+推迟举办" in notes
    assert "'@全体 [red]启动[/red]" in notes
    assert [row["amount"] for row in rows if row["record"] == "01A0000000000005"] == [""]


def test_xlsx_report_reads_back_with_types(tmp_path: Path) -> None:
    import openpyxl

    out = tmp_path / "report.xlsx"
    result = run(
        "--period", "H1", "--as-of", "2021-12-31", "--format", "xlsx", "-o", str(out), lang="en"
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["targets", "activities", "records"]
    targets, activities, records = (book[name] for name in book.sheetnames)
    for sheet in (targets, activities, records):
        assert sheet.freeze_panes == "A2"
        assert sheet["A1"].font.bold
    header = [c.value for c in targets[1]]
    assert header[:11] == [
        "section",
        "id",
        "target",
        "goal",
        "goal (at least)",
        "goal (at most)",
        "in period",
        "cumulative",
        "%",
        "expected by period end",
        "state",
    ]
    families = next(
        row for row in targets.iter_rows(min_row=2, values_only=True) if row[1] == "families"
    )
    assert families[:11] == (
        "科学素质",
        "families",
        "科普示范家庭",
        "100 个",
        100,
        100,
        30,
        30,
        0.3,  # 30%: a fraction, shown with a percent format
        49,
        "behind",
    )
    assert targets["I2"].number_format == "0%"
    museum = next(row for row in targets.iter_rows(min_row=2) if row[1].value == "museum")
    assert museum[11].value == dt.datetime(2021, 6, 25)
    assert museum[11].is_date
    assert museum[4].value is None
    week = next(row for row in activities.iter_rows(min_row=2) if row[0].value == "science-week")
    assert [week[2].value, week[3].value, week[5].value] == [
        dt.datetime(2021, 5, 1),
        dt.datetime(2021, 5, 31),
        dt.datetime(2021, 5, 22),
    ]
    by_id = {row[10].value: row for row in records.iter_rows(min_row=2)}
    formula = by_id["01A0000000000003"][6]
    assert formula.value == '=HYPERLINK("http://x")'
    assert formula.data_type == "s"  # text, never a formula
    assert formula.quotePrefix
    assert by_id["01A0000000000004"][4].value == 300  # reverted: see its "reverted" cell
    assert by_id["01A0000000000004"][4].data_type == "n"
    assert by_id["01A0000000000004"][9].value == "✓"
    assert by_id["01A0000000000005"][4].value is None  # a reversal adds nothing itself
    assert by_id["01A0000000000002"][0].value == dt.datetime(2021, 3, 20)
    compare("report_H1_en.xlsx.txt", xlsx_as_text(book))


def xlsx_as_text(book) -> str:
    """Return every sheet's cells as `type value` lines, for an expected-file comparison."""
    lines = []
    for sheet in book.worksheets:
        lines.append(f"[{sheet.title}] freeze={sheet.freeze_panes}")
        for row in sheet.iter_rows():
            lines.append(" | ".join(f"{c.data_type}:{c.value!r}" for c in row))
    return "\n".join(lines) + "\n"


def test_html_report_is_self_contained_and_escaped(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    result = run("--period", "H1", "--as-of", "2021-12-31", "--format", "html", "-o", str(out))
    assert result.exit_code == 0, result.output
    page = out.read_text("utf-8")
    assert "<script>" not in page
    assert "完成&lt;script&gt;alert(1)&lt;/script&gt;第一阶段" in page
    assert "学术引领 | &lt;b&gt;提升&lt;/b&gt;" in page
    assert "@page { size: A4" in page
    assert "http://" not in page.replace('"http://x"', "").replace("&quot;http://x&quot;", "")
    assert page.count("<svg") == 3 + 4  # one bar per section with targets, one chart per count
    assert 'id="summary">5项指标：已完成 1，达进度 2，欠进度 2，逾期 0，未开始 0</p>' in page


def test_usage_errors_through_main(monkeypatch, capsys, tmp_path: Path) -> None:
    from kexie_plan.cli import main

    monkeypatch.setenv("KEXIE_LANG", "en")
    monkeypatch.setattr("sys.argv", ["kexie", "report", "--plan", str(PLAN), "--period", "Q5"])
    with pytest.raises(SystemExit) as exited:
        main()
    assert exited.value.code == 2
    assert capsys.readouterr().err == (
        "kexie: error: --period 'Q5' is not Q1-Q4, H1, H2, YEAR or YYYY-MM inside the plan's "
        "period\n"
    )
    monkeypatch.setattr("sys.argv", ["kexie", "report", "--plan", str(PLAN), "--format", "xlsx"])
    with pytest.raises(SystemExit) as exited:
        main()
    assert exited.value.code == 2
    assert capsys.readouterr().err == "kexie: error: --format xlsx writes a file: give -o FILE\n"
    monkeypatch.setattr(
        "sys.argv",
        ["kexie", "report", "--plan", str(PLAN), "--period", "Q3", "--as-of", "2021-05-01"],
    )
    with pytest.raises(SystemExit) as exited:
        main()
    assert exited.value.code == 2
    assert capsys.readouterr().err == (
        "kexie: error: Q3 starts on 2021-07-01, after 2021-05-01: there is nothing to report yet\n"
    )
    missing = tmp_path / "no-such-folder" / "r.md"
    monkeypatch.setattr("sys.argv", ["kexie", "report", "--plan", str(PLAN), "-o", str(missing)])
    with pytest.raises(SystemExit) as exited:
        main()
    assert exited.value.code == 2
    assert capsys.readouterr().err.startswith(f"kexie: error: cannot write {missing}: ")


@pytest.mark.parametrize("plan_path", [PLAN, FIXTURES.parent.parent.parent / "plans" / "2021.yaml"])
def test_the_quarters_add_up_to_the_year(plan_path: Path) -> None:
    from kexie_plan.ledger import ledger_path_for

    plan = load_plan(plan_path)
    records = read_ledger(ledger_path_for(plan_path)).records
    quarters = [
        period_report(plan, totals_of(records), records, *period_bounds(plan, q), dt.date.max, q)
        for q in ("Q1", "Q2", "Q3", "Q4")
    ]
    year = period_report(
        plan, totals_of(records), records, *period_bounds(plan, "YEAR"), dt.date.max, "YEAR"
    )
    for i, line in enumerate(year.targets):
        assert sum(q.targets[i].in_period for q in quarters) == line.in_period, line.status.id
    assert sum(len(q.records) for q in quarters) == len(year.records)


# --- the HTML report's annex, charts and legend -------------------------------------------

ANNEX_LEDGER = "".join(
    "- {" + line + "}\n"
    for line in (
        "id: 01M8K2HQ0SX3PDDA, date: 2021-03-12, target: haizhi-salons, amount: 2, "
        'by: haizhi-office, evidence: "https://mp.weixin.qq.com/s/a?x=1&y=\\"2\\""',
        "id: 01M8K2HQAECX8BZE, date: 2021-04-02, target: intl-forums, by: pop-dept, "
        'evidence: "javascript:alert(1)"',
        "id: 01M8K2HQM7CY4EPE, date: 2021-05-30, activity: sci-day, evidence: 档案室2021-12号",
    )
)


def test_the_annex_shows_who_links_evidence_and_shortens_ids(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kexie
) -> None:
    from conftest import write_plan

    monkeypatch.chdir(tmp_path)
    write_plan(tmp_path, ledger=ANNEX_LEDGER)
    run = kexie("report", "--format", "html", lang="zh", today="2021-06-30")
    assert run.code == 0, run.err
    annex = run.out[run.out.index('<table class="records">') :]
    rows = re.findall(r"<tr data-record=.*?</tr>", annex)
    assert rows == [
        '<tr data-record="01M8K2HQ0SX3PDDA"><td class="date">2021-03-12</td>'
        '<td class="kind">目标</td><td class="name">海智沙龙</td>'
        '<td class="amount num" data-amount="2">2 场</td><td class="note"></td>'
        '<td class="evidence"><a href="https://mp.weixin.qq.com/s/a?x=1&amp;y=&quot;2&quot;" '
        'rel="noreferrer" title="https://mp.weixin.qq.com/s/a?x=1&amp;y=&quot;2&quot;">'
        'mp.weixin.qq.com</a></td><td class="by">海智办</td><td class="reverted"></td>'
        '<td class="id" title="01M8K2HQ0SX3PDDA">01M8K2HQ0</td></tr>',
        '<tr data-record="01M8K2HQAECX8BZE"><td class="date">2021-04-02</td>'
        '<td class="kind">目标</td><td class="name">国际学术交流论坛</td>'
        '<td class="amount num" data-amount="1">1 场</td><td class="note"></td>'
        '<td class="evidence">javascript:alert(1)</td><td class="by">科普部</td>'
        '<td class="reverted"></td><td class="id" title="01M8K2HQAECX8BZE">01M8K2HQA</td></tr>',
        '<tr data-record="01M8K2HQM7CY4EPE"><td class="date">2021-05-30</td>'
        '<td class="kind">活动</td><td class="name">科技工作者日</td>'
        '<td class="amount num"></td><td class="note"></td>'
        '<td class="evidence">档案室2021-12号</td><td class="by"></td>'
        '<td class="reverted"></td><td class="id" title="01M8K2HQM7CY4EPE">01M8K2HQM</td></tr>',
    ]
    assert '<th class="by">填报单位</th>' in annex
    assert "记录编号只列出足以相互区分的前几位" in annex
    assert 'href="javascript' not in run.out


@pytest.mark.parametrize(
    ("ids", "short"),
    [
        # kexie's ids share the time they were made: the prefix grows until it differs
        (
            ["01M8K2HQ0SX3PDDA", "01M8K2HQAECX8BZE", "01M8MCS4E49JB9CK"],
            ["01M8K2HQ0", "01M8K2HQA", "01M8MC"],
        ),
        (["01M8K2HQ0SX3PDDA"], ["01M8K2"]),  # alone: the shortest allowed
        (["R1", "R10", "R2"], ["R1", "R10", "R2"]),  # shorter than 6, or a prefix of another
        (["ABCDEFGH", "ABCDEFGH"], ["ABCDEF"]),  # the same id twice is one id
    ],
)
def test_short_ids_are_the_shortest_unique_prefixes(ids: list[str], short: list[str]) -> None:
    from kexie_plan.render.words import short_ids

    assert list(short_ids(ids).values()) == short


@pytest.mark.parametrize(
    ("value", "link"),
    [
        ("https://example.org/a?b=1|2", "https://example.org/a?b=1|2"),
        ("HTTP://EXAMPLE.ORG", "HTTP://EXAMPLE.ORG"),
        ("javascript:alert(1)", None),
        ("file:///etc/passwd", None),
        ("http://", None),  # no host
        ("https://a.org/x y", None),  # a space: not one address
        ("https://a.org/\x1b[31m", None),  # a control character
        ("//example.org/x", None),  # no scheme
        ("档案室2021-12号", None),
        (None, None),
    ],
)
def test_only_web_addresses_are_linked(value: str | None, link: str | None) -> None:
    from kexie_plan.render.words import web_link

    assert web_link(value) == link


def test_charts_label_every_month_and_the_legend_tells_states_apart(tmp_path: Path) -> None:
    from kexie_plan.render.report_html import STATE_COLOURS

    assert len(set(STATE_COLOURS.values())) == len(STATE_COLOURS)
    out = tmp_path / "report.html"
    result = run("--period", "H1", "--as-of", "2021-06-30", "--format", "html", "-o", str(out))
    assert result.exit_code == 0, result.output
    page = out.read_text("utf-8")
    figures = re.findall(r"<figure .*?</figure>", page)
    assert len(figures) == 4
    for figure in figures:
        months = re.findall(r'<text class="month"[^>]*>([0-9]+)</text>', figure)
        assert months == [str(m) for m in range(1, 13)]
    legend = re.search(r'<p class="legend">(.*?)</p>', page).group(1)
    shown = re.findall(r'background:(#[0-9a-f]{6})"></span>([^<]+)</span>', legend)
    assert len(shown) == len({colour for colour, _ in shown}) == len({w for _, w in shown}) >= 3
