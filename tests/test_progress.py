"""progress: actual, expected, state and light by the status semantics of docs/format.md,
table-driven with exact numbers.

The plan is written inline; records are built directly; every case gives its own as_of.
Linear expectations in 2021 (365 days) count the days up to and including as_of:
2021-06-30 is day 181, 2021-09-30 day 273, 2021-07-02 day 183.
"""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kexie_plan.plan import Goal
from kexie_plan.planfile import load_plan_text
from kexie_plan.progress import (
    TARGET_STATES,
    activities_due,
    count_state,
    default_as_of,
    expected_by,
    latest_about,
    log_rows,
    percent_of,
    selected,
    status_report,
    target_history,
)
from kexie_plan.record import Record
from kexie_plan.states import TargetState
from kexie_plan.totals import totals_of

PLAN = load_plan_text(
    """\
schema: 1
year: 2021
org: 测试科协
title: 测试计划
period: {start: 2021-01-01, end: 2021-12-31}
units:
  - {id: office, name: 办公室}
  - {id: pop, name: 科普部}
sections:
  - id: first
    title: 第一部分
    measures:
      - {id: m-one, title: 措施一, owner: office}
  - id: second
    title: 第二部分
    measures:
      - {id: m-two, title: 措施二}
targets:
  - {id: range, name: 学术活动, unit: 场, goal: 3-5, measure: m-one}
  - {id: open, name: 示范学校, unit: 所, goal: 2+, measure: m-two, owner: pop}
  - {id: exact, name: 示范家庭, unit: 个, goal: "100"}
  - id: sched
    name: 科普基地
    unit: 个
    goal: 20+
    schedule: {2021-03-31: 5, 2021-06-30: 10, 2021-09-30: 25}
  - {id: salons, name: 海智沙龙, unit: 场, goal: 3+}
  - {id: early, name: 上半年任务, unit: 项, goal: "10", due: 2021-06-30}
  - {id: museum, name: 科技馆筹备, kind: milestone, measure: m-one}
  - {id: museum-early, name: 上半年方案, kind: milestone, due: 2021-06-30}
activities:
  - {id: act-mar, name: 三月沙龙, month: 3, target: salons, measure: m-one}
  - {id: act-jun, name: 六月沙龙, month: 6, target: salons}
  - {id: act-sep, name: 九月沙龙, date: 2021-09-15, target: salons, measure: m-two}
  - {id: act-nov, name: 十一月沙龙, month: 11, target: salons}
  - {id: act-free, name: 科普日, month: 9}
"""
)

_ids = itertools.count(1)


def rec(ref: str, day: str, amount: int | None = None, **kw: object) -> Record:
    """Return a record about `ref` (a target unless kw says otherwise) on `day`."""
    key = kw.pop("key", "target")
    ident = kw.pop("id", f"r{next(_ids)}")
    return Record(id=ident, date=dt.date.fromisoformat(day), amount=amount, **{key: ref}, **kw)


def revert(ident: str, day: str) -> Record:
    return Record(id=f"x{next(_ids)}", date=dt.date.fromisoformat(day), revert=ident)


def standing(records: list[Record], day: str, target: str) -> tuple:
    report = status_report(PLAN, totals_of(records), dt.date.fromisoformat(day))
    t = next(t for t in report.targets if t.id == target)
    return t.actual, t.expected, t.state, t.light


