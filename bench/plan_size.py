#!/usr/bin/env python3
"""Time `kexie validate` on a 1 MiB plan and on a YAML alias bomb, as whole processes, and
the reading of hostile web pages by `kexie draft` (html.parser alone is quadratic on some:
minutes to an hour; kexie reads each in well under a second).

Prints a small table; writes nothing outside a temporary folder. Run: python bench/plan_size.py
"""

from __future__ import annotations

import contextlib
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RUNS = 5
HEAD = "schema: 1\nyear: 2021\norg: 某市科学技术协会\ntitle: 规模测试计划\n"


def big_plan(limit: int = 1024 * 1024 - 4096) -> str:
    """Return a valid plan just under 1 MiB: many sections, measures, tasks and targets."""
    parts = [HEAD, "sections:\n"]
    size = len(HEAD.encode())
    n = 0
    targets = ["targets:\n"]
    while size < limit:
        block = (
            f"  - id: section-{n}\n    title: 第{n}部分 围绕中心不断提升科协组织力\n    measures:\n"
            f"      - id: measure-{n}\n        title: 措施{n} 强化服务\n        tasks:\n"
            + "".join(
                f"          - 第{n}项措施的第{k}句,开展科普活动,服务科技工作者。\n"
                for k in range(8)
            )
        )
        target = (
            f"  - id: target-{n}\n    name: 指标{n}\n    text: 举办{n % 9 + 1}场以上学术活动\n"
            f"    unit: 场\n    goal: {n % 9 + 1}+\n    measure: measure-{n}\n"
        )
        parts.append(block)
        targets.append(target)
        size += len(block.encode()) + len(target.encode())
        n += 1
    return "".join(parts) + "".join(targets)


def alias_bomb() -> str:
    """Return the classic 'billion laughs' document (9 levels of 9 aliases)."""
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 9):
        prev, name = chr(96 + i), chr(97 + i)
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def timed(args: list[str]) -> tuple[float, int]:
    start = time.perf_counter()
    done = subprocess.run(args, capture_output=True, check=False)
    return time.perf_counter() - start, done.returncode


def main() -> None:
    kexie = [sys.executable, "-m", "kexie_plan", "validate"]
    with tempfile.TemporaryDirectory() as folder:
        big = Path(folder) / "big.yaml"
        big.write_text(big_plan(), encoding="utf-8")
        bomb = Path(folder) / "bomb.yaml"
        bomb.write_text(alias_bomb(), encoding="utf-8")
        rows = []
        for label, path in (("1 MiB plan", big), ("alias bomb", bomb)):
            timed([*kexie, str(path)])  # warm-up
            results = [timed([*kexie, str(path)]) for _ in range(RUNS)]
            median = statistics.median(t for t, _ in results)
            rows.append((label, path.stat().st_size, median, results[0][1]))
        help_args = [sys.executable, "-m", "kexie_plan", "--help"]
        base = statistics.median(timed(help_args)[0] for _ in range(RUNS))
        inside = {
            label: in_process(path) for label, path in (("1 MiB plan", big), ("alias bomb", bomb))
        }
    print(f"{'case':<12} {'bytes':>9} {'process s':>10} {'load_plan ms':>13} {'exit':>5}")
    for label, size, median, code in rows:
        print(f"{label:<12} {size:>9} {median:>10.3f} {inside[label]:>13.1f} {code:>5}")
    print(f"{'--help':<12} {'':>9} {base:>10.3f}")
    print()
    print(f"{'hostile page':<14} {'chars':>9} {'html_lines ms':>14}")
    for label, page in HOSTILE_PAGES.items():
        print(f"{label:<14} {len(page):>9} {read_page(page):>14.1f}")


HOSTILE_PAGES = {
    "nested-100k": "<div>" * 100_000,
    "quoted-gt": "<a b='>x'" * 200_000,
    "unclosed-lt": "<a" * 1_000_000,
    "unclosed-end": "</" * 1_000_000,
    "cdata": "<![CDATA[>" * 200_000,
    "comments": "<!--" * 500_000,
    "tags": "<p>" * 300_000,
}


def read_page(page: str) -> float:
    """Return the median milliseconds `kexie draft` takes to read a web page's lines."""
    from kexie_plan.documents import html_lines

    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        html_lines(page)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def in_process(path: Path) -> float:
    """Return the median milliseconds of load_plan alone (imports already done)."""
    from kexie_plan.errors import PlanErrors
    from kexie_plan.planfile import load_plan

    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        with contextlib.suppress(PlanErrors):
            load_plan(path)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


if __name__ == "__main__":
    main()
