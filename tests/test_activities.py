"""`kexie activities`: states at several dates follow the records exactly; the filters;
JSON, CSV, Markdown; an iCalendar file that a real parser reads, with stable UIDs; the
table in both languages against golden files (tests/golden/activities_<lang>_100.txt;
KEXIE_UPDATE_GOLDEN=1 rewrites them — read the diff before committing).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import os
from pathlib import Path

import pytest
from plan_with_units import LEDGER, PLAN, make_plan_dir, run

from kexie_plan.ledger import read_ledger
from kexie_plan.planfile import load_plan_text
from kexie_plan.progress import activities_selected, status_report
from kexie_plan.render.calendar import first_working_day, folded, ics_text
from kexie_plan.totals import totals_of

GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE = os.environ.get("KEXIE_UPDATE_GOLDEN") == "1"


@pytest.fixture
def plan_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return make_plan_dir(tmp_path, monkeypatch)


@pytest.fixture(scope="module")
def plan():
    return load_plan_text(PLAN)


@pytest.fixture(scope="module")
def ledger(tmp_path_factory):
    path = tmp_path_factory.mktemp("ledger") / "2022.progress.yaml"
    path.write_text(LEDGER, encoding="utf-8")
    return read_ledger(path, "ledger").records


# (as_of, {activity: (calendar state, held, late)}) worked out by hand from the ledger
STATES = [
    (
        "2022-04-15",
        {
            "salon-spring": ("this_month", None, False),
            "pop-week": ("upcoming", None, False),
            "sci-day": ("upcoming", None, False),
            "iot-expo": ("upcoming", None, False),
            "salon-autumn": ("upcoming", None, False),
        },
    ),
    (
        "2022-05-05",  # April is over and the spring salon was not held; the window is in May
        {
            "salon-spring": ("overdue", None, False),
            "pop-week": ("this_month", None, False),
            "sci-day": ("upcoming", None, False),
            "iot-expo": ("upcoming", None, False),
            "salon-autumn": ("upcoming", None, False),
        },
    ),
    (
        "2022-05-25",  # held late on 05-10; held on 05-24, inside its window
        {
            "salon-spring": ("held", "2022-05-10", True),
            "pop-week": ("held", "2022-05-24", False),
            "sci-day": ("upcoming", None, False),
            "iot-expo": ("upcoming", None, False),
            "salon-autumn": ("upcoming", None, False),
        },
    ),
    (
        "2022-09-17",  # the day itself: still this month
        {
            "salon-spring": ("held", "2022-05-10", True),
            "pop-week": ("held", "2022-05-24", False),
            "sci-day": ("this_month", None, False),
            "iot-expo": ("upcoming", None, False),
            "salon-autumn": ("upcoming", None, False),
        },
    ),
    (
        "2022-09-30",  # never held; next month's expo is upcoming, not this month
        {
            "salon-spring": ("held", "2022-05-10", True),
            "pop-week": ("held", "2022-05-24", False),
            "sci-day": ("overdue", None, False),
            "iot-expo": ("upcoming", None, False),
            "salon-autumn": ("upcoming", None, False),
        },
    ),
    (
        "2022-10-01",
        {
            "salon-spring": ("held", "2022-05-10", True),
            "pop-week": ("held", "2022-05-24", False),
            "sci-day": ("overdue", None, False),
            "iot-expo": ("this_month", None, False),
            "salon-autumn": ("upcoming", None, False),
        },
    ),
]


@pytest.mark.parametrize(("as_of", "expected"), STATES, ids=[s[0] for s in STATES])
def test_states_follow_the_records(plan, ledger, as_of: str, expected: dict) -> None:
    report = status_report(plan, totals_of(ledger), dt.date.fromisoformat(as_of))
    got = {
        a.id: (a.calendar_state, a.held.isoformat() if a.held else None, a.late)
        for a in report.activities
    }
    assert got == expected
    # `kexie status` keeps its three words: this_month is upcoming there
    assert {a.id: a.state for a in report.activities} == {
        ident: "upcoming" if state == "this_month" else state
        for ident, (state, _, _) in expected.items()
    }


@pytest.mark.parametrize(
    ("filters", "ids"),
    [
        ({}, ["salon-spring", "pop-week", "sci-day", "iot-expo", "salon-autumn"]),
        ({"month": 5}, ["pop-week"]),
        ({"month": 9}, ["sci-day"]),
        ({"overdue": True}, ["sci-day"]),
        ({"upcoming": 0}, []),
        ({"upcoming": 1}, ["iot-expo"]),  # starts 10-01, one day after as_of
        ({"upcoming": 31, "overdue": True}, ["sci-day", "iot-expo"]),
        ({"unit": "cie"}, ["iot-expo"]),
        ({"unit": "academic-dept"}, ["salon-spring", "iot-expo", "salon-autumn"]),  # co-owner
        ({"unit": "office"}, []),
    ],
)
def test_filters(plan, ledger, filters: dict, ids: list[str]) -> None:
    report = status_report(plan, totals_of(ledger), dt.date(2022, 9, 30))
    assert [a.id for a in activities_selected(plan, report, **filters)] == ids


def test_json(plan_dir, monkeypatch, capsysbinary) -> None:
    code, out, err = run(
        monkeypatch, capsysbinary, "activities", "--format", "json", "--as-of", "2022-05-25"
    )
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert data["plan"] == {
        "year": 2022,
        "title": "某区科协2022年工作计划",
        "path": "plans/2022.yaml",
    }
    assert data["summary"] == {
        "activities": 5,
        "held": 2,
        "this_month": 0,
        "upcoming": 3,
        "overdue": 0,
        "not_held": 0,
    }
    spring, week = data["activities"][:2]
    assert spring == {
        "id": "salon-spring",
        "name": "春季沙龙",
        "month": 4,
        "date": None,
        "window": None,
        "starts": "2022-04-01",
        "ends": "2022-04-30",
        "state": "held",
        "held": "2022-05-10",
        "late": True,
        "tentative": False,
        "target": "salons",
        "target_name": "学术沙龙",
        "measure": "forums",
        "owner": "academic-dept",
        "owner_name": "学会部",
        "co_owners": [],
    }
    assert (week["window"], week["starts"], week["late"]) == (
        {"from": "2022-05-21", "to": "2022-05-27"},
        "2022-05-21",
        False,
    )


def test_csv_defuses_formulas_and_keeps_ids(plan_dir, monkeypatch, capsysbinary) -> None:
    _, out, _ = run(
        monkeypatch, capsysbinary, "activities", "--format", "csv", "--as-of", "2022-09-30"
    )
    assert out.startswith(b"\xef\xbb\xbf")  # a BOM, so that Excel reads Chinese right
    rows = list(csv.DictReader(io.StringIO(out.decode("utf-8-sig"))))
    assert [(r["month"], r["id"], r["state"], r["owner"]) for r in rows] == [
        ("2022-04", "salon-spring", "held", "academic-dept"),
        ("2022-05", "pop-week", "held", "pop-dept"),
        ("2022-09", "sci-day", "overdue", "pop-dept"),
        ("2022-10", "iot-expo", "upcoming", "cie"),
        ("2022-11", "salon-autumn", "upcoming", "academic-dept"),
    ]
    assert rows[3]["co_owners"] == "academic-dept"


def test_usage_errors(plan_dir, monkeypatch, capsysbinary) -> None:
    for args, message in [
        (["--month", "13"], "error: --month '13' is not a month from 1 to 12"),
        (["--upcoming", "-3"], "error: --upcoming '-3' is not a whole number of days"),
        (["--by", "nobody"], "error: no unit has id 'nobody'"),
        (["--format", "pdf"], "error: --format 'pdf' is not one of table, json, csv"),
    ]:
        code, out, err = run(monkeypatch, capsysbinary, "activities", *args)
        assert (code, out) == (2, b"")
        assert message in err


def test_by_takes_a_units_name(plan_dir, monkeypatch, capsysbinary) -> None:
    code, out, _ = run(
        monkeypatch, capsysbinary, "activities", "--by", "中国电子学会", "--format", "json"
    )
    assert code == 0
    assert [a["id"] for a in json.loads(out)["activities"]] == ["iot-expo"]


# --- iCalendar --------------------------------------------------------------------------


def ics(monkeypatch, capsysbinary, as_of: str, *more: str) -> bytes:
    code, out, err = run(
        monkeypatch, capsysbinary, "activities", "--format", "ics", "--as-of", as_of, *more
    )
    assert (code, err) == (0, "")
    return out


ORG = hashlib.sha256("某区科协".encode()).hexdigest()[:10]


def uid(activity: str) -> str:
    return f"2022-{activity}-{ORG}@kexie"


def events_of(data: bytes) -> dict:
    icalendar = pytest.importorskip("icalendar")
    return {str(e["UID"]): e for e in icalendar.Calendar.from_ical(data).walk("VEVENT")}


def test_ics_is_rfc_5545_and_a_real_parser_reads_it(plan_dir, monkeypatch, capsysbinary) -> None:
    icalendar = pytest.importorskip("icalendar")
    data = ics(monkeypatch, capsysbinary, "2022-05-25", "--lang", "zh")
    assert data.endswith(b"\r\n")
    lines = data.split(b"\r\n")[:-1]
    assert all(b"\n" not in line and b"\r" not in line for line in lines)  # CRLF only
    assert all(len(line) <= 75 for line in lines)  # folded at 75 octets
    assert any(line.startswith(b" ") for line in lines)  # and some lines needed it
    for line in lines:
        line.decode("utf-8")  # no character split by a fold

    calendar = icalendar.Calendar.from_ical(data)
    assert (str(calendar["VERSION"]), str(calendar["PRODID"])) == (
        "2.0",
        "-//kexie//kexie activities//EN",
    )
    events = events_of(data)
    assert list(events) == [
        uid("salon-spring"),
        uid("pop-week"),
        uid("sci-day"),
        uid("iot-expo"),
        uid("salon-autumn"),
    ]
    shown = {
        e["UID"].split("-" + ORG)[0][5:]: (
            e["DTSTART"].dt,
            e["DTEND"].dt,
            e["DTSTART"].params.get("VALUE"),
            str(e["SUMMARY"]),
            str(e.get("STATUS")),
        )
        for e in events.values()
    }
    d = dt.date
    assert shown == {
        # held: on the day it was held (April's salon, late, on 05-10)
        "salon-spring": (d(2022, 5, 10), d(2022, 5, 11), "DATE", "春季沙龙", "CONFIRMED"),
        "pop-week": (d(2022, 5, 24), d(2022, 5, 25), "DATE", "科普宣传周", "CONFIRMED"),
        # planned for a day
        "sci-day": (d(2022, 9, 17), d(2022, 9, 18), "DATE", "全国科普日,主场;A\\B", "None"),
        # a month only: one day, the month's first working day (1 October is a Saturday)
        "iot-expo": (d(2022, 10, 3), d(2022, 10, 4), "DATE", "10月：物联网博览会相关活动", "None"),
        "salon-autumn": (d(2022, 11, 1), d(2022, 11, 2), "DATE", "11月：秋季沙龙", "None"),
    }
    sci_day = events[uid("sci-day")]
    assert (
        b"SUMMARY:\xe5\x85\xa8\xe5\x9b\xbd\xe7\xa7\x91\xe6\x99\xae\xe6\x97\xa5\\,\xe4\xb8\xbb"
        in data
    )
    assert sci_day["DTSTAMP"].dt == dt.datetime(2022, 5, 25, tzinfo=dt.UTC)
    assert str(sci_day["TRANSP"]) == "TRANSPARENT"
    assert str(events[uid("salon-spring")]["DESCRIPTION"]).splitlines() == [
        "状态：已举办 2022-05-10 延期",
        "计划时间：4月",
        "计入目标：学术沙龙",
        "负责单位：学会部",
        "工作措施：学术论坛",
        "截至 2022-05-25 · kexie show salon-spring",
    ]
    assert str(events[uid("iot-expo")]["DESCRIPTION"]).splitlines()[:2] == [
        "状态：待举办",
        "计划时间：10月内，具体日期待定",
    ]


def test_an_estimated_month_says_so(plan_dir, monkeypatch, capsysbinary) -> None:
    plan = plan_dir / "plans" / "2022.yaml"
    plan.write_text(PLAN.replace("month: 10,", "month: 10, tentative: true,"), encoding="utf-8")
    for lang, title in (
        ("zh", "约10月：物联网博览会相关活动"),
        ("en", "about 2022-10: 物联网博览会相关活动"),
    ):
        event = events_of(ics(monkeypatch, capsysbinary, "2022-05-25", "--lang", lang))[
            uid("iot-expo")
        ]
        assert (str(event["SUMMARY"]), str(event["STATUS"])) == (title, "TENTATIVE")


def test_a_change_in_the_ledger_bumps_sequence_and_last_modified(
    plan_dir, monkeypatch, capsysbinary
) -> None:
    def stamps(data: bytes) -> dict[str, tuple]:
        return {
            e["UID"].split("-" + ORG)[0][5:]: (
                int(e["SEQUENCE"]),
                e["LAST-MODIFIED"].dt,
                e["DTSTART"].dt,
            )
            for e in events_of(data).values()
        }

    first = ics(monkeypatch, capsysbinary, "2022-06-30")
    assert first == ics(monkeypatch, capsysbinary, "2022-06-30")  # the same state, same bytes
    at = dt.datetime
    d = dt.date
    assert stamps(first) == {
        "salon-spring": (1, at(2022, 5, 10, tzinfo=dt.UTC), d(2022, 5, 10)),
        "pop-week": (1, at(2022, 5, 24, tzinfo=dt.UTC), d(2022, 5, 24)),
        # never recorded: the plan as it is (from its first day; no `published`)
        "sci-day": (0, at(2022, 1, 1, tzinfo=dt.UTC), d(2022, 9, 17)),
        "iot-expo": (0, at(2022, 1, 1, tzinfo=dt.UTC), d(2022, 10, 3)),
        "salon-autumn": (0, at(2022, 1, 1, tzinfo=dt.UTC), d(2022, 11, 1)),
    }
    ledger = plan_dir / "plans" / "2022.progress.yaml"
    with ledger.open("a", encoding="utf-8") as out:
        out.write("- {id: X1, date: 2022-06-01, revert: S1, note: 不是这次}\n")
    reverted = stamps(ics(monkeypatch, capsysbinary, "2022-06-30"))
    # back on its month (April 1st is a Friday), and a calendar takes it as the newer event
    assert reverted["salon-spring"] == (2, at(2022, 6, 1, tzinfo=dt.UTC), d(2022, 4, 1))
    with ledger.open("a", encoding="utf-8") as out:
        out.write("- {id: S2, date: 2022-05-12, activity: salon-spring}\n")
    again = stamps(ics(monkeypatch, capsysbinary, "2022-06-30"))
    assert again["salon-spring"] == (3, at(2022, 6, 1, tzinfo=dt.UTC), d(2022, 5, 12))
    assert {k: v for k, v in again.items() if k != "salon-spring"} == {
        k: v for k, v in stamps(first).items() if k != "salon-spring"
    }


def test_the_organisation_is_part_of_each_uid(plan_dir, monkeypatch, capsysbinary) -> None:
    ours = list(events_of(ics(monkeypatch, capsysbinary, "2022-05-25")))
    plan = plan_dir / "plans" / "2022.yaml"
    plan.write_text(PLAN.replace("org: 某区科协", "org: 另一区科协"), encoding="utf-8")
    theirs = list(events_of(ics(monkeypatch, capsysbinary, "2022-05-25")))
    assert len(ours) == len(theirs) == 5
    assert not set(ours) & set(theirs)
    assert all(u.isascii() and u.endswith("@kexie") for u in ours + theirs)


def test_alarms_remind_before_each_event_not_yet_held(plan_dir, monkeypatch, capsysbinary) -> None:
    data = ics(monkeypatch, capsysbinary, "2022-05-25", "--alarm", "7d", "--alarm", "12h")
    for key, event in events_of(data).items():
        alarms = [
            (str(a["ACTION"]), a["TRIGGER"].dt, str(a["DESCRIPTION"])) for a in event.walk("VALARM")
        ]
        if key in (uid("salon-spring"), uid("pop-week")):  # held: nothing to remind of
            assert alarms == []
        else:
            summary = str(event["SUMMARY"])
            assert alarms == [
                ("DISPLAY", -dt.timedelta(days=7), summary),
                ("DISPLAY", -dt.timedelta(hours=12), summary),
            ]
    assert b"TRIGGER:-P7D\r\n" in data
    assert b"TRIGGER:-PT12H\r\n" in data


@pytest.mark.parametrize(
    ("value", "trigger"),
    [("2d", "-P2D"), ("1w", "-P7D"), ("36h", "-PT36H"), ("48h", "-P2D"), ("30m", "-PT30M")],
)
def test_alarm_values(plan_dir, monkeypatch, capsysbinary, value: str, trigger: str) -> None:
    data = ics(monkeypatch, capsysbinary, "2022-05-25", "--alarm", value)
    assert data.count(f"TRIGGER:{trigger}\r\n".encode()) == 3


@pytest.mark.parametrize("value", ["7", "7 days", "0d", "367d", "-1d", "1y", "d"])
def test_a_bad_alarm_is_a_usage_error(plan_dir, monkeypatch, capsysbinary, value: str) -> None:
    args = ("activities", "--format", "ics", "--alarm", value, "--lang", "en")
    code, out, err = run(monkeypatch, capsysbinary, *args)
    assert (code, out) == (2, b"")
    assert err == (
        f"kexie: error: --alarm {value!r} is not a time before the event such as 7d, 2d, 12h "
        "or 30m (w, d, h or m; at most 366 days)\n"
    )


def test_an_alarm_needs_a_calendar(plan_dir, monkeypatch, capsysbinary) -> None:
    code, out, err = run(monkeypatch, capsysbinary, "activities", "--alarm", "7d", "--lang", "en")
    assert (code, out) == (2, b"")
    assert err == "kexie: error: --alarm goes with --format ics (a calendar's reminders)\n"


def test_ics_goes_to_a_file_with_o(plan_dir, monkeypatch, capsysbinary) -> None:
    data = ics(monkeypatch, capsysbinary, "2022-05-25")
    code, out, err = run(
        monkeypatch,
        capsysbinary,
        *("activities", "--format", "ics", "--as-of", "2022-05-25", "-o", "plan.ics"),
    )
    assert (code, out, err) == (0, b"", "")
    assert (plan_dir / "plan.ics").read_bytes() == data


def test_re_exporting_keeps_the_uids(plan_dir, monkeypatch, capsysbinary) -> None:
    first = ics(monkeypatch, capsysbinary, "2022-05-25")
    later = ics(monkeypatch, capsysbinary, "2022-10-01")
    plan = plan_dir / "plans" / "2022.yaml"
    plan.write_text(PLAN.replace("month: 11,", "month: 12,"), encoding="utf-8")  # moved
    moved = ics(monkeypatch, capsysbinary, "2022-10-01")
    assert list(events_of(first)) == list(events_of(later)) == list(events_of(moved))
    autumn = events_of(moved)[uid("salon-autumn")]
    assert autumn["DTSTART"].dt == dt.date(2022, 12, 1)
    assert str(autumn["SUMMARY"]) == "2022-12: 秋季沙龙"  # in English


@pytest.mark.parametrize(
    ("first", "last", "day"),
    [
        ("2022-10-01", "2022-10-31", "2022-10-03"),  # a Saturday: the Monday after
        ("2022-11-01", "2022-11-30", "2022-11-01"),  # a Tuesday
        ("2022-05-01", "2022-05-31", "2022-05-02"),  # a Sunday
        ("2022-10-01", "2022-10-02", "2022-10-02"),  # never past the month's last day
    ],
)
def test_first_working_day(first: str, last: str, day: str) -> None:
    d = dt.date.fromisoformat
    assert first_working_day(d(first), d(last)) == d(day)


@pytest.mark.parametrize(
    ("value", "escaped"),
    [
        ("a,b;c\\d", "a\\,b\\;c\\\\d"),
        ("第一行\n第二行\r\n第三行", "第一行\\n第二行\\n第三行"),
        ("bell\x07", "bell\\\\x07"),  # a control character is made visible, then escaped
    ],
)
def test_ics_text_escaping(value: str, escaped: str) -> None:
    assert ics_text(value) == escaped


def test_folding_never_splits_a_character() -> None:
    line = "DESCRIPTION:" + "科" * 60  # 12 + 180 octets
    parts = folded(line).split("\r\n")
    assert "".join(p.removeprefix(" ") for p in parts) == line
    assert [len(p.encode()) for p in parts] == [75, 73, 46]  # 21, 24 and 15 characters
    assert all(p.startswith(" ") for p in parts[1:])
    assert folded("SUMMARY:short") == "SUMMARY:short"


# --- the table, golden ------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_table_golden(plan_dir, monkeypatch, capsysbinary, lang: str) -> None:
    code, out, err = run(
        monkeypatch, capsysbinary, "activities", "--as-of", "2022-05-25", "--lang", lang
    )
    assert (code, err) == (0, "")
    golden = GOLDEN / f"activities_{lang}_100.txt"
    if UPDATE:
        golden.write_bytes(out)
    assert out.decode("utf-8") == golden.read_text(encoding="utf-8")


def test_markdown(plan_dir, monkeypatch, capsysbinary) -> None:
    _, out, _ = run(
        monkeypatch,
        capsysbinary,
        *("activities", "--format", "markdown", "--as-of", "2022-09-30", "--lang", "en"),
    )
    text = out.decode("utf-8")
    assert text.splitlines()[:3] == [
        "# 某区科协2022年工作计划: major activities",
        "",
        "as of 2022-09-30",
    ]
    assert "| 2022-09-17 | 全国科普日,主场;A\\\\B | 🔴 overdue |  | 科普部 |" in text
    assert "| 2022-04 | 春季沙龙 | 🟡 held 2022-05-10 late | 学术沙龙 | 学会部 |" in text
    assert "| 2022-10 | 物联网博览会相关活动 | ⚪ upcoming |  | 中国电子学会 + 学会部 |" in text
    assert text.rstrip().endswith("5 activities: 2 held, 0 this month, 2 upcoming, 1 overdue")


def test_no_match(plan_dir, monkeypatch, capsysbinary) -> None:
    code, out, _ = run(monkeypatch, capsysbinary, "activities", "--by", "office", "--lang", "en")
    assert code == 0
    assert out.decode("utf-8").splitlines()[-1] == "No activities match."