CASES = [
    # --- a range, 3-5, linear to the period end -------------------------------------
    ("range: nothing yet on the first day", "range", [], "2021-01-01", (0, 0, "pending", "grey")),
    ("range: as_of before the period", "range", [], "2020-12-01", (0, 0, "pending", "grey")),
    (
        "range: one of one expected",
        "range",
        [rec("range", "2021-05-01")],
        "2021-06-30",
        (1, 1, "on_track", "green"),
    ),
    ("range: none of one expected is red", "range", [], "2021-06-30", (0, 1, "behind", "red")),
    (
        "range: one of two expected is yellow",
        "range",
        [rec("range", "2021-05-01")],
        "2021-09-30",
        (1, 2, "behind", "yellow"),
    ),
    (
        "range: lower bound met",
        "range",
        [rec("range", "2021-02-01", 3)],
        "2021-06-30",
        (3, 1, "met", "green"),
    ),
    (
        "range: top reached is still met",
        "range",
        [rec("range", "2021-02-01", 5)],
        "2021-06-30",
        (5, 1, "met", "green"),
    ),
    (
        "range: above the top is exceeded",
        "range",
        [rec("range", "2021-02-01", 6)],
        "2021-06-30",
        (6, 1, "exceeded", "green"),
    ),
    (
        "range: after the period, short of the goal",
        "range",
        [rec("range", "2021-02-01", 2)],
        "2022-01-15",
        (2, 3, "overdue", "red"),
    ),
    (
        "range: after the period, met",
        "range",
        [rec("range", "2021-02-01", 3)],
        "2022-01-15",
        (3, 3, "met", "green"),
    ),
    (
        "range: last day of the period, short, is overdue (the year's verdict)",
        "range",
        [rec("range", "2021-02-01", 2)],
        "2021-12-31",
        (2, 3, "overdue", "red"),
    ),
    (
        "range: the day before the period's end, short, is on track (2 of 2 expected)",
        "range",
        [rec("range", "2021-02-01", 2)],
        "2021-12-30",
        (2, 2, "on_track", "green"),
    ),
    # --- an open goal, 2+ -----------------------------------------------------------
    ("open: nothing expected by mid-year", "open", [], "2021-06-30", (0, 0, "pending", "grey")),
    ("open: one expected from day 183", "open", [], "2021-07-02", (0, 1, "behind", "red")),
    (
        "open: done early is on track then met",
        "open",
        [rec("open", "2021-03-01")],
        "2021-06-30",
        (1, 0, "on_track", "green"),
    ),
    (
        "open: far above is met, never exceeded",
        "open",
        [rec("open", "2021-03-01", 50)],
        "2021-06-30",
        (50, 0, "met", "green"),
    ),
    # --- an exact goal, 100 ---------------------------------------------------------
    (
        "exact: 49 expected at mid-year, 25 is yellow",
        "exact",
        [rec("exact", "2021-06-01", 25)],
        "2021-06-30",
        (25, 49, "behind", "yellow"),
    ),
    (
        "exact: 24 of 49 is red",
        "exact",
        [rec("exact", "2021-06-01", 24)],
        "2021-06-30",
        (24, 49, "behind", "red"),
    ),
    (
        "exact: 49 of 49 on track",
        "exact",
        [rec("exact", "2021-06-01", 49)],
        "2021-06-30",
        (49, 49, "on_track", "green"),
    ),
    (
        "exact: 100 is met",
        "exact",
        [rec("exact", "2021-06-01", 100)],
        "2021-06-30",
        (100, 49, "met", "green"),
    ),
    (
        "exact: 101 is exceeded",
        "exact",
        [rec("exact", "2021-06-01", 101)],
        "2021-06-30",
        (101, 49, "exceeded", "green"),
    ),
    (
        "exact: amount missing counts 1",
        "exact",
        [rec("exact", "2021-01-02")],
        "2021-01-04",
        (1, 1, "on_track", "green"),
    ),
    # --- a schedule -----------------------------------------------------------------
    (
        "schedule: 0 before the first checkpoint",
        "sched",
        [],
        "2021-03-30",
        (0, 0, "pending", "grey"),
    ),
    ("schedule: first checkpoint on its day", "sched", [], "2021-03-31", (0, 5, "behind", "red")),
    (
        "schedule: latest checkpoint before the date",
        "sched",
        [rec("sched", "2021-04-01", 3)],
        "2021-06-29",
        (3, 5, "behind", "yellow"),
    ),
    (
        "schedule: second checkpoint",
        "sched",
        [rec("sched", "2021-04-01", 10)],
        "2021-06-30",
        (10, 10, "on_track", "green"),
    ),
    (
        "schedule: a checkpoint above the lower bound is capped",
        "sched",
        [rec("sched", "2021-04-01", 19)],
        "2021-10-01",
        (19, 20, "behind", "yellow"),
    ),
    # --- activities naming the target -----------------------------------------------
    ("activities: none ended yet", "salons", [], "2021-03-30", (0, 0, "pending", "grey")),
    (
        "activities: March has ended on its last day",
        "salons",
        [],
        "2021-03-31",
        (0, 1, "behind", "red"),
    ),
    (
        "activities: an activity record counts 1",
        "salons",
        [rec("act-mar", "2021-03-10", key="activity")],
        "2021-06-30",
        (1, 2, "behind", "yellow"),
    ),
    (
        "activities: a planned date",
        "salons",
        [rec("salons", "2021-03-10", 2)],
        "2021-09-15",
        (2, 3, "behind", "yellow"),
    ),
    (
        "activities: the day before a planned date",
        "salons",
        [rec("salons", "2021-03-10", 2)],
        "2021-09-14",
        (2, 2, "on_track", "green"),
    ),
    (
        "activities: four ended, capped at the goal's 3",
        "salons",
        [rec("salons", "2021-03-10", 2)],
        "2021-11-30",
        (2, 3, "behind", "yellow"),
    ),
    (
        "activities: held twice after a merge counts once",
        "salons",
        [
            rec("act-jun", "2021-06-05", key="activity"),
            rec("act-jun", "2021-06-09", key="activity"),
        ],
        "2021-06-30",
        (1, 2, "behind", "yellow"),
    ),
    (
        "activities: records of both kinds add up",
        "salons",
        [rec("act-jun", "2021-06-05", key="activity"), rec("salons", "2021-07-01", 2)],
        "2021-11-30",
        (3, 3, "met", "green"),
    ),
    # --- a due date before the period's end ------------------------------------------
    (
        "due: linear to due (day 90 of 181)",
        "early",
        [rec("early", "2021-02-01", 4)],
        "2021-03-31",
        (4, 4, "on_track", "green"),
    ),
    (
        "due: the day before due, short",
        "early",
        [rec("early", "2021-02-01", 9)],
        "2021-06-29",
        (9, 9, "on_track", "green"),
    ),
    (
        "due: on the due day all is expected, and short is overdue",
        "early",
        [rec("early", "2021-02-01", 9)],
        "2021-06-30",
        (9, 10, "overdue", "red"),
    ),
    (
        "due: the day after due, short, is overdue",
        "early",
        [rec("early", "2021-02-01", 9)],
        "2021-07-01",
        (9, 10, "overdue", "red"),
    ),
    (
        "due: the day after due, met",
        "early",
        [rec("early", "2021-02-01", 10)],
        "2021-07-01",
        (10, 10, "met", "green"),
    ),
    (
        "due: exceeded wins over overdue",
        "early",
        [rec("early", "2021-02-01", 11)],
        "2021-07-01",
        (11, 10, "exceeded", "green"),
    ),
    # --- reverts and dates after as_of -----------------------------------------------
    (
        "revert: retroactive, so cancelled before the reversal's date too",
        "exact",
        [rec("exact", "2021-03-01", 60, id="a1"), revert("a1", "2021-04-01")],
        "2021-03-31",
        (0, 24, "behind", "red"),
    ),
    (
        "revert: a reversal made after the period still cancels",
        "exact",
        [rec("exact", "2021-03-01", 60, id="a6"), revert("a6", "2022-01-10")],
        "2021-12-31",
        (0, 100, "overdue", "red"),
    ),
    (
        "revert: reverted twice after a merge is cancelled once",
        "exact",
        [
            rec("exact", "2021-03-01", 60, id="a7"),
            rec("exact", "2021-03-02", 5),
            revert("a7", "2021-04-01"),
            revert("a7", "2021-04-02"),
        ],
        "2021-06-30",
        (5, 49, "behind", "red"),
    ),
    (
        "revert: cancelled from the reversal's date",
        "exact",
        [rec("exact", "2021-03-01", 60, id="a2"), revert("a2", "2021-04-01")],
        "2021-04-01",
        (0, 24, "behind", "red"),
    ),
    (
        "revert: only the reverted record goes",
        "exact",
        [
            rec("exact", "2021-03-01", 60, id="a3"),
            rec("exact", "2021-03-02", 30),
            revert("a3", "2021-03-05"),
        ],
        "2021-06-30",
        (30, 49, "behind", "yellow"),
    ),
    (
        "revert: an activity record reverted no longer counts",
        "salons",
        [rec("act-mar", "2021-03-10", key="activity", id="a4"), revert("a4", "2021-03-12")],
        "2021-03-31",
        (0, 1, "behind", "red"),
    ),
    (
        "after as_of: a later record is ignored",
        "exact",
        [rec("exact", "2021-06-30", 10), rec("exact", "2021-07-01", 90)],
        "2021-06-30",
        (10, 49, "behind", "red"),
    ),
    # --- milestones --------------------------------------------------------------------
    ("milestone: open", "museum", [], "2021-06-30", (0, None, "open", "grey")),
    (
        "milestone: done on its date",
        "museum",
        [rec("museum", "2021-11-20", done=True)],
        "2021-11-20",
        (1, None, "done", "green"),
    ),
    (
        "milestone: not yet done the day before",
        "museum",
        [rec("museum", "2021-11-20", done=True)],
        "2021-11-19",
        (0, None, "open", "grey"),
    ),
    (
        "milestone: a record without done is a note",
        "museum",
        [rec("museum", "2021-05-01")],
        "2021-06-30",
        (0, None, "open", "grey"),
    ),
    (
        "milestone: reverted is open again",
        "museum",
        [rec("museum", "2021-05-01", done=True, id="a5"), revert("a5", "2021-05-02")],
        "2021-06-30",
        (0, None, "open", "grey"),
    ),
    (
        "milestone: after the period, not done",
        "museum",
        [],
        "2022-01-01",
        (0, None, "overdue", "red"),
    ),
    ("milestone: its own due date", "museum-early", [], "2021-07-01", (0, None, "overdue", "red")),
    (
        "milestone: on its due day, not done, is overdue",
        "museum-early",
        [],
        "2021-06-30",
        (0, None, "overdue", "red"),
    ),
    (
        "milestone: the day before its due day is open",
        "museum-early",
        [],
        "2021-06-29",
        (0, None, "open", "grey"),
    ),
    (
        "milestone: done twice after a merge, the earlier counts",
        "museum",
        [rec("museum", "2021-11-20", done=True), rec("museum", "2021-10-02", done=True)],
        "2021-12-31",
        (1, None, "done", "green"),
    ),
    (
        "milestone: done late is done",
        "museum-early",
        [rec("museum-early", "2021-08-01", done=True)],
        "2021-09-01",
        (1, None, "done", "green"),
    ),
]


