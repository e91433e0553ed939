"""The message catalogue (i18n.MESSAGES): every code used, one code per text, both
languages with the same placeholders; and how parameters become words.

`text()` fills in the parameters it is given and translates none of them; the machine
words some error parameters hold (a kind, a YAML type, a hint) are said by the one place
that turns a PlanError into words (render.text.error_params), from its explicit table.
"""

from __future__ import annotations

import ast
import datetime as dt
import string
from collections import defaultdict
from pathlib import Path

import pytest
from conftest import parsed

from kexie_plan import ledger, plandiff, planfile, report
from kexie_plan.errors import PlanError
from kexie_plan.i18n import MESSAGES, text
from kexie_plan.progress import default_as_of
from kexie_plan.record import RecordKind
from kexie_plan.render.text import WORD_PARAMS, WORDS_OF, error_message, error_params
from kexie_plan.render.units import LOAD_HEADINGS, WHY_LIGHT
from kexie_plan.render.words import KIND_WORDS
from kexie_plan.states import ActivityState, MeasureState, TargetState

PACKAGE = Path(__file__).resolve().parent.parent / "kexie_plan"
BUNDLED_PLAN = PACKAGE / "bundled" / "2021.yaml"


def placeholders(template: str) -> set[str]:
    """Return the names of the {fields} a template fills in."""
    return {field for _, field, _, _ in string.Formatter().parse(template) if field}


def string_constants(path: Path) -> set[str]:
    """Return every string constant in a source file."""
    tree = parsed(path)
    return {
        n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)
    }


# The string constants of each module of ours but the catalogue itself. A pydantic error of
# model.py is spelled kexie_CODE (PydanticCustomError("kexie_goal_zero", …)).
SOURCES = {
    path.relative_to(PACKAGE).as_posix(): {c.removeprefix("kexie_") for c in string_constants(path)}
    for path in sorted(PACKAGE.rglob("*.py"))
    if path.name != "i18n.py"
}
SPELLED = set().union(*SOURCES.values())


def type_names() -> set[str]:
    """Return every YAML type name an `expected` error can hold: planfile's and ledger's."""
    given = [None, True, 1, 1.5, dt.date(2021, 1, 1), [], {}, "x"]
    names = set(planfile._EXPECTED.values()) | {planfile._type_name(v) for v in given}
    raws = [("x", False), ("true", True), ("12", True), ("1.5", True), ("2021-01-01", True)]
    return names | {ledger._kind_of(raw, plain) for raw, plain in raws}


def clamp_reasons() -> set[str]:
    """Return why as_of can be clamped into a plan's period: before it, after it."""
    plan = planfile.load_plan(BUNDLED_PLAN)
    days = (plan.span.start - dt.timedelta(days=1), plan.span.end + dt.timedelta(days=1))
    return {default_as_of(plan, day)[1] for day in days}


def help_keys() -> set[str]:
    """Return what cli.helptext builds help codes from: every command's code and each of its
    parameters' (tests/test_help.py holds the tree to them)."""
    import typer.main

    from kexie_plan.cli import app
    from kexie_plan.cli.helptext import command_code, commands, help_code, help_option

    codes = set()
    for path, command in commands(typer.main.get_command(app)):
        codes.add(command_code(path))
        params = [*command.params, help_option(command, ["-h", "--help"])]
        codes |= {help_code(path, param) for param in params}
    return {code.removeprefix("help.") for code in codes if code}


def column_keys() -> set[str]:
    """Return the string constants of the views that head a column with `"col." + key`."""
    return set().union(*(consts for consts in SOURCES.values() if "col." in consts))


