"""The HTML report in a real browser: headless Chromium loads it, and the numbers on the
page are those of `kexie status --format json` at the same date.

Skipped when no `chromium` is on PATH; `.ci/run` installs Debian's chromium so that CI runs it.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kexie_plan.cli import app

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

pytestmark = [pytest.mark.slow, pytest.mark.skipif(CHROMIUM is None, reason="no chromium on PATH")]


def dump_dom(page: Path, profile: Path) -> str:
    """Return the DOM that headless Chromium builds from the page (no network, no profile)."""
    return chromium("--dump-dom", page.resolve().as_uri(), profile=profile)


def chromium(*args: str, profile: Path) -> str:
    """Run headless Chromium (no network, a throwaway profile); return what it printed."""
    result = subprocess.run(
        [
            str(CHROMIUM),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--hide-scrollbars",
            f"--user-data-dir={profile}",
            *args,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def fixture_page(folder: Path, lang: str) -> Path:
    """Write the report fixture's H1 report as HTML into `folder`; return the page."""
    plan = ROOT / "tests" / "fixtures" / "report" / "2021.yaml"
    page = folder / "report.html"
    args = ["--plan", str(plan), "--period", "H1", "--as-of", "2021-06-30", "--format", "html"]
    made = CliRunner().invoke(app, ["report", *args, "-o", str(page)], env={"KEXIE_LANG": lang})
    assert made.exit_code == 0, made.output
    return page


class PageNumbers(HTMLParser):
    """Collect, per target row, the cells' data-* numbers and state, and the summary text."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: dict[str, dict[str, str]] = {}
        self.row: str | None = None
        self.summary = ""
        self.in_summary = False
        self.in_targets = False
        self.svgs = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "svg":
            self.svgs += 1
        if tag == "table":
            self.in_targets = found.get("class") == "targets"
        if tag == "tr" and self.in_targets and "data-target" in found:
            self.row = found["data-target"]
            self.rows[self.row] = {}
        if tag == "td" and self.row is not None:
            for key, value in found.items():
                if key.startswith("data-"):
                    self.rows[self.row][key[5:]] = value or ""
        if tag == "p" and found.get("id") == "summary":
            self.in_summary = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "tr":
            self.row = None
        if tag == "p":
            self.in_summary = False

    def handle_data(self, data: str) -> None:
        if self.in_summary:
            self.summary += data


# plan, period, as_of, lang, and whether as_of is the period's last day
CASES = [
    (ROOT / "tests" / "fixtures" / "report" / "2021.yaml", "H1", "2021-06-30", "zh", True),
    (ROOT / "tests" / "fixtures" / "report" / "2021.yaml", "Q3", "2021-08-15", "en", False),
    (ROOT / "plans" / "2021.yaml", "H1", "2021-06-30", "zh", True),
    (ROOT / "plans" / "2021.yaml", "2021-05", "2021-05-31", "en", True),
]


@pytest.mark.parametrize(("plan", "period", "as_of", "lang", "at_end"), CASES)
def test_numbers_on_the_page_match_status_json(
    plan: Path, period: str, as_of: str, lang: str, at_end: bool, tmp_path: Path
) -> None:
    runner = CliRunner()
    env = {"KEXIE_LANG": lang}
    page = tmp_path / "report.html"
    args = ["--plan", str(plan), "--as-of", as_of]
    made = runner.invoke(
        app, ["report", *args, "--period", period, "--format", "html", "-o", str(page)], env=env
    )
    assert made.exit_code == 0, made.output
    status = json.loads(runner.invoke(app, ["status", *args, "--format", "json"], env=env).stdout)

    dom = dump_dom(page, tmp_path / "profile")
    seen = PageNumbers()
    seen.feed(dom)

    assert sorted(seen.rows) == sorted(t["id"] for t in status["targets"])
    for t in status["targets"]:
        row = seen.rows[t["id"]]
        assert row["actual"] == str(t["actual"]), t["id"]
        assert row["state"] == t["state"], t["id"]
        if t["kind"] == "count":
            if at_end:  # expected by the period's end is then status's expected
                assert row["expected-end"] == str(t["expected"]), t["id"]
            assert row["percent"] == str(t["percent"]), t["id"]  # rounded half up, as status
    summary = status["summary"]
    numbers = [int(n) for n in re.findall(r"[0-9]+", seen.summary)]
    assert numbers == [
        summary["targets"],
        summary["exceeded"] + summary["met"] + summary["done"],
        summary["on_track"],
        summary["behind"],
        summary["overdue"],
        summary["pending"] + summary["open"],
    ]
    counted = sum(1 for t in status["targets"] if t["kind"] == "count")
    assert seen.svgs >= counted + 1  # a chart per counted target, and the states chart


# --- how the page lays out and prints -----------------------------------------------------

# A4's printable width at 96 pixels to the inch: 210 mm less the page's 12 mm margins.
A4_CONTENT_PX = 703
# Measures the laid-out page and leaves the figures as JSON in <pre id="measured">.
MEASURE = """<script>
const box = (e) => e.getBoundingClientRect();
const lines = (e) => { const r = document.createRange(); r.selectNodeContents(e);
  return new Set([...r.getClientRects()].map((x) => Math.round(x.top))).size; };