@pytest.mark.parametrize(
    ("target", "records", "as_of", "expected"),
    [pytest.param(*case[1:], id=case[0]) for case in CASES],
)
def test_target_standing(target: str, records: list[Record], as_of: str, expected: tuple) -> None:
    assert standing(records, as_of, target) == expected


@pytest.mark.parametrize(
    ("goal", "actual", "expected", "day", "state"),
    [
        (Goal(3, 5), 6, 0, "2022-01-01", "exceeded"),
        (Goal(3, 5), 3, 3, "2022-01-01", "met"),
        (Goal(3, 5), 2, 3, "2022-01-01", "overdue"),
        (Goal(3, 5), 0, 0, "2021-01-01", "pending"),
        (Goal(3, 5), 1, 0, "2021-01-01", "on_track"),
        (Goal(3, 5), 1, 1, "2021-06-30", "on_track"),
        (Goal(3, 5), 0, 1, "2021-06-30", "behind"),
        (Goal(2, None), 1000, 2, "2021-06-30", "met"),
        (Goal(100, 100), 101, 49, "2021-06-30", "exceeded"),
    ],
)
def test_count_state_rules_in_order(
    goal: Goal, actual: int, expected: int, day: str, state: str
) -> None:
    due = dt.date(2021, 12, 31)
    assert count_state(goal, actual, expected, dt.date.fromisoformat(day), due) == state


