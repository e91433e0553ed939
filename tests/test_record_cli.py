"""`kexie record` and `kexie revert` as a user runs them, through the one error boundary.

A plan and a ledger are written under tmp_path; "today" is fixed at 2021-06-30. Every
refusal must exit 2 with one line and leave the ledger's bytes exactly as they were.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import sys
from pathlib import Path

import pytest
from conftest import SMALL_PLAN
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kexie_plan.cli import recording
from kexie_plan.cli.env import BUNDLED_PLAN
from kexie_plan.ledger import HEADER, MAX_LINE_BYTES, format_record, read_ledger
from kexie_plan.record import Record

PLAN = SMALL_PLAN

LEDGER = HEADER + (
    "- {id: 01F0000000AAAAAA, date: 2021-03-20, activity: salon-spring, note: 春季}\n"
    "- {id: 01F0000000BBBBBB, date: 2021-04-02, target: intl-forums, amount: 2}\n"
    "- {id: 01F0000000CCCCCC, date: 2021-04-03, revert: 01F0000000BBBBBB}\n"
)


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("KEXIE_LANG", "en")
    monkeypatch.setenv("KEXIE_TODAY", "2021-06-30")
    monkeypatch.setattr(recording, "interactive", lambda: False)
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "2021.yaml").write_text(PLAN, encoding="utf-8")
    return tmp_path


@pytest.fixture
def ledger(home: Path) -> Path:
    path = home / "plans" / "2021.progress.yaml"
    path.write_text(LEDGER, encoding="utf-8")
    return path


def last_line(path: Path) -> str:
    return path.read_text("utf-8").splitlines()[-1]


def last_id(path: Path) -> str:
    return read_ledger(path).records[-1].id


# --- what gets written, and what is printed ---------------------------------------------


def test_record_a_counted_target(home: Path, monkeypatch, run) -> None:
    args = ["record", "海智沙龙", "2", "--date", "2021-03-12", "--note", "第一期"]
    args += ["--by", "海智办", "--evidence", "https://example.org/1"]
    code, out, err = run(*args)
    ledger = home / "plans" / "2021.progress.yaml"
    line = (
        f"- {{id: {last_id(ledger)}, date: 2021-03-12, target: haizhi-salons, amount: 2, "
        'by: haizhi-office, note: 第一期, evidence: "https://example.org/1"}'
    )
    assert (code, err) == (0, "")
    assert ledger.read_text("utf-8") == HEADER + line + "\n"
    assert out == f"recorded: {line}\n海智沙龙 (haizhi-salons): 2 / 3+ 场\n"


def test_record_in_chinese_with_the_default_amount_and_date(home: Path, monkeypatch, run):
    code, out, err = run("record", "论坛", "--lang", "zh")
    ledger = home / "plans" / "2021.progress.yaml"
    line = f"- {{id: {last_id(ledger)}, date: 2021-06-30, target: intl-forums, amount: 1}}"
    assert (code, err) == (0, "")
    assert out == f"已记录：{line}\n国际学术交流论坛（intl-forums）：1 / 3-5 场\n"


def test_an_activity_is_held_and_counts_toward_its_target(ledger: Path, monkeypatch, run):
    run("record", "haizhi-salons", "--date", "2021-02-01")
    code, out, err = run("record", "sci-day", "--date", "2021-05-30")
    assert (code, err) == (0, "")
    line = f"- {{id: {last_id(ledger)}, date: 2021-05-30, activity: sci-day}}"
    assert out == f"recorded: {line}\n科技工作者日 (sci-day): held on 2021-05-30\n"
    code, out, err = run("revert", "01F0000000AAAAAA", "--yes")
    assert (code, err) == (0, "")
    line = f"- {{id: {last_id(ledger)}, date: 2021-06-30, revert: 01F0000000AAAAAA}}"
    assert out == (
        f"recorded: {line}\nreverts: 2021-03-20 春季海智沙龙 (salon-spring) · note: 春季\n"
        "春季海智沙龙 (salon-spring): not held yet\n海智沙龙 (haizhi-salons): 1 / 3+ 场\n"
    )
    code, out, err = run("record", "春季", "--date", "2021-03-21")
    line = f"- {{id: {last_id(ledger)}, date: 2021-03-21, activity: salon-spring}}"
    assert (code, err) == (0, "")
    assert out == (
        f"recorded: {line}\n春季海智沙龙 (salon-spring): held on 2021-03-21\n"
        "海智沙龙 (haizhi-salons): 2 / 3+ 场\n"
    )


def test_a_milestone_and_a_measure(home: Path, monkeypatch, run) -> None:
    ledger = home / "plans" / "2021.progress.yaml"
    code, out, err = run("record", "科技馆", "--done", "--date", "2021-06-01")
    line = f"- {{id: {last_id(ledger)}, date: 2021-06-01, target: museum-prep, done: true}}"
    assert (code, err) == (0, "")
    assert out == f"recorded: {line}\n市科技馆新馆筹备 (museum-prep): done on 2021-06-01\n"
    code, out, err = run("record", "党建", "--note", "完成第一阶段")
    ident = last_id(ledger)
    line = f"- {{id: {ident}, date: 2021-06-30, measure: party-building, note: 完成第一阶段}}"
    assert (code, err) == (0, "")
    assert out == f"recorded: {line}\n强化政治引领,实施党建强会 (party-building): 1 record\n"


def test_dry_run_writes_nothing(home: Path, monkeypatch, run) -> None:
    code, out, err = run("record", "haizhi-salons", "3", "--dry-run")
    assert (code, err) == (0, "")
    assert out.startswith("dry run, not written: - {id: ")
    assert out.endswith(", date: 2021-06-30, target: haizhi-salons, amount: 3}\n")
    assert not (home / "plans" / "2021.progress.yaml").exists()


def test_notes_with_markup_and_escapes_are_stored_exactly(home, monkeypatch, run) -> None:
    note = '[red]注意[/red] "引号" #: \x1b[31m \u202e末'
    code, out, err = run("record", "haizhi-salons", "--note", note)
    ledger = home / "plans" / "2021.progress.yaml"
    assert (code, err) == (0, "")
    assert read_ledger(ledger).records[-1].note == note
    written = '"[red]注意[/red] \\"引号\\" #: \\u001b[31m \\u202e末"'
    assert last_line(ledger).endswith(f"note: {written}}}")
    assert "\x1b" not in out and "\u202e" not in out
    assert out.splitlines()[0].endswith(f"note: {written}}}")


# --- refusals: one line, exit 2, the ledger's bytes unchanged ----------------------------

TOO_LONG = len(
    f"- {{id: {'X' * 16}, date: 2021-06-30, target: haizhi-salons, amount: 1, "
    f"note: {'长' * 22_000}}}\n".encode()
)
REFUSALS = [
    (["record", "海智沙龙", "0"], "amount '0' is not a whole number from 1 to 999999999"),
    (["record", "海智沙龙", "two"], "amount 'two' is not a whole number from 1 to 999999999"),
    (["record", "海智沙龙", "1.5"], "amount '1.5' is not a whole number from 1 to 999999999"),
    (
        ["record", "海智沙龙", "1000000000"],
        "amount '1000000000' is not a whole number from 1 to 999999999",
    ),
    (
        ["record", "海智沙龙", "٣"],
        "amount '٣' is not a whole number from 1 to 999999999",
    ),  # Arabic-Indic 3
    (
        ["record", "海智沙龙", "৩"],
        "amount '৩' is not a whole number from 1 to 999999999",
    ),  # Bengali 3
    (
        ["record", "海智沙龙", "9" * 5000],
        "amount '" + "9" * 200 + "…(+4800)' is not a whole number from 1 to 999999999",
    ),
    (
        ["record", "海智沙龙", "--date", "2020-12-31"],
        "date 2020-12-31 is outside the plan's period 2021-01-01 to 2021-12-31; "
        "give --date YYYY-MM-DD",
    ),
    (
        ["record", "海智沙龙", "--date", "2021-07-01"],
        "date 2021-07-01 is in the future (today is 2021-06-30)",
    ),
    (
        ["record", "海智沙龙", "--date", "0001-01-01"],
        "--date '0001-01-01' is outside the years 1900 to 2999",
    ),
    (
        ["record", "海智沙龙", "--date", "2021-13-01"],
        "--date '2021-13-01' is not a day of the calendar",
    ),
    (
        ["record", "海智沙龙", "--date", "30.6.2021"],
        "--date '30.6.2021' reads as different days in different countries; write the year "
        "first (2021/7/2), or the month before the day (7/2, 7月2日)",
    ),
    (
        ["record", "海智沙龙", "--done"],
        "--done is for milestones and measures; 'haizhi-salons' is a counted target: "
        "give an AMOUNT",
    ),
    (
        ["record", "museum-prep", "1", "--done"],
        "target 'museum-prep' is a milestone: it is done or not, it takes no amount",
    ),
    (["record", "museum-prep"], "'museum-prep' is a milestone: add --done to record it as done"),
    (
        ["record", "sci-day", "2"],
        "no amount for activity 'sci-day': only counted targets take one",
    ),
    (
        ["record", "party-building", "1"],
        "no amount for measure 'party-building': only counted targets take one",
    ),
    (
        ["record", "sci-day", "--done"],
        "done is only for milestones and measures, not for activity records",
    ),
    (
        ["record", "沙龙"],
        "'沙龙' matches more than one: haizhi-salons (海智沙龙), salon-spring (春季海智沙龙); "
        "give the id",
    ),
    (
        ["record", "海智沙笼"],
        "no target, activity or measure is called '海智沙笼'; did you mean '海智沙龙'?",
    ),
    (
        ["record", "海智沙龙", "--by", "海智"],
        "no unit has id '海智'; did you mean 'haizhi-office'?",
    ),
    (
        ["record", "salon-spring"],
        "activity 'salon-spring' is already recorded as held on 2021-03-20 (01F0000000AAAAAA); "
        "revert that record first to record it again",
    ),
    (["record"], "say what to record: kexie record REF (an id or part of a name)"),
    (
        ["record", "海智沙龙", "--note", "bad \udcff byte"],
        "--note is not valid UTF-8 text; check the terminal's encoding",
    ),
    (
        ["record", "海智沙龙", "--note", "长" * 22_000],
        f"the record is {TOO_LONG} bytes; a ledger line may be at most {MAX_LINE_BYTES}",
    ),
    (
        ["revert", "01F0000000AAAAAB"],
        "no record has id '01F0000000AAAAAB'; did you mean '01F0000000AAAAAA'?",
    ),
    (
        ["revert", "01F0000000BBBBBB"],
        "record '01F0000000BBBBBB' is already reverted by 01F0000000CCCCCC (2021-04-03)",
    ),
    (
        ["revert", "01F0000000CCCCCC"],
        "record '01F0000000CCCCCC' is itself a reversal and cannot be reverted; "
        "record it again instead",
    ),
    (
        ["revert", "01F0000000AAAAAA", "--date", "2021-04-01", "--by", "科普"],
        "no unit has id '科普'; did you mean 'pop-dept'?",
    ),
    (
        ["revert", "01F0000000AAAAAA", "--date", "2021-03-19"],
        "a reversal dated 2021-03-19 cannot cancel record '01F0000000AAAAAA' of 2021-03-20: "
        "a reversal is dated on or after the record it reverts",
    ),
    (
        ["revert", "01F0000000AAAAAA", "--date", "2021-07-01"],
        "date 2021-07-01 is in the future (today is 2021-06-30)",
    ),
    (
        ["record", "--plan", str(BUNDLED_PLAN), "haizhi-salons"],
        "the 2021 plan bundled with kexie is read-only; give --plan PATH to your own plan",
    ),
]


@pytest.mark.parametrize(("args", "message"), REFUSALS, ids=[" ".join(a)[:40] for a, _ in REFUSALS])
def test_refusals_leave_the_ledger_unchanged(ledger, monkeypatch, run, args, message) -> None:
    before = hashlib.sha256(ledger.read_bytes()).hexdigest()
    code, out, err = run(*args, "--yes")
    assert (code, out, err) == (2, "", f"kexie: error: {message}\n")
    assert hashlib.sha256(ledger.read_bytes()).hexdigest() == before
    assert not BUNDLED_PLAN.with_name("2021.progress.yaml").exists()


@pytest.mark.parametrize(
    "args",
    [
        ["海智沙龙", "-1"],
        ["海智沙龙", "-1", "--note", "x"],
        ["--note", "x", "海智沙龙", "-1"],
        ["海智沙龙", "--", "-1"],
        ["-1", "海智沙龙"],
    ],
)
def test_a_negative_amount_is_refused_in_kexies_words(ledger, monkeypatch, run, args) -> None:
    # not Click's "No such option: -1": the token reaches AMOUNT, which refuses it
    before = ledger.read_bytes()
    code, out, err = run("record", "--yes", *args)
    message = "amount '-1' is not a whole number from 1 to 999999999"
    assert (code, out, err) == (2, "", f"kexie: error: {message}\n")
    monkeypatch.setenv("KEXIE_LANG", "zh")
    code, out, err = run("record", "--yes", *args)
    assert (code, out, err) == (2, "", "kexie: error: 数量 '-1' 不是 1 到 999999999 之间的整数\n")
    assert ledger.read_bytes() == before


@pytest.mark.parametrize("amount", ["-2.5", "1.5", "abc", "１２"])
def test_a_malformed_amount_is_refused_in_kexies_words(ledger, run, amount) -> None:
    code, out, err = run("record", "海智沙龙", amount, "--yes")
    message = f"amount {amount!r} is not a whole number from 1 to 999999999"
    assert (code, out, err) == (2, "", f"kexie: error: {message}\n")


def test_an_option_value_that_looks_negative_stays_with_its_option(ledger, run) -> None:
    code, out, err = run("record", "海智沙龙", "--note", "-1", "--dry-run")
    assert (code, err) == (0, "")
    assert 'amount: 1, note: "-1"}' in out


def test_an_unknown_option_is_still_an_unknown_option(ledger, run) -> None:
    code, out, err = run("record", "海智沙龙", "-x", "--yes")
    assert (code, out, err) == (
        2,
        "",
        "kexie: error: no such option '-x' (help: kexie record -h)\n",
    )


def test_refusals_speak_chinese_too(ledger, monkeypatch, run) -> None:
    monkeypatch.setenv("KEXIE_LANG", "zh")
    code, out, err = run("record", "海智沙龙", "0")
    assert (code, out, err) == (2, "", "kexie: error: 数量 '0' 不是 1 到 999999999 之间的整数\n")


def test_revert_accepts_a_lower_case_id(ledger, monkeypatch, run) -> None:
    code, _, err = run("revert", "01f0000000aaaaaa", "--note", "录入错误")
    line = (
        f"- {{id: {last_id(ledger)}, date: 2021-06-30, revert: 01F0000000AAAAAA, note: 录入错误}}"
    )
    assert (code, err) == (0, "")
    assert last_line(ledger) == line


# --- prompts, only on a terminal ------------------------------------------------------


def answer(monkeypatch: pytest.MonkeyPatch, *lines: str) -> None:
    monkeypatch.setattr(recording, "interactive", lambda: True)
    monkeypatch.setattr(sys, "stdin", io.StringIO("".join(f"{x}\n" for x in lines)))


def test_a_terminal_is_asked_for_what_is_missing(home: Path, monkeypatch, run) -> None:
    answer(monkeypatch, "科技馆", "y", "y")
    code, out, err = run("record", "--date", "2021-06-01")
    ledger = home / "plans" / "2021.progress.yaml"
    line = f"- {{id: {last_id(ledger)}, date: 2021-06-01, target: museum-prep, done: true}}"
    assert (code, err) == (0, "")
    assert out == (
        "Target, activity or measure (id or part of its name): "
        "Mark 市科技馆新馆筹备 as done? [y/n] (y): "
        f"{line}\nWrite this record? [y/n] (y): "
        f"recorded: {line}\n市科技馆新馆筹备 (museum-prep): done on 2021-06-01\n"
    )


def test_saying_no_writes_nothing(ledger: Path, monkeypatch, run) -> None:
    before = ledger.read_bytes()
    answer(monkeypatch, "n")
    code, _, err = run("record", "海智沙龙")
    assert (code, err) == (4, "cancelled; nothing written\n")  # declined: its own exit code
    assert ledger.read_bytes() == before


def test_a_question_is_asked_again_in_the_runs_language(ledger: Path, monkeypatch, run) -> None:
    answer(monkeypatch, "maybe", "是")
    monkeypatch.setenv("KEXIE_LANG", "zh")
    code, out, err = run("record", "海智沙龙")
    assert (code, err) == (0, "")
    line = f"- {{id: {last_id(ledger)}, date: 2021-06-30, target: haizhi-salons, amount: 1}}"
    asked = "写入这条记录？ [y/n] (y): "
    assert out == (
        f"{line}\n{asked}请回答 y（是）或 n（否）\n{asked}已记录：{line}\n"
        "海智沙龙（haizhi-salons）：2 / 3+ 场\n"  # the spring salon counts too
    )


def test_an_end_of_input_at_a_question_writes_nothing(ledger: Path, monkeypatch, run) -> None:
    before = ledger.read_bytes()
    answer(monkeypatch)  # no line to read
    monkeypatch.setenv("KEXIE_LANG", "zh")
    code, _, err = run("record", "海智沙龙")
    assert (code, err) == (4, "\n已中止，未写入\n")
    assert ledger.read_bytes() == before


def test_yes_skips_the_question(ledger: Path, monkeypatch, run) -> None:
    answer(monkeypatch)
    code, out, err = run("record", "海智沙龙", "--yes")
    assert (code, err) == (0, "")
    assert out.startswith("recorded: ")


# --- a torn last line ------------------------------------------------------------------


def test_a_torn_line_warns_and_the_next_record_lands_on_its_own_line(
    ledger: Path, monkeypatch, run
) -> None:
    whole = ledger.read_bytes()
    ledger.write_bytes(whole + b"- {id: 01F0000000DDDDDD, date: 2021-05-0")
    torn_line = LEDGER.count("\n") + 1
    warning = (
        f"plans/2021.progress.yaml:{torn_line}: warning: the last line is incomplete "
        "(a write was cut short); complete it or delete it\n"
    )
    code, out, err = run("validate")
    assert (code, out) == (
        1,
        "plans/2021.yaml: ok (1 section, 1 measure, 3 targets, 2 activities)\n",
    )
    assert err == warning.replace("warning", "error") + "1 error in 1 file; 1 file ok\n"

    code, out, err = run("record", "海智沙龙", "--date", "2021-06-02")
    assert (code, err) == (0, warning)
    assert out.splitlines()[1] == "海智沙龙 (haizhi-salons): 2 / 3+ 场"
    new = f"- {{id: {last_id(ledger)}, date: 2021-06-02, target: haizhi-salons, amount: 1}}\n"
    assert (
        ledger.read_bytes() == whole + b"- {id: 01F0000000DDDDDD, date: 2021-05-0\n" + new.encode()
    )

    code, out, err = run("validate", "--format", "json")
    assert code == 1
    assert out == (
        "[\n  {\n"
        '    "path": "plans/2021.progress.yaml",\n'
        f'    "line": {torn_line},\n'
        '    "col": 41,\n'
        "    \"message\": \"YAML syntax: did not find expected ',' or '}'\",\n"
        '    "severity": "error"\n'
        "  }\n]\n"
    )


# --- validate checks the ledger beside each plan ---------------------------------------


def test_validate_checks_the_ledger(ledger: Path, monkeypatch, run) -> None:
    code, out, err = run("validate")
    assert (code, err) == (0, "")
    assert out == (
        "plans/2021.yaml: ok (1 section, 1 measure, 3 targets, 2 activities)\n"
        "plans/2021.progress.yaml: ok (3 records)\n"
    )
    with ledger.open("a", encoding="utf-8") as handle:
        handle.write("- {id: 01F0000000EEEEEE, date: 2021-05-01, target: haizhi-salon}\n")
        handle.write("- {id: 01F0000000EEEEEE, date: 2021-05-01, target: museum-prep}\n")
    code, out, err = run("validate", "plans/2021.progress.yaml")
    assert (code, out) == (
        1,
        "plans/2021.yaml: ok (1 section, 1 measure, 3 targets, 2 activities)\n",
    )
    assert err == (
        "plans/2021.progress.yaml:7: error: no target has id 'haizhi-salon'; "
        "did you mean 'haizhi-salons'?\n"
        "plans/2021.progress.yaml:8: error: target 'museum-prep' is a milestone: "
        "its record needs done: true\n"
        "plans/2021.progress.yaml:8: error: id '01F0000000EEEEEE' is already used "
        "(first on line 7)\n"
        "3 errors in 1 file; 1 file ok\n"
    )


def test_validate_reads_the_ledger_of_an_invalid_plan(ledger: Path, monkeypatch, run) -> None:
    (ledger.parent / "2021.yaml").write_text(PLAN.replace("goal: 3+", "goal: 3~"), "utf-8")
    with ledger.open("a", encoding="utf-8") as handle:
        handle.write("- {id: X1, date: 2021-05-01}\n")
    code, out, err = run("validate")
    assert (code, out) == (1, "")
    assert err == (
        "plans/2021.yaml:14:52: error: goal '3~' is not N, N+ or N-M (e.g. 3-5, 20+, 100)\n"
        "plans/2021.progress.yaml:7: error: a record names exactly one of target, activity, "
        "measure or revert (here: -)\n"
        "2 errors in 2 files; 0 files ok\n"
    )


# --- the round trip through the command --------------------------------------------------

notes = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=60).filter(
    lambda s: not s.startswith("-")  # an argument that starts with a dash is an option
)


@pytest.mark.slow  # a property suite of many examples: the full run has it
@given(note=notes, by=notes, amount=st.integers(1, 999_999_999))
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
def test_whatever_record_accepts_reads_back_equal(ledger, monkeypatch, run, note, by, amount):
    plan = ledger.parent / "2021.yaml"
    plan.write_text(
        PLAN.replace(
            "units:\n  - {id: haizhi-office, name: 海智办}\n  - {id: pop-dept, name: 科普部}\n", ""
        ),
        "utf-8",
    )
    args = ["record", "海智沙龙", str(amount), "--date", "2021-06-03", "--note", note, "--by", by]
    args += ["--evidence", note + by]
    code, out, err = run(*args)
    # a large amount, a note said twice: warnings (past twice the goal, a double entry)
    assert code == 0
    assert all(line.startswith("kexie: warning: ") for line in err.splitlines())
    written = read_ledger(ledger, "L")
    assert written.problems == []
    last = written.records[-1]
    assert last == Record(
        id=last.id,
        date=dt.date(2021, 6, 3),
        target="haizhi-salons",
        amount=amount,
        by=by,
        note=note,
        evidence=note + by,
        line=last.line,
    )
    assert out.splitlines()[0] == f"recorded: {format_record(last).rstrip()}"


# --- issue 10: January's corrections, a milestone completed once ------------------------


def test_after_the_period_revert_dates_the_reversal_today(ledger: Path, monkeypatch, run):
    monkeypatch.setenv("KEXIE_TODAY", "2022-01-10")
    code, out, err = run("revert", "01F0000000AAAAAA", "--note", "错")
    assert (code, err) == (0, "")
    line = f"- {{id: {last_id(ledger)}, date: 2022-01-10, revert: 01F0000000AAAAAA, note: 错}}"
    assert last_line(ledger) == line
    # then where what it cancels now stands
    assert out == (
        f"recorded: {line}\nreverts: 2021-03-20 春季海智沙龙 (salon-spring) · note: 春季\n"
        "春季海智沙龙 (salon-spring): not held yet\n海智沙龙 (haizhi-salons): 0 / 3+ 场\n"
    )
    code, _out, err = run("validate")
    assert (code, err) == (0, "")


def test_after_the_period_record_asks_for_the_day_it_happened(ledger: Path, monkeypatch, run):
    monkeypatch.setenv("KEXIE_TODAY", "2022-01-10")
    before = ledger.read_bytes()
    code, out, err = run("record", "海智沙龙")
    assert (code, out) == (2, "")
    assert err == (
        "kexie: error: the plan's period ended on 2021-12-31 (today is 2022-01-10): give the "
        "day it happened with --date YYYY-MM-DD\n"
    )
    assert ledger.read_bytes() == before
    code, out, err = run("record", "海智沙龙", "--date", "2021-12-20")
    assert (code, err) == (0, "")
    assert "date: 2021-12-20, target: haizhi-salons" in last_line(ledger)


def test_a_milestone_is_completed_once(ledger: Path, monkeypatch, run) -> None:
    code, _, err = run("record", "museum-prep", "--done", "--date", "2021-05-04")
    assert (code, err) == (0, "")
    first = last_id(ledger)
    before = ledger.read_bytes()
    code, out, err = run("record", "museum-prep", "--done")
    assert (code, out) == (2, "")
    assert err == (
        f"kexie: error: milestone 'museum-prep' is already recorded as done on 2021-05-04 "
        f"({first}); revert that record first to record it again\n"
    )
    assert ledger.read_bytes() == before
    code, _, err = run("revert", first)
    assert (code, err) == (0, "")
    code, out, err = run("record", "museum-prep", "--done")
    assert (code, err) == (0, "")
    assert out.endswith("市科技馆新馆筹备 (museum-prep): done on 2021-06-30\n")
