"""The plan rule that a target's own words agree with its goal (checks.quoted_goals,
docs/format.md §1): which numbers in `text` validate reads as a goal, and how.

A number followed by the target's unit is a goal: N, a range N-M, or a lower bound N+
when 以上/及以上/多/余 follows the unit or 不少于/不低于/至少/超过/多于/逾 stands before the
number (checks.AT_LEAST_BEFORE, which `kexie draft` reads goals with too).
"""

from __future__ import annotations

import pytest

from kexie_plan.checks import AT_LEAST_BEFORE, quoted_goals
from kexie_plan.errors import PlanErrors
from kexie_plan.planfile import load_plan_text
from kexie_plan.render.text import error_line


@pytest.mark.parametrize(
    ("text", "unit", "quoted"),
    [
        ("新认定市级科普教育基地100个", "个", ["100"]),
        ("创建省市科普教育基地20个以上", "个", ["20+"]),
        ("开展科普讲座20场及以上", "场", ["20+"]),
        ("开展科普活动200场多", "场", ["200+"]),
        ("举办3-5场高层次学术活动", "场", ["3-5"]),
        ("举办3 至 5 场沙龙", "场", ["3-5"]),
        ("培育成立新型综合学会不少于8家", "家", ["8+"]),
        ("科普基地至少5个", "个", ["5+"]),
        ("学会会员不低于500名", "名", ["500+"]),
        ("建成科普场馆超过10座", "座", ["10+"]),
        ("会员多于 20 名", "名", ["20+"]),
        ("发展个人会员逾1000名", "名", ["1000+"]),
        ("举办不少于3-5场沙龙", "场", ["3+"]),
        ("不少于8家，另有3家", "家", ["8+", "3"]),  # each number on its own
        ("少于8家", "家", ["8"]),  # only the listed words make a lower bound
        ("不少于8个", "家", []),  # another unit: not this target's goal
        ("新增高校科协1个、企业科协20家", "家", ["20"]),
        ("举办1234567890场", "场", []),  # more than 9 digits: no goal, only text
    ],
)
def test_the_goals_a_targets_words_quote(text: str, unit: str, quoted: list[str]) -> None:
    assert [str(goal) for goal in quoted_goals(text, unit)] == quoted


def test_no_text_or_no_unit_quotes_nothing() -> None:
    assert quoted_goals(None, "家") == [] and quoted_goals("不少于8家", None) == []


PLAN = """\
schema: 1
year: 2021
org: 某科协
title: 测试计划
targets:
  - {{id: societies, name: 新型综合学会, text: {text}, unit: 家, goal: "{goal}"}}
"""


@pytest.mark.parametrize(
    ("text", "goal", "error"),
    [
        ("培育成立新型综合学会不少于8家", "8+", None),
        ("培育成立新型综合学会至少8家", "8+", None),
        ("培育成立新型综合学会超过8家", "8+", None),
        ("培育成立新型综合学会逾8家", "8+", None),
        ("培育成立新型综合学会不低于8家", "8+", None),
        ("培育成立新型综合学会8家以上", "8+", None),
        ("培育成立新型综合学会不少于8家", "8", "text says 8+家 but goal says 8"),
        ("培育成立新型综合学会8家", "8+", "text says 8家 but goal says 8+"),
        ("培育成立新型综合学会不少于8家", "10+", "text says 8+家 but goal says 10+"),
    ],
)
def test_text_agrees_with_goal(text: str, goal: str, error: str | None) -> None:
    source = PLAN.format(text=text, goal=goal)
    if error is None:
        assert str(load_plan_text(source).targets[0].goal) == goal
        return
    with pytest.raises(PlanErrors) as raised:
        load_plan_text(source)
    col = source.splitlines()[5].index('goal: "') + len("goal: ") + 1  # at the goal
    assert [error_line(e, "en") for e in raised.value.errors] == [f"<plan>:6:{col}: error: {error}"]


def test_every_lower_bound_word_makes_a_lower_bound() -> None:
    for word in AT_LEAST_BEFORE:
        assert [str(goal) for goal in quoted_goals(f"举办{word}3场", "场")] == ["3+"], word