@pytest.mark.parametrize(
    ("state", "actual", "expected", "light"),
    [
        ("exceeded", 6, 1, "green"),
        ("met", 3, 1, "green"),
        ("on_track", 1, 1, "green"),
        ("done", 1, None, "green"),
        ("behind", 1, 2, "yellow"),  # exactly half is not less than half
        ("behind", 2, 5, "red"),
        ("behind", 0, 1, "red"),
        ("overdue", 2, 3, "red"),
        ("overdue", 0, None, "red"),
        ("pending", 0, 0, "grey"),
        ("open", 0, None, "grey"),
    ],
)
def test_light_of(state: str, actual: int, expected: int | None, light: str) -> None:
    assert TargetState(state).light(actual, expected) == light


@pytest.mark.parametrize(
    ("target", "day", "value"),
    [
        ("exact", "2020-06-30", 0),
        ("exact", "2021-01-01", 0),
        ("exact", "2021-01-04", 1),
        ("exact", "2021-06-30", 49),
        ("exact", "2021-12-30", 99),
        ("exact", "2021-12-31", 100),
        ("exact", "2022-06-30", 100),
        ("range", "2021-04-30", 0),  # day 120: 3 * 120 // 365
        ("range", "2021-05-02", 1),  # day 122: 366 // 365
        ("early", "2021-03-31", 4),
        ("early", "2021-12-31", 10),
        ("sched", "2021-12-31", 20),
        ("salons", "2021-06-29", 1),
        ("salons", "2021-06-30", 2),
    ],
)
def test_expected_by(target: str, day: str, value: int) -> None:
    found = next(t for t in PLAN.targets if t.id == target)
    assert expected_by(PLAN, found, dt.date.fromisoformat(day)) == value


def test_activities_held_upcoming_overdue() -> None:
    records = [
        rec("act-jun", "2021-06-20", key="activity"),
        rec("act-jun", "2021-06-10", key="activity"),
        rec("act-sep", "2021-07-01", key="activity", id="b1"),
        revert("b1", "2021-07-02"),  # after as_of, but a reversal is retroactive
        rec("act-nov", "2021-07-02", key="activity"),  # after as_of
    ]
    report = status_report(PLAN, totals_of(records), dt.date(2021, 7, 1))
    got = {a.id: (a.state, a.held) for a in report.activities}
    assert got == {
        "act-mar": ("overdue", None),
        "act-jun": ("held", dt.date(2021, 6, 10)),
        "act-sep": ("upcoming", None),
        "act-nov": ("upcoming", None),
        "act-free": ("upcoming", None),
    }
    sep = next(a for a in report.activities if a.id == "act-sep")
    assert (sep.month, sep.starts, sep.ends) == (9, dt.date(2021, 9, 15), dt.date(2021, 9, 15))
    later = status_report(PLAN, totals_of(records), dt.date(2021, 9, 16))
    assert {a.id: a.state for a in later.activities}["act-sep"] == "overdue"


