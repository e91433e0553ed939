"""Dates as people type them (cli.parse.date_of), the one parser of every date option:
--date, --as-of, --since, --until.

Today is 2021-06-30 unless a test says otherwise; the plan's year is 2021.
"""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import SMALL_PLAN, write_plan

from kexie_plan.cli.parse import date_of
from kexie_plan.errors import PlanError, UsageProblem
from kexie_plan.plan import Period, Plan
from kexie_plan.render.text import error_line

TODAY = dt.date(2021, 6, 30)
PLAN_2021 = Plan(schema=1, year=2021, org="o", title="t")
# A plan whose period runs 18 months: 7/2 falls in it twice.
PLAN_18_MONTHS = Plan(
    schema=1,
    year=2021,
    org="o",
    title="t",
    period=Period(dt.date(2021, 7, 1), dt.date(2022, 12, 31)),
)
# A school-year plan: 3/1 falls in its second calendar year only.
PLAN_SCHOOL_YEAR = Plan(
    schema=1,
    year=2021,
    org="o",
    title="t",
    period=Period(dt.date(2021, 9, 1), dt.date(2022, 8, 31)),
)


@pytest.mark.parametrize(
    ("typed", "day"),
    [
        ("2021-07-02", "2021-07-02"),
        ("2021-7-2", "2021-07-02"),
        ("2021/7/2", "2021-07-02"),
        ("2021/07/02", "2021-07-02"),
        ("2021.7.2", "2021-07-02"),
        ("2021年7月2日", "2021-07-02"),
        ("2021年7月2号", "2021-07-02"),
        ("2021年7月2", "2021-07-02"),
        ("7-2", "2021-07-02"),
        ("7/2", "2021-07-02"),
        ("07/02", "2021-07-02"),
        ("7月2日", "2021-07-02"),
        ("7月2", "2021-07-02"),
        ("12/31", "2021-12-31"),
        ("２０２１／７／２", "2021-07-02"),  # a Chinese input method in full-width mode
        ("７月２日", "2021-07-02"),
        (" 2021-07-02 ", "2021-07-02"),
        ("今天", "2021-06-30"),
        ("today", "2021-06-30"),
        ("Today", "2021-06-30"),
        ("昨天", "2021-06-29"),
        ("yesterday", "2021-06-29"),
        ("前天", "2021-06-28"),
    ],
)
def test_the_forms_people_type(typed: str, day: str) -> None:
    assert date_of("--date", typed, TODAY, PLAN_2021) == dt.date.fromisoformat(day)


def test_relative_days_cross_months_and_years() -> None:
    new_year = dt.date(2022, 1, 1)
    assert date_of("--date", "昨天", new_year, PLAN_2021) == dt.date(2021, 12, 31)
    assert date_of("--date", "前天", dt.date(2021, 3, 1), PLAN_2021) == dt.date(2021, 2, 27)


def test_a_day_without_a_year_is_in_the_plans_period_or_year() -> None:
    # the plan's year, not today's: a report of 2021 written in 2022
    assert date_of("--as-of", "6/30", dt.date(2022, 1, 10), PLAN_2021) == dt.date(2021, 6, 30)
    # a period across two calendar years: the year in which the day falls in the period
    assert date_of("--date", "3/1", TODAY, PLAN_SCHOOL_YEAR) == dt.date(2022, 3, 1)
    assert date_of("--date", "10/1", TODAY, PLAN_SCHOOL_YEAR) == dt.date(2021, 10, 1)
    # without a plan: the current year
    assert date_of("--date", "7/2", dt.date(2023, 5, 1)) == dt.date(2023, 7, 2)


def message(typed: str, lang: str = "en", plan: Plan = PLAN_2021, option: str = "--date") -> str:
    with pytest.raises(UsageProblem) as refused:
        date_of(option, typed, TODAY, plan)
    return error_line(refused.value.error, lang)


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        # could be two different days, or a number: refused, never guessed
        (
            "7.2",
            "--date '7.2' reads as different days in different countries; write the year "
            "first (2021/7/2), or the month before the day (7/2, 7月2日)",
        ),
        (
            "2/7/2021",
            "--date '2/7/2021' reads as different days in different countries; write the year "
            "first (2021/7/2), or the month before the day (7/2, 7月2日)",
        ),
        (
            "30.6.2021",
            "--date '30.6.2021' reads as different days in different countries; write the "
            "year first (2021/7/2), or the month before the day (7/2, 7月2日)",
        ),
        (
            "02-07-21",
            "--date '02-07-21' reads as different days in different countries; write the year "
            "first (2021/7/2), or the month before the day (7/2, 7月2日)",
        ),
        # the day first: said how to write it
        ("13/7", "--date '13/7': the month comes before the day; write 7/13"),
        ("31-12", "--date '31-12': the month comes before the day; write 12-31"),
        ("13月7日", "--date '13月7日': the month comes before the day; write 7月13日"),
        # no such day
        ("2021-02-29", "--date '2021-02-29' is not a day of the calendar"),
        ("2021-13-01", "--date '2021-13-01' is not a day of the calendar"),
        ("2021/4/31", "--date '2021/4/31' is not a day of the calendar"),
        ("2/29", "--date '2/29' is not a day of 2021"),
        ("7/32", "--date '7/32' is not a day of 2021"),
        ("0/5", "--date '0/5' is not a day of 2021"),
        # outside the years kexie knows
        ("1899-12-31", "--date '1899-12-31' is outside the years 1900 to 2999"),
        ("3000/1/1", "--date '3000/1/1' is outside the years 1900 to 2999"),
        # not a date at all
        (
            "20210702",
            "--date '20210702' is not a date (2021-07-02, 2021/7/2, 7/2, 7月2日, today, 昨天 …)",
        ),
        ("7月", "--date '7月' is not a date (2021-07-02, 2021/7/2, 7/2, 7月2日, today, 昨天 …)"),
        (
            "2021/7-2",
            "--date '2021/7-2' is not a date (2021-07-02, 2021/7/2, 7/2, 7月2日, today, 昨天 …)",
        ),
        ("明天", "--date '明天' is not a date (2021-07-02, 2021/7/2, 7/2, 7月2日, today, 昨天 …)"),
        (
            "٢٠٢١-٠٧-٠٢",
            "--date '٢٠٢١-٠٧-٠٢' is not a date (2021-07-02, 2021/7/2, 7/2, 7月2日, today, 昨天 …)",
        ),
    ],
)
def test_what_is_refused_and_why(typed: str, said: str) -> None:
    assert message(typed) == f"kexie: error: {said}"


