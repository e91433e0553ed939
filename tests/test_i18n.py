"""The message catalogue (i18n.MESSAGES) and how parameters become words.

`text()` fills in the parameters it is given and translates none of them; the machine
words some error parameters hold (a kind, a YAML type, a hint) are said by the one place
that turns a PlanError into words (render.text.error_params), from its explicit table.
"""

from __future__ import annotations

import string

import pytest

from kexie_plan.errors import PlanError
from kexie_plan.i18n import MESSAGES, text
from kexie_plan.render.text import WORD_PARAMS, WORDS_OF, error_message, error_params


def placeholders(template: str) -> set[str]:
    """Return the names of the {fields} a template fills in."""
    return {field for _, field, _, _ in string.Formatter().parse(template) if field}


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


def test_a_parameter_not_in_the_table_is_shown_as_it_is() -> None:
    error = PlanError("bad_config", {"path": "kexie.toml", "problem": "kind"})
    assert error_params(error, "zh") == error.params


@pytest.mark.parametrize("code", sorted(WORD_PARAMS))
def test_every_word_parameter_is_a_placeholder_of_its_message(code: str) -> None:
    assert code in MESSAGES
    for template in MESSAGES[code]:
        assert set(WORD_PARAMS[code]) <= placeholders(template)
    assert set(WORD_PARAMS[code]) <= WORDS_OF.keys()


def test_every_message_with_a_word_parameter_is_in_the_table() -> None:
    # A new message with {kind}, {expected}, {got} or {hint} must say whether that
    # parameter is a machine word; otherwise it would print "unit" in Chinese.
    for code, (english, _) in MESSAGES.items():
        if placeholders(english) & WORDS_OF.keys():
            assert code in WORD_PARAMS, code