def test_activity_on_the_last_day_of_its_month_is_not_yet_overdue() -> None:
    on_day = status_report(PLAN, totals_of([]), dt.date(2021, 3, 31))
    after = status_report(PLAN, totals_of([]), dt.date(2021, 4, 1))
    assert on_day.activities[0].state == "upcoming"
    assert after.activities[0].state == "overdue"


def test_summary_counts_and_shares() -> None:
    records = [
        rec("range", "2021-02-01", 6),  # exceeded
        rec("open", "2021-02-01", 2),  # met
        rec("exact", "2021-02-01", 10),  # behind, red
        rec("museum", "2021-03-01", done=True),  # done
        rec("act-mar", "2021-03-05", key="activity"),
    ]
    report = status_report(PLAN, totals_of(records), dt.date(2021, 6, 30))
    s = report.summary
    assert dict(s.counts) == {
        "exceeded": 1,  # range
        "met": 1,  # open
        "done": 1,  # museum
        "on_track": 0,
        "behind": 3,  # exact 10 of 49, sched 0 of 10, salons 1 of 2
        "overdue": 2,  # early 0 of 10 and museum-early, both due today
        "pending": 0,
        "open": 0,
    }
    assert tuple(dict(s.counts)) == TARGET_STATES
    assert s.targets == 8
    assert s.goals_met == 3
    assert (s.days_elapsed, s.days_total, s.days_left) == (181, 365, 184)
    assert round(s.period_share, 4) == 0.4959
    assert s.goals_share == 3 / 8
    assert (s.activities, s.activities_held) == (5, 1)


def test_summary_before_and_after_the_period() -> None:
    before = status_report(PLAN, totals_of([]), dt.date(2020, 12, 31)).summary
    after = status_report(PLAN, totals_of([]), dt.date(2022, 1, 1)).summary
    assert (before.days_elapsed, before.days_left, before.period_share) == (0, 365, 0.0)
    assert before.count("pending") == 6 and before.count("open") == 2
    assert (after.days_elapsed, after.days_left, after.period_share) == (365, 0, 1.0)
    assert after.count("overdue") == 8


def test_selected_by_section_owner_and_state() -> None:
    report = status_report(PLAN, totals_of([rec("open", "2021-01-05", 2)]), dt.date(2021, 6, 30))
    first = selected(report, section="first")
    assert [t.id for t in first.targets] == ["range", "museum"]
    assert [a.id for a in first.activities] == ["act-mar"]
    assert first.summary.targets == 2
    assert [t.id for t in selected(report, owner="office").targets] == ["range", "museum"]
    assert [t.id for t in selected(report, owner="pop").targets] == ["open"]
    assert [t.id for t in selected(report, states=["met", "open"]).targets] == [
        "open",
        "museum",  # museum-early is due today: overdue
    ]


def test_activities_due_lists_overdue_then_the_next_30_days() -> None:
    report = status_report(PLAN, totals_of([]), dt.date(2021, 8, 20))
    assert [a.id for a in activities_due(report)] == ["act-mar", "act-jun", "act-sep", "act-free"]
    report = status_report(PLAN, totals_of([]), dt.date(2021, 8, 10))
    assert [a.id for a in activities_due(report)] == ["act-mar", "act-jun", "act-free"]


def test_latest_about_a_target_include_its_activities_and_reversals() -> None:
    records = [
        rec("salons", "2021-03-01", id="c1"),
        rec("act-mar", "2021-03-10", key="activity", id="c2"),
        rec("exact", "2021-03-11", id="c3"),
        revert("c1", "2021-03-12"),
        rec("salons", "2021-08-01", id="c4"),
    ]
    totals = totals_of(records)
    latest = latest_about(PLAN, totals, records, "target", "salons", dt.date(2021, 6, 30), 50)
    assert [(line.record.id, line.reverted_by, line.reverts) for line in latest.lines] == [
        ("c1", records[3].id, None),
        ("c2", None, None),
        (records[3].id, None, "c1"),
    ]
    assert (latest.count, latest.earlier) == (3, 0)
    # the latest two by date; the earliest is left out and counted
    latest = latest_about(PLAN, totals, records, "target", "salons", dt.date(2021, 6, 30), 2)
    assert [line.record.id for line in latest.lines] == ["c2", records[3].id]
    assert (latest.count, latest.earlier) == (3, 1)