def test_a_day_that_falls_twice_in_the_period_needs_its_year() -> None:
    assert message("7/2", plan=PLAN_18_MONTHS) == (
        "kexie: error: --date '7/2' falls twice in the plan's period (2021-07-02 and "
        "2022-07-02); give the year"
    )
    assert date_of("--date", "2022/7/2", TODAY, PLAN_18_MONTHS) == dt.date(2022, 7, 2)
    assert date_of("--date", "3/1", TODAY, PLAN_18_MONTHS) == dt.date(2022, 3, 1)


def test_refusals_in_chinese() -> None:
    assert message("7.2", "zh", option="--as-of") == (
        "kexie: error: --as-of 的值 '7.2' 在不同地区会被理解为不同的日期；请把年份写在前面"
        "（2021/7/2），或按先月后日的顺序写（7/2、7月2日）"
    )
    assert (
        message("13/7", "zh") == "kexie: error: --date 的值 '13/7'：月份应写在日之前；请写作 7/13"
    )
    assert message("2/29", "zh") == "kexie: error: --date 的值 '2/29' 不是 2021 年中存在的日期"
    assert message("abc", "zh") == (
        "kexie: error: --date 的值 'abc' 不是日期"
        "（可写 2021-07-02、2021/7/2、7/2、7月2日、今天、昨天 …）"
    )


def test_every_refusal_is_a_usage_problem_never_a_crash() -> None:
    for typed in ("", " ", "-", "/", "年月日", "9" * 5000, "2021-07-02T10:00", "\x1b[31m", "1/"):
        with pytest.raises(UsageProblem) as refused:
            date_of("--date", typed, TODAY, PLAN_2021)
        assert isinstance(refused.value.error, PlanError)


# --- every date option takes them -------------------------------------------------------


@pytest.fixture
def ledger(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    plan = write_plan(
        tmp_path,
        SMALL_PLAN,
        "- {id: A1, date: 2021-03-12, target: haizhi-salons, amount: 2}\n"
        "- {id: B1, date: 2021-06-29, target: haizhi-salons}\n",
    )
    return plan.with_name("2021.progress.yaml")


def test_record_takes_yesterday_and_a_chinese_date(ledger, kexie) -> None:
    args = ("record", "海智沙龙", "--date", "昨天", "--note", "第二期", "--yes")
    done = kexie(*args, today="2021-06-30", lang="en")
    assert (done.code, done.err) == (0, "")
    assert ", date: 2021-06-29, target: haizhi-salons, amount: 1, note: 第二期}" in done.out
    done = kexie("record", "论坛", "--date", "3月5日", "--yes", today="2021-06-30", lang="en")
    assert (done.code, done.err) == (0, "")
    assert (
        ledger.read_text("utf-8")
        .splitlines()[-1]
        .endswith(", date: 2021-03-05, target: intl-forums, amount: 1}")
    )


def test_revert_takes_today_in_words(ledger, kexie) -> None:
    done = kexie("revert", "A1", "--date", "今天", "--dry-run", today="2021-06-30", lang="en")
    assert (done.code, done.err) == (0, "")
    assert ", date: 2021-06-30, revert: A1}" in done.out


def test_as_of_since_and_until_take_them(ledger, kexie) -> None:
    done = kexie("status", "--as-of", "2021/3/31", "--format", "json", today="2021-06-30")
    assert '"as_of": "2021-03-31"' in done.out
    done = kexie(
        "log", "--since", "6月1日", "--until", "昨天", "--format", "csv", today="2021-06-30"
    )
    assert (done.code, done.err) == (0, "")
    assert [row.split(",")[0] for row in done.out.removeprefix("\ufeff").splitlines()] == [
        "id",
        "B1",
    ]
    done = kexie(
        "log", "--since", "2021.3.12", "--until", "3/12", "--format", "csv", today="2021-06-30"
    )
    assert [row.split(",")[0] for row in done.out.removeprefix("\ufeff").splitlines()] == [
        "id",
        "A1",
    ]


def test_a_refused_date_leaves_the_ledger_unchanged(ledger, kexie) -> None:
    before = ledger.read_bytes()
    done = kexie("record", "海智沙龙", "--date", "13/6", "--yes", today="2021-06-30", lang="zh")
    assert (done.code, done.out) == (2, "")
    assert done.err == "kexie: error: --date 的值 '13/6'：月份应写在日之前；请写作 6/13\n"
    assert ledger.read_bytes() == before
