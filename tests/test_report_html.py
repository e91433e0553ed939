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
            f"--user-data-dir={profile}",
            "--dump-dom",
            page.resolve().as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


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