@given(
    st.lists(
        st.tuples(st.sampled_from(["salons", "exact", "act-mar", "revert"]), st.integers(0, 60)),
        max_size=30,
    ),
    st.integers(0, 6),
)
def test_latest_about_and_log_rows_equal_a_plain_selection(picks, limit) -> None:
    """Streamed once, in any order, the selection equals the one made with every record
    at hand: the `limit` latest by date (then line), and log's in ledger order."""
    records: list[Record] = []
    for n, (what, days) in enumerate(picks):
        day = dt.date(2021, 1, 1) + dt.timedelta(days=days)
        if what == "revert":
            standing = [r for r in records if r.revert is None]
            if standing:
                named = standing[days % len(standing)]
                records.append(Record(f"r{n}", max(day, named.date), revert=named.id, line=n))
            continue
        key = "activity" if what == "act-mar" else "target"
        records.append(Record(f"p{n}", day, line=n, **{key: what}))
    totals = totals_of(records)
    as_of = dt.date(2021, 2, 1)
    by_id = {r.id: r for r in records if r.revert is None}

    def about(r: Record) -> bool:
        subject = by_id[r.revert] if r.revert is not None else r
        return subject.target == "salons" or subject.activity == "act-mar"

    first_reversal = {}
    for r in records:
        if r.revert is not None:
            first_reversal.setdefault(r.revert, r.id)
    expected = [
        r
        for r in records
        if about(r)
        and (
            (r.revert is None and r.date <= as_of)
            or (
                r.revert is not None
                and by_id[r.revert].date <= as_of
                and first_reversal[r.revert] == r.id
            )
        )
    ]
    expected.sort(key=lambda r: (r.date, r.line))
    latest = latest_about(PLAN, totals, iter(records), "target", "salons", as_of, limit)
    assert [line.record for line in latest.lines] == expected[max(len(expected) - limit, 0) :]
    assert latest.count == len(expected)
    since, until = dt.date(2021, 1, 10), dt.date(2021, 2, 20)
    rows = list(log_rows(PLAN, totals, iter(records), ("target", "salons"), None, since, until))
    assert [row.record for row in rows] == [
        r for r in records if about(r) and since <= r.date <= until
    ]
    assert [row.reverted_by for row in rows] == [first_reversal.get(r.id) for r in rows_of(rows)]


def rows_of(rows: list) -> list[Record]:
    return [row.record for row in rows]


def test_target_history_month_by_month() -> None:
    records = [
        rec("range", "2021-02-10", id="d1"),
        rec("range", "2021-05-03", 2, id="d2"),
        revert("d1", "2021-06-01"),
    ]
    points = target_history(PLAN, totals_of(records), "range", dt.date(2021, 6, 15))
    assert len(points) == 12
    # d1 is reverted (in June, retroactively): it never counts
    assert [p.actual for p in points] == [0, 0, 0, 0, 2, 2, *[None] * 6]
    assert [p.expected for p in points] == [0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 3]
    assert points[5].month == dt.date(2021, 6, 15)
    assert points[0].month == dt.date(2021, 1, 31)


COUNTED = [t.id for t in PLAN.targets if t.kind == "count"]


@st.composite
def ledgers(draw: st.DrawFn) -> list[Record]:
    """Draw a ledger of counted, activity and reversal records dated in or near 2021."""
    days = st.dates(dt.date(2020, 12, 1), dt.date(2022, 1, 31))
    records: list[Record] = []
    for n in range(draw(st.integers(0, 40))):
        kind = draw(st.sampled_from(["target", "target", "activity", "revert"]))
        day = draw(days)
        if kind == "target":
            amount = draw(st.none() | st.integers(1, 50))
            records.append(
                Record(f"p{n}", day, target=draw(st.sampled_from(COUNTED)), amount=amount)
            )
        elif kind == "activity":
            ident = draw(st.sampled_from([a.id for a in PLAN.activities]))
            records.append(Record(f"p{n}", day, activity=ident))
        elif records:
            records.append(Record(f"p{n}", day, revert=draw(st.sampled_from(records)).id))
    return records


@pytest.mark.slow  # a property suite of many examples: the full run has it
@given(ledgers(), st.dates(dt.date(2020, 12, 1), dt.date(2022, 1, 31)))
def test_actual_is_the_plain_sum_of_the_records(records: list[Record], as_of: dt.date) -> None:
    cancelled = {r.revert for r in records if r.revert}  # whatever the reversal's date
    counts_toward = {a.id: a.target for a in PLAN.activities}
    plain = dict.fromkeys(COUNTED, 0)
    held = set()
    for r in records:
        if r.date > as_of or r.revert or r.id in cancelled:
            continue
        if r.target:
            plain[r.target] += r.amount or 1
        elif counts_toward.get(r.activity or "") and r.activity not in held:
            held.add(r.activity)  # an activity counts once, however often it is recorded
            plain[counts_toward[r.activity]] += 1
    report = status_report(PLAN, totals_of(records), as_of)
    assert {t.id: t.actual for t in report.targets if t.kind == "count"} == plain
    for t in report.targets:
        assert t.expected is None or 0 <= t.expected <= t.goal.min
        assert t.state in TARGET_STATES


# --- issue 10: numbers a director can sign ----------------------------------------------