const apart = (a, b) => a.right <= b.left || b.right <= a.left || a.bottom <= b.top
  || b.bottom <= a.top;
const out = {
  overflow: document.documentElement.scrollWidth - window.innerWidth,
  ids: [...document.querySelectorAll("table.records td.id")].map(lines),
  figures: [...document.querySelectorAll("figure")].map((f) => {
    const labels = [...f.querySelectorAll("svg text")].map(box);
    let touching = 0;
    labels.forEach((a, i) => labels.slice(i + 1).forEach((b) => { if (!apart(a, b)) touching++; }));
    return { below: box(f.querySelector("svg")).top - box(f.querySelector("figcaption")).bottom,
             inside: box(f.querySelector("svg")).right <= box(f).right,
             months: f.querySelectorAll("text.month").length, touching };
  }),
  legend: [...document.querySelectorAll("p.legend .dot")].map((d) => [
    getComputedStyle(d).backgroundColor, d.parentElement.textContent]),
};
const pre = document.createElement("pre"); pre.id = "measured";
pre.textContent = JSON.stringify(out); document.body.appendChild(pre);
</script>"""


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_page_fits_a4_and_its_charts_and_ids_read(lang: str, tmp_path: Path) -> None:
    page = fixture_page(tmp_path, lang)
    measured = tmp_path / "measured.html"
    measured.write_text(page.read_text("utf-8").replace("</body>", MEASURE + "</body>"), "utf-8")
    dom = chromium(
        f"--window-size={A4_CONTENT_PX},2000",
        "--dump-dom",
        measured.resolve().as_uri(),
        profile=tmp_path / "profile",
    )
    found = json.loads(re.search(r'<pre id="measured">(.*?)</pre>', dom, re.S).group(1))
    assert found["overflow"] <= 0  # nothing runs past the printable width
    assert found["ids"] and set(found["ids"]) == {1}  # every record id on one line
    assert len(found["figures"]) == 4
    for figure in found["figures"]:
        assert figure["below"] >= 0  # the chart starts below its title
        assert figure["inside"]
        assert figure["months"] == 12
        assert figure["touching"] == 0  # no two labels overlap
    colours = [colour for colour, _ in found["legend"]]
    assert len(colours) == len(set(colours)) >= 3  # each state its own colour


def test_the_report_prints_on_the_pages_it_needs(tmp_path: Path) -> None:
    page = fixture_page(tmp_path, "zh")
    pdf = tmp_path / "report.pdf"
    chromium(
        "--no-pdf-header-footer",
        f"--print-to-pdf={pdf}",
        page.resolve().as_uri(),
        profile=tmp_path / "profile",
    )
    pages = len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf.read_bytes()))
    # The summary, the states, the targets and the charts on the first page; activities,
    # notes and the annex on the second. (A heading never ends a page; no blank page.)
    assert pages == 2
