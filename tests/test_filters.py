"""Filters take the words a Chinese office uses: a state by its label (--only 落后), a
section by its title or an unambiguous part of it, a unit by its name; a miss says what
was probably meant. Every option that takes a state, a section or a unit: status --only,
--section, --owner; measures --section, --by; activities --by; log --by.
"""

from __future__ import annotations

import json

import pytest
from plan_with_units import make_plan_dir

AS_OF = "2022-07-01"


@pytest.fixture
def ids(tmp_path, monkeypatch, kexie):
    """Return the ids a command lists in JSON (`targets`, `measures` or `activities`)."""
    make_plan_dir(tmp_path, monkeypatch)

    def ids(command: str, *args: str) -> list[str]:
        run = kexie(command, "--format", "json", "--as-of", AS_OF, *args, lang="en")
        assert (run.code, run.err) == (0, ""), run.err
        key = {"status": "targets"}.get(command, command)
        return [item["id"] for item in json.loads(run.out)[key]]

    return ids


@pytest.fixture
def refused(tmp_path, monkeypatch, kexie):
    """Return the one line a refused command prints (exit 2, nothing on stdout)."""
    make_plan_dir(tmp_path, monkeypatch)

    def refused(*args: str, lang: str = "en") -> str:
        run = kexie(*args, "--as-of", AS_OF, lang=lang)
        assert (run.code, run.out) == (2, "")
        return run.err

    return refused


@pytest.mark.parametrize(
    "words",
    ["behind,overdue", "落后,逾期", "落后、逾期", "落后，逾期", "Behind, 逾期", "behind,未完成"],
)
def test_only_takes_a_states_id_or_its_words_in_either_language(ids, words: str) -> None:
    assert ids("status", "--only", words) == ["lectures", "bases", "reports"]


@pytest.mark.parametrize("words", ["on_track", "on-track", "on track", "On Track", "正常"])
def test_on_track_is_one_state_however_it_is_written(ids, words: str) -> None:
    assert ids("status", "--only", words) == ["salons"]


def test_a_state_repeated_counts_once(ids) -> None:
    assert ids("status", "--only", "落后,behind") == ["lectures", "reports"]


def test_an_unknown_state_says_the_states_and_the_closest(refused) -> None:
    assert refused("status", "--only", "behnd") == (
        "kexie: error: --only 'behnd' is not a state (exceeded, met, done, on track, behind, "
        "overdue, pending, open); did you mean 'behind'?\n"
    )
    assert refused("status", "--only", "落後", lang="zh") == (
        "kexie: error: --only 的值 '落後' 不是状态"
        "（超额、达标、已完成、正常、落后、逾期、未开始、待完成）；是否应为 '落后'？\n"
    )


@pytest.mark.parametrize("section", ["academic", "学术交流", "学术", "交流"])
def test_a_section_by_its_id_its_title_or_a_part_of_it(ids, section: str) -> None:
    assert ids("status", "--section", section) == ["salons"]
    assert ids("measures", "--section", section) == ["forums", "party"]


def test_an_ambiguous_part_of_a_title_names_the_sections(refused) -> None:
    # 学 is in 科学普及 and in 学术交流
    assert refused("status", "--section", "学") == (
        "kexie: error: '学' matches more than one: pop (科学普及), academic (学术交流); "
        "give the id\n"
    )


def test_an_unknown_section_says_the_closest(refused) -> None:
    assert refused("status", "--section", "acadmic") == (
        "kexie: error: no section has id 'acadmic'; did you mean 'academic'?\n"
    )
    assert refused("status", "--section", "学术讲座", lang="zh") == (
        "kexie: error: 没有 id 为 '学术讲座' 的部分；是否应为 'academic'？\n"
    )


@pytest.mark.parametrize("unit", ["pop-dept", "科普部"])
def test_a_unit_by_its_id_or_its_name(ids, unit: str) -> None:
    assert ids("status", "--owner", unit) == ["lectures", "bases"]
    assert ids("measures", "--by", unit) == ["pop-events", "pop-bases"]
    assert ids("activities", "--by", unit) == ["pop-week", "sci-day"]


def test_activities_by_a_co_owners_name(ids) -> None:
    assert ids("activities", "--by", "学会部") == ["salon-spring", "iot-expo", "salon-autumn"]


def test_a_unit_is_named_whole_and_a_miss_says_the_closest(refused) -> None:
    # `by` says who reported: a part of a name is not enough (refs.resolve_unit)
    assert refused("status", "--owner", "科普") == (
        "kexie: error: no unit has id '科普'; did you mean 'pop-dept'?\n"
    )
    assert refused("status", "--owner", "科普", lang="zh") == (
        "kexie: error: 没有 id 为 '科普' 的单位；是否应为 'pop-dept'？\n"
    )