FEW = load_plan_text(
    """\
schema: 1
year: 2021
org: 测试科协
title: 测试计划
targets:
  - {id: few, name: 论坛, unit: 场, goal: 3+}
  - {id: guessed, name: 沙龙, unit: 场, goal: "2"}
  - {id: firm, name: 大会, unit: 场, goal: "2"}
  - {id: late, name: 年中任务, unit: 项, goal: 4-6, due: 2021-06-30}
  - {id: forum-done, name: 论坛举办, kind: milestone}
activities:
  - {id: few-a, name: 论坛甲, month: 6, target: few}
  - {id: guess-a, name: 沙龙甲, month: 2, tentative: true, target: guessed}
  - {id: guess-b, name: 沙龙乙, month: 3, tentative: true, target: guessed}
  - {id: firm-a, name: 大会甲, month: 4, target: firm}
  - {id: firm-b, name: 大会乙, date: 2021-08-15, target: firm}
  - {id: forum, name: 论坛, month: 10, tentative: true, target: forum-done}
"""
)


def few(target: str, day: str, records: list[Record] = ()) -> tuple:
    report = status_report(FEW, totals_of(list(records)), dt.date.fromisoformat(day))
    t = next(t for t in report.targets if t.id == target)
    return t.actual, t.expected, t.state, t.light


@pytest.mark.parametrize(
    ("target", "day", "records", "expected"),
    [
        # one linked activity for a goal of 3: too few to drive expected, so linear
        pytest.param("few", "2021-06-30", [], (0, 1, "behind", "red"), id="few: linear mid-year"),
        pytest.param("few", "2021-12-30", [], (0, 2, "behind", "red"), id="few: day before due"),
        pytest.param("few", "2021-12-31", [], (0, 3, "overdue", "red"), id="few: due day, L"),
        pytest.param("few", "2022-01-05", [], (0, 3, "overdue", "red"), id="few: after due"),
        pytest.param(
            "few",
            "2021-12-31",
            [rec("few-a", "2021-06-10", key="activity"), rec("few", "2021-09-01", 2)],
            (3, 3, "met", "green"),
            id="few: the activity counts 1 toward it",
        ),
        # tentative months never drive expected: linear, though two activities are linked
        pytest.param("guessed", "2021-04-01", [], (0, 0, "pending", "grey"), id="guessed: Apr"),
        pytest.param("guessed", "2021-07-02", [], (0, 1, "behind", "red"), id="guessed: day 183"),
        pytest.param("guessed", "2021-12-31", [], (0, 2, "overdue", "red"), id="guessed: due"),
        # firm activities as many as the goal: by their months
        pytest.param("firm", "2021-04-29", [], (0, 0, "pending", "grey"), id="firm: April"),
        pytest.param("firm", "2021-04-30", [], (0, 1, "behind", "red"), id="firm: April ends"),
        pytest.param("firm", "2021-08-15", [], (0, 2, "behind", "red"), id="firm: on its date"),
        pytest.param("firm", "2021-12-31", [], (0, 2, "overdue", "red"), id="firm: due"),
        # a due date in June: L on and after it
        pytest.param("late", "2021-06-29", [], (0, 3, "behind", "red"), id="late: before due"),
        pytest.param("late", "2021-06-30", [], (0, 4, "overdue", "red"), id="late: on due"),
        pytest.param(
            "late",
            "2021-07-01",
            [rec("late", "2021-06-01", 4)],
            (4, 4, "met", "green"),
            id="late: met after due",
        ),
        # holding an activity that names a milestone completes it
        pytest.param(
            "forum-done",
            "2021-12-31",
            [rec("forum", "2021-10-20", key="activity")],
            (1, None, "done", "green"),
            id="milestone: completed by its activity",
        ),
        pytest.param(
            "forum-done",
            "2021-10-19",
            [rec("forum", "2021-10-20", key="activity")],
            (0, None, "open", "grey"),
            id="milestone: not before the activity's day",
        ),
    ],
)
def test_expected_reaches_the_lower_bound_by_the_due_day(
    target: str, day: str, records: list[Record], expected: tuple
) -> None:
    assert few(target, day, records) == expected


def test_a_milestone_done_by_record_and_by_activity_counts_the_earlier() -> None:
    records = [
        rec("forum", "2021-10-20", key="activity"),
        rec("forum-done", "2021-10-05", done=True),
    ]
    report = status_report(FEW, totals_of(records), dt.date(2021, 12, 31))
    assert next(t for t in report.targets if t.id == "forum-done").done == dt.date(2021, 10, 5)