# The codes built from a value rather than spelled out, by prefix, with every value the
# prefix is built from. A prefix here must still be built somewhere (the source spells
# it), and each code under it must name a real value, or be spelled out where it is used.
BUILT: dict[str, set[str]] = {
    "state.": {s.value for s in TargetState},  # states.TargetState.words_key
    "activity.": {s.value for s in ActivityState},  # states.ActivityState.words_key
    "measure.": {s.value for s in MeasureState},  # states.MeasureState.words_key
    "type.": type_names(),  # render.text: an `expected` error's types
    "report.period.": set(report.PERIODS),  # render.report_rows.period_words
    "diff.": set(plandiff.CHANGE_KINDS),  # render.diff: a change's words
    "remind.why.": set(WHY_LIGHT),  # render.units.reminder_words
    "status.as_of.": clamp_reasons(),  # render.words.as_of_words
    "col.": column_keys(),  # the views' headings: "col." + key for a key of theirs
    "help.": help_keys(),  # cli.helptext: help.COMMAND[.KEY], help.opt.KEY
}


# --- the catalogue -------------------------------------------------------------------------


# Parameters one language leaves out, on purpose: a planned day in Chinese is named as the
# plan names it, without its year (6月18日, 10月22日–25日); English writes the ISO date.
LEFT_OUT_IN_CHINESE = {
    "when.month": {"year"},
    "when.date": {"year"},
    "when.window_same_month": {"year"},
    "when.window": {"year", "last_year"},
}


def test_every_code_has_both_languages_with_the_same_placeholders() -> None:
    wrong = []
    for code, (english, chinese) in sorted(MESSAGES.items()):
        left_out = LEFT_OUT_IN_CHINESE.get(code, set())
        if not (english.strip() and chinese.strip()):
            wrong.append(f"{code}: a text is empty")
        elif placeholders(english) - left_out != placeholders(chinese):
            wrong.append(f"{code}: {placeholders(english)} != {placeholders(chinese)}")
        elif not left_out <= placeholders(english):
            wrong.append(f"{code}: leaves out what English does not have")
    assert wrong == []


# Texts the same in both languages, on purpose.
SAME_IN_BOTH = {
    # the one line of a bug (exit 3) starts with the same token in every language, as
    # `error:` and `warning:` do, for scripts and bug reports to find
    "internal_error",
    "status.done_on",  # a tick and a date: no words
}


def test_chinese_differs_from_english_unless_on_purpose() -> None:
    same = {code for code, (english, chinese) in MESSAGES.items() if english == chinese}
    assert same == SAME_IN_BOTH


def test_one_code_per_text() -> None:
    codes = defaultdict(list)
    for code, texts in MESSAGES.items():
        codes[texts].append(code)
    assert [group for group in codes.values() if len(group) > 1] == []


def test_every_prefix_that_builds_codes_is_still_built() -> None:
    for prefix in BUILT:
        assert prefix in SPELLED, f"nothing builds {prefix}… any more: drop it from BUILT"


def test_every_code_is_used() -> None:
    unused = []
    for code in MESSAGES:
        if code in SPELLED:
            continue
        built = [p for p in BUILT if code.startswith(p) and code.removeprefix(p) in BUILT[p]]
        if not built:
            unused.append(code)
    assert unused == [], "no source spells or builds these codes"


def test_every_value_a_code_is_built_from_has_words() -> None:
    keys = [s.words_key(final) for s in TargetState for final in (False, True)]
    keys += [s.words_key for s in ActivityState] + [s.words_key for s in MeasureState]
    for prefix in ("type.", "report.period.", "diff.", "remind.why.", "status.as_of."):
        keys += [prefix + value for value in BUILT[prefix]]
    keys += [*KIND_WORDS.values(), *LOAD_HEADINGS.values()]
    assert [key for key in keys if key not in MESSAGES] == []


# --- parameters are filled in, never translated ------------------------------------------


def test_text_does_not_translate_a_parameter_named_kind() -> None:
    # "unit" has words of its own (单位), yet text() prints the value it is given.
    assert text("unknown_ref", "zh", kind="unit", id="x", hint="") == "没有 id 为 'x' 的unit"
    assert text("expected", "en", expected="integer", got="text") == "expected integer, got text"
    assert text("unknown_key", "en", key="nmae", hint="name") == "unknown key 'nmae'name"


