"""A plan with units, owners and windows, and its ledger, for the tests of `kexie
activities`, `measures`, `remind` and `status --group owner` (not the shipped plan).

What the ledger says happened, against the plan:
- pop-week (window 05-21..05-27) is held on 05-24: on time.
- salon-spring (April) is held on 05-10: late; it counts toward salons.
- sci-day (date 09-17) is never held.
- iot-expo (October; owned by cie, co-owned by academic-dept) is next month on 09-30.
- the measure party has two notes and is done on 07-01; a third note of 07-02 is
  reverted on 07-03.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import invoke

PLAN = """\
schema: 1
year: 2022
org: 某区科协
title: 某区科协2022年工作计划
units:
  - {id: office, name: 办公室}
  - {id: pop-dept, name: 科普部}
  - {id: academic-dept, name: 学会部}
  - {id: cie, name: 中国电子学会}
sections:
  - id: pop
    title: 科学普及
    measures:
      - id: pop-events
        title: 科普活动
        owner: pop-dept
        tasks: [办好科普宣传周和全国科普日。]
      - {id: pop-bases, title: 科普基地建设, owner: pop-dept, co_owners: [office]}
  - id: academic
    title: 学术交流
    measures:
      - {id: forums, title: 学术论坛, owner: academic-dept}
      - id: party
        title: 党建工作
        tasks: [开展党史学习教育。, 完成全年学习计划。]
targets:
  - {id: lectures, name: 科普讲座, unit: 场, goal: "12", measure: pop-events}
  - {id: salons, name: 学术沙龙, unit: 场, goal: 2+, measure: forums}
  - {id: bases, name: 科普基地, unit: 个, goal: "4", measure: pop-bases, due: 2022-06-30}
  - {id: plan-doc, name: 五年规划, kind: milestone, due: 2022-09-30, owner: office}
  - {id: reports, name: 调研报告, unit: 篇, goal: "3"}
activities:
  - id: pop-week
    name: 科普宣传周
    month: 5
    window: {from: 2022-05-21, to: 2022-05-27}
    measure: pop-events
  - {id: salon-spring, name: 春季沙龙, month: 4, target: salons, measure: forums}
  - {id: sci-day, name: "全国科普日,主场;A\\\\B", date: 2022-09-17, measure: pop-events}
  - {id: iot-expo, name: 物联网博览会相关活动, month: 10, owner: cie, co_owners: [academic-dept]}
  - {id: salon-autumn, name: 秋季沙龙, month: 11, target: salons, measure: forums}
"""

LEDGER = """\
- {id: L1, date: 2022-02-10, target: lectures, amount: 2, by: pop-dept}
- {id: B1, date: 2022-03-01, target: bases, amount: 1, by: office}
- {id: M1, date: 2022-03-05, measure: party, note: 党史学习教育动员}
- {id: B2, date: 2022-04-20, target: bases, amount: 1, by: office}
- {id: S1, date: 2022-05-10, activity: salon-spring, by: academic-dept, note: 春季沙龙（延期）}
- {id: W1, date: 2022-05-24, activity: pop-week, by: pop-dept, note: 科普宣传周启动}
- {id: M2, date: 2022-06-20, measure: pop-bases, by: pop-dept, note: 基地申报材料已报送}
- {id: M3, date: 2022-07-01, measure: party, by: office, note: 完成全年学习计划, done: true}
- {id: M4, date: 2022-07-02, measure: party, note: 录入错误}
- {id: R1, date: 2022-07-03, revert: M4, by: office}
"""


def make_plan_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Return a folder holding plans/2022.yaml and its ledger, made the current folder."""
    monkeypatch.chdir(tmp_path)
    for name in ("KEXIE_PLAN", "KEXIE_LANG", "FORCE_COLOR", "XDG_CACHE_HOME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "100")
    plans = tmp_path / "plans"
    plans.mkdir()
    (plans / "2022.yaml").write_text(PLAN, encoding="utf-8")
    (plans / "2022.progress.yaml").write_text(LEDGER, encoding="utf-8")
    return tmp_path


def run(monkeypatch: pytest.MonkeyPatch, capsysbinary, *args: str) -> tuple[int, bytes, str]:
    """Run kexie through its error boundary; return (exit code, stdout bytes, stderr)."""
    done = invoke(monkeypatch, capsysbinary, *args)
    return done.code, done.out_bytes, done.err