@pytest.mark.parametrize(
    ("day", "states"),
    [
        # a tentative activity is never overdue: past its month it is not_held (grey)
        ("2021-02-15", {"guess-a": ("upcoming", "this_month"), "firm-a": ("upcoming", "upcoming")}),
        ("2021-03-01", {"guess-a": ("not_held", "not_held"), "firm-a": ("upcoming", "upcoming")}),
        ("2021-05-01", {"guess-a": ("not_held", "not_held"), "firm-a": ("overdue", "overdue")}),
    ],
)
def test_tentative_activities_are_never_overdue(day: str, states: dict) -> None:
    report = status_report(FEW, totals_of([]), dt.date.fromisoformat(day))
    got = {a.id: (a.state, a.calendar_state) for a in report.activities if a.id in states}
    assert got == states


def test_a_tentative_activity_held_after_its_month_is_not_late() -> None:
    records = [
        rec("guess-a", "2021-05-01", key="activity"),
        rec("firm-a", "2021-05-01", key="activity"),
    ]
    report = status_report(FEW, totals_of(records), dt.date(2021, 6, 1))
    late = {a.id: a.late for a in report.activities if a.held}
    assert late == {"guess-a": False, "firm-a": True}


@pytest.mark.parametrize(
    ("actual", "low", "percent"),
    [
        (0, 3, 0),
        (1, 3, 33),
        (2, 3, 67),  # rounded half up, not down to 66
        (1, 8, 13),  # 12.5 rounds up
        (3, 3, 100),
        (4, 3, 133),
        (299, 300, 99),  # 99.67 would round to 100 before the goal is met
        (999, 1000, 99),
        (1, 1000, 1),  # 0.1 would round to 0 once something is done
        (1, 201, 1),  # 0.498 likewise
        (5, 1000, 1),  # 0.5 rounds up to 1 anyway
        (0, 1, 0),
    ],
)
def test_percent_rounds_half_up_but_never_claims_100_or_0(
    actual: int, low: int, percent: int
) -> None:
    assert percent_of(actual, low) == percent


@pytest.mark.parametrize(
    ("today", "as_of", "clamped"),
    [
        ("2021-06-30", "2021-06-30", None),
        ("2021-01-01", "2021-01-01", None),
        ("2021-12-31", "2021-12-31", None),
        ("2026-11-29", "2021-12-31", "ended"),
        ("2022-01-01", "2021-12-31", "ended"),
        ("2020-12-31", "2021-01-01", "not_started"),
    ],
)
def test_the_default_as_of_is_today_clamped_into_the_period(
    today: str, as_of: str, clamped: str | None
) -> None:
    day = dt.date.fromisoformat
    assert default_as_of(FEW, day(today)) == (day(as_of), clamped)


@st.composite
def plans_and_targets(draw: st.DrawFn):
    """Draw a plan with one counted target: any goal, due day, schedule and linked
    activities (firm or tentative, fewer or more than the goal)."""
    low = draw(st.integers(1, 12))
    goal = draw(st.sampled_from([f"{low}", f"{low}+", f"{low}-{low + 3}"]))
    due = draw(st.none() | st.dates(dt.date(2021, 1, 1), dt.date(2021, 12, 31)))
    lines = [f'  - id: t\n    name: 目标\n    unit: 个\n    goal: "{goal}"']
    if due is not None:
        lines.append(f"    due: {due.isoformat()}")
    last = due or dt.date(2021, 12, 31)
    if draw(st.booleans()):
        days = sorted(draw(st.sets(st.dates(dt.date(2021, 1, 1), last), min_size=1, max_size=4)))
        values = sorted(draw(st.lists(st.integers(0, low), min_size=len(days), max_size=len(days))))
        points = ", ".join(f"{d.isoformat()}: {v}" for d, v in zip(days, values, strict=True))
        lines.append(f"    schedule: {{{points}}}")
    activities = []
    for n in range(draw(st.integers(0, low + 2))):
        month = draw(st.integers(1, 12))
        tentative = draw(st.booleans())
        activities.append(
            f"  - {{id: a{n}, name: 活动{n}, month: {month}, tentative: {str(tentative).lower()},"
            " target: t}"
        )
    text = (
        "schema: 1\nyear: 2021\norg: 科协\ntitle: 计划\ntargets:\n"
        + "\n".join(lines)
        + "\n"
        + ("activities:\n" + "\n".join(activities) + "\n" if activities else "")
    )
    plan = load_plan_text(text)
    return plan, plan.targets[0]


@pytest.mark.slow  # a property suite of many examples: the full run has it
@given(plans_and_targets(), st.dates(dt.date(2020, 12, 1), dt.date(2022, 1, 31)))
def test_expected_is_the_lower_bound_from_the_due_day_and_never_above_it(
    plan_and_target, day: dt.date
) -> None:
    plan, target = plan_and_target
    due = target.due or plan.span.end
    low = target.goal.min
    value = expected_by(plan, target, day)
    if day >= due:
        assert value == low
    else:
        assert 0 <= value <= low
    assert expected_by(plan, target, due) == low