def test_the_error_says_its_word_parameters_in_the_readers_language() -> None:
    error = PlanError("unknown_ref", {"kind": "unit", "id": "ofice", "hint": "office"})
    assert error_message(error, "en") == "no unit has id 'ofice'; did you mean 'office'?"
    assert error_message(error, "zh") == "没有 id 为 'ofice' 的单位；是否应为 'office'？"
    no_hint = PlanError("unknown_ref", {"kind": "record", "id": "ZZZ", "hint": ""})
    assert error_message(no_hint, "en") == "no record has id 'ZZZ'"
    typed = PlanError("expected", {"expected": "integer", "got": "text"})
    assert error_message(typed, "en") == "expected a whole number, got text"
    assert error_message(typed, "zh") == "应为整数，实际是文本"
    # the error itself keeps the machine words
    assert error.params == {"kind": "unit", "id": "ofice", "hint": "office"}


def test_every_kind_an_error_or_a_record_names_has_a_noun() -> None:
    # checks and the cli name a section, a unit, a record, or a thing (target, activity,
    # measure); a record's own kind may also be a reversal
    kinds = {kind.value for kind in RecordKind} | {"section", "unit", "record"}
    kinds |= {kind for kind, _, _ in planfile.load_plan(BUNDLED_PLAN).things()}
    assert kinds <= KIND_WORDS.keys()


def test_a_parameter_not_in_the_table_is_shown_as_it_is() -> None:
    error = PlanError("bad_config", {"path": "kexie.toml", "problem": "kind"})
    assert error_params(error, "zh") == error.params


def test_every_word_parameter_is_a_placeholder_of_its_message() -> None:
    for code in sorted(WORD_PARAMS):
        assert code in MESSAGES
        for template in MESSAGES[code]:
            assert set(WORD_PARAMS[code]) <= placeholders(template), code
        assert set(WORD_PARAMS[code]) <= WORDS_OF.keys(), code


def test_every_message_with_a_word_parameter_is_in_the_table() -> None:
    # A new message with {kind}, {expected}, {got} or {hint} must say whether that
    # parameter is a machine word; otherwise it would print "unit" in Chinese.
    for code, (english, _) in MESSAGES.items():
        if placeholders(english) & WORDS_OF.keys():
            assert code in WORD_PARAMS, code


# --- plurals -------------------------------------------------------------------------------


def plural_specs(template: str) -> list[str]:
    """Return the format specs of a template that pick a count's word: one|other."""
    return [spec for _, field, spec, _ in string.Formatter().parse(template) if field and spec]


def test_english_says_one_record_and_two_records() -> None:
    assert text("measures.records", "en", count=1) == "1 record"
    assert text("measures.records", "en", count=0) == "0 records"
    assert text("measures.records", "en", count=2) == "2 records"
    assert text("validate.failed", "en", errors=1, files=1, ok=0) == "1 error in 1 file; 0 files ok"
    assert (
        text("validate.failed", "en", errors=3, files=2, ok=1) == "3 errors in 2 files; 1 file ok"
    )
    assert text("remind.unowned", "en", count=1).startswith(
        "1 more item behind, overdue or due soon names"
    )
    assert text("remind.unowned", "en", count=2).startswith(
        "2 more items behind, overdue or due soon name"
    )
    assert (
        text("validate.failed", "zh", errors=1, files=1, ok=0)
        == "1 个文件中有 1 处错误；0 个文件通过"
    )


def test_a_plural_needs_a_count() -> None:
    with pytest.raises(TypeError):
        text("measures.records", "en", count="1")


def test_plurals_are_english_only_and_never_written_as_s_in_brackets() -> None:
    for code, (english, chinese) in sorted(MESSAGES.items()):
        assert "(s)" not in english, code
        for spec in plural_specs(english):
            if "|" in spec:
                assert len(spec.split("|")) == 2 and all(spec.split("|")), (code, spec)
        assert not [spec for spec in plural_specs(chinese) if "|" in spec], code
