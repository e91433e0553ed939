"""The zh/en message catalogue, and the choice of language.

Every word a user sees is looked up here by a code: `text(code, lang, **params)`.

The catalogue, MESSAGES, maps a code to its (English, Chinese) texts, in blocks by topic.
One text has one code, and every code is used (tests/test_i18n.py checks both). A code's
prefix says its topic (`record.` the record command, `col.` a heading, `state.` a target's
state …); plan and ledger errors keep the bare codes that the golden cases of
tests/errors/ are named after. A few codes are built from a value rather than spelled
out: `state.`, `activity.` and `measure.` + a state (states.py), `type.` + a YAML type
(render/text.py), `col.` + a column's key (the views), `report.period.` + a period,
`diff.` + a change's kind, `remind.why.` + a reason, `status.as_of.` + why as_of was
clamped.

Parameters are filled in with str.format as they are given; nothing is translated here.
An error keeps machine words in its parameters (kind="unit"); the one place that turns a
PlanError into words, render.text.error_params, says them from its explicit table.

Plurals. English says "1 record", "3 records": a count's word is written in the English
text with both its forms as the field's format spec, `{count} {count:record|records}`,
the first for a count of 1, the second for any other (a verb too: "{count:names|name}").
Callers pass plain ints. Chinese has no plural: its texts use the count alone
(`{count} 条记录`) and never such a spec. That one spec is all `text()` adds to
str.format.

Imports nothing of ours.
"""

from __future__ import annotations

import os
import string
from collections.abc import Mapping
from typing import Any

LANGS = ("zh", "en")

# code: (English, Chinese).
MESSAGES: dict[str, tuple[str, str]] = {
    # --- reading files --------------------------------------------------------------------------
    # A plan or a ledger (planfile, ledger). A plan error's code names its case in tests/errors/.
    "ledger_symlink": (
        "the ledger is a symbolic link; kexie reads and writes only a regular file inside "
        "the repository (replace the link with the file)",
        "台账是符号链接；kexie 只读写仓库内的普通文件（请用文件替换该链接）",
    ),
    "ledger_utf16": (
        "the ledger is UTF-16 (as Notepad or Excel may save it); save it as UTF-8",
        "台账是 UTF-16 编码（记事本或 Excel 可能这样保存）；请另存为 UTF-8",
    ),
    "ledger_cr_only": (
        "the ledger's lines end in CR alone (old Mac style), so it reads as one endless "
        "line; save it with LF line ends",
        "台账的行尾只有 CR（旧式 Mac 格式），整个文件会被读成一行；请改用 LF 行尾保存",
    ),
    "plan_symlink": (
        "the plan is a symbolic link; kexie reads only a regular file inside the "
        "repository (replace the link with the file, or give --plan the file itself)",
        "计划文件是符号链接；kexie 只读取仓库内的普通文件"
        "（请用文件替换该链接，或用 --plan 指定文件本身）",
    ),
    "file_missing": ("file not found", "文件不存在"),
    "file_unreadable": ("cannot read the file: {reason}", "无法读取文件：{reason}"),
    "not_regular_file": ("not a regular file", "不是普通文件"),
    "file_too_large": (
        "file is {size} bytes; a plan may be at most {limit} bytes",
        "文件有 {size} 字节；计划文件最多 {limit} 字节",
    ),
    "not_utf8": (
        "file is not UTF-8 (it looks like {encoding}); save it as UTF-8",
        "文件不是 UTF-8 编码（看起来是 {encoding}）；请另存为 UTF-8",
    ),
    "nul_byte": ("NUL byte in the file", "文件中有 NUL 字节"),
    "tab_indent": (
        "tab used for indentation; YAML allows only spaces",
        "缩进使用了制表符；YAML 只允许用空格缩进",
    ),
    "yaml_syntax": ("YAML syntax: {problem}", "YAML 语法错误：{problem}"),
    "anchor": (
        "YAML anchors (&name) are not allowed in a plan; write the value out",
        "计划中不允许 YAML 锚点（&name）；请直接写出内容",
    ),
    "alias": (
        "YAML aliases (*name) are not allowed in a plan; write the value out",
        "计划中不允许 YAML 别名（*name）；请直接写出内容",
    ),
    "tag": (
        "YAML tag {tag!r} is not allowed; remove it",
        "不允许使用 YAML 标签 {tag!r}；请删除",
    ),
    "merge_key": (
        "YAML merge keys (<<) are not allowed; write the keys out",
        "不允许使用 YAML 合并键（<<）；请直接写出各键",
    ),
    "second_document": (
        "a second YAML document (---) is not allowed; one plan per file",
        "不允许第二个 YAML 文档（---）；一个文件只放一个计划",
    ),
    "too_deep": (
        "nested more than {limit} levels deep",
        "嵌套超过 {limit} 层",
    ),
    "duplicate_key": (
        "duplicate key {key!r} (first on line {first_line})",
        "重复的键 {key!r}（首次出现在第 {first_line} 行）",
    ),
    "complex_key": ("a key must be plain text", "键必须是普通文本"),
    "empty_document": (
        "the file holds no plan: it is empty or only comments",
        "文件中没有计划：文件为空或只有注释",
    ),
    "not_a_mapping": (
        "a plan must be a mapping of keys (schema, year, org, title, …)",
        "计划必须是键值映射（schema、year、org、title……）",
    ),
    # --- plan shape -----------------------------------------------------------------------------
    # A value the format does not allow (planfile says pydantic's errors in these words; model has
    # its own).
    "number_too_long": (
        "{value!r} has more than 9 digits; a number here is at most 999999999",
        "{value!r} 超过 9 位数；这里的数字最多为 999999999",
    ),
    "hidden_char": (
        "holds the hidden character {char} at character {col} (a control character or a "
        "bidi override, which can make the text read as something else); remove it",
        "第 {col} 个字符是隐藏字符 {char}"
        "（控制字符或双向文本控制符，可能使文字显示为别的内容）；请删除",
    ),
    "missing_key": ("missing required key {key!r}", "缺少必填的键 {key!r}"),
    "unknown_key": ("unknown key {key!r}{hint}", "未知的键 {key!r}{hint}"),
    "expected": ("expected {expected}, got {got}", "应为{expected}，实际是{got}"),
    "slug": (
        "id {value!r} is not a lowercase slug (a-z, 0-9 and single dashes, e.g. haizhi-salon)",
        "id {value!r} 不合规：只能用小写字母、数字和单个连字符（如 haizhi-salon）",
    ),
    "empty_text": ("{key!r} must not be empty", "{key!r} 不能为空"),
    "too_long": ("longer than {limit} characters", "超过 {limit} 个字符"),
    "at_least": ("{value} is too small: at least {limit}", "{value} 太小：至少为 {limit}"),
    "at_most": ("{value} is too large: at most {limit}", "{value} 太大：至多为 {limit}"),
    "literal": ("{value!r} is not allowed here; use {allowed}", "不允许 {value!r}；请用 {allowed}"),
    "invalid": ("invalid value: {detail}", "取值无效：{detail}"),
    "goal_format": (
        "goal {value!r} is not N, N+ or N-M (e.g. 3-5, 20+, 100)",
        "目标值 {value!r} 格式不对，应为 N、N+ 或 N-M（如 3-5、20+、100）",
    ),
    "no_such_date": (
        "{value!r} is not a date that exists (YYYY-MM-DD)",
        "{value!r} 不是存在的日期（YYYY-MM-DD）",
    ),
    "goal_zero": ("goal {value!r} must be above 0", "目标值 {value!r} 必须大于 0"),
    "goal_order": (
        "goal {value!r} has its lower bound above its upper bound",
        "目标值 {value!r} 的下限大于上限",
    ),
    # --- plan rules -----------------------------------------------------------------------------
    # What checks finds across the plan, and validate --against REV.
    "period_far": (
        "period date {date} is too far from the plan's year {year}: a period lies between "
        "{start} and {end}",
        "期间日期 {date} 离计划年份 {year} 太远：期间应在 {start} 至 {end} 之间",
    ),
    "duplicate_id": (
        "id {id!r} is already used (first on line {first_line})",
        "id {id!r} 已被使用（首次出现在第 {first_line} 行）",
    ),
    "unknown_ref": ("no {kind} has id {id!r}{hint}", "没有 id 为 {id!r} 的{kind}{hint}"),
    "count_needs": (
        "a counted target needs {key!r} (or set kind: milestone)",
        "计数类目标需要 {key!r}（或设为 kind: milestone）",
    ),
    "milestone_has": (
        "a milestone has no {key!r}; remove it or drop kind: milestone",
        "里程碑不应有 {key!r}；请删除，或去掉 kind: milestone",
    ),
    "period_order": ("the period ends before it starts", "期间的结束日期早于开始日期"),
    "date_outside": (
        "date {date} is outside the plan's period {start} to {end}",
        "日期 {date} 不在计划期间 {start} 至 {end} 内",
    ),
    "schedule_falls": (
        "checkpoint {date} expects {value}, less than the {previous} before it",
        "检查点 {date} 的预期值 {value} 小于之前的 {previous}",
    ),
    "schedule_above_goal": (
        "checkpoint expects {value}, above the goal's top {top}",
        "检查点预期值 {value} 超过目标上限 {top}",
    ),
    "schedule_after_due": (
        "checkpoint {date} is after the target is due ({due})",
        "检查点 {date} 晚于目标截止日期（{due}）",
    ),
    "adjustment_order": (
        "adjustment dated {date} is not after the one before ({previous}); list them by date",
        "目标调整日期 {date} 不晚于前一次调整（{previous}）；请按日期先后排列",
    ),
    "activity_when": (
        "an activity needs month (1-12) or date",
        "活动需要 month（1-12）或 date",
    ),
    "activity_when_both": (
        "an activity has month or date, not both",
        "活动只能有 month 或 date 之一，不能都有",
    ),
    "window_order": (
        "the window ends on {last}, before it starts on {first}",
        "时间窗口结束于 {last}，早于开始日期 {first}",
    ),
    "window_misses_date": (
        "the window {first} to {last} does not include the activity's date {date}",
        "时间窗口 {first} 至 {last} 不包含活动日期 {date}",
    ),
    "window_misses_month": (
        "the window {first} to {last} does not touch the activity's month {month}",
        "时间窗口 {first} 至 {last} 与活动月份 {month} 没有交集",
    ),
    "co_owner_twice": (
        "unit {id!r} is already named as owner or co-owner here; name each unit once",
        "单位 {id!r} 已是此处的负责或协办单位；每个单位只列一次",
    ),
    "activities_count": (
        "activities_declared says {declared}, but the list has {listed}",
        "activities_declared 为 {declared}，但列出了 {listed} 项活动",
    ),
    "text_goal_mismatch": (
        "text says {quoted}{unit} but goal says {goal}",
        "text 中写的是 {quoted}{unit}，但 goal 写的是 {goal}",
    ),
    "goal_changed_unadjusted": (
        "goal of {id!r} changed from {old} to {new} since {rev} with no adjustment to {new}; "
        "add adjustments: [{{date: …, goal: {new}, reason: …}}]",
        "目标 {id!r} 的目标值自 {rev} 起由 {old} 改为 {new}，但没有对应的调整记录；"
        "请添加 adjustments: [{{date: …, goal: {new}, reason: …}}]",
    ),
    # --- words in error messages ----------------------------------------------------------------
    # The words of an error's machine parameters, said by render.text.error_params: a hint, the noun
    # of a kind (render.words.KIND_WORDS; target, unit and record are col.*), a YAML type (type.*:
    # planfile's and ledger's names of types).
    "did_you_mean": ("; did you mean {name!r}?", "；是否应为 {name!r}？"),
    "kind.section": ("section", "部分"),
    "kind.measure": ("measure", "措施"),
    "kind.activity": ("activity", "活动"),
    "kind.revert": ("reversal", "撤销"),
    "type.text": ("text", "文本"),
    "type.integer": ("a whole number", "整数"),
    "type.number": ("a number", "数字"),
    "type.boolean": ("true or false", "true 或 false"),
    "type.date": ("a date (YYYY-MM-DD)", "日期（YYYY-MM-DD）"),
    "type.list": ("a list", "列表"),
    "type.mapping": ("a mapping", "映射"),
    "type.null": ("nothing", "空值"),
    # --- ledger lines ---------------------------------------------------------------------------
    # One record per line, as ledger reads it.
    "ledger_torn": (
        "the last line is incomplete (a write was cut short); complete it or delete it",
        "最后一行不完整（写入被中断）；请补全或删除该行",
    ),
    "ledger_line_too_long": (
        "line is longer than {limit} bytes; a record must fit on one line",
        "该行超过 {limit} 字节；一条记录必须写在一行内",
    ),
    "ledger_not_utf8": (
        "line is not UTF-8 (it looks like {encoding}); save the ledger as UTF-8",
        "该行不是 UTF-8 编码（看起来是 {encoding}）；请将台账另存为 UTF-8",
    ),
    "ledger_conflict_marker": (
        "a git merge conflict marker: keep the records of both sides and delete the marker "
        "lines (`*.progress.yaml merge=union` in .gitattributes avoids this)",
        "git 合并冲突标记：保留双方的记录并删除标记行"
        "（在 .gitattributes 中设置 `*.progress.yaml merge=union` 可避免）",
    ),
    "ledger_bad_char": (
        "character {char} is not allowed; write it as an escape inside double quotes",
        "不允许字符 {char}；请在双引号内用转义写出",
    ),
    "ledger_yaml_feature": (
        "YAML anchors, aliases and tags are not allowed in the ledger",
        "台账中不允许 YAML 锚点、别名和标签",
    ),
    "ledger_not_record": (
        "a ledger line is one record: - {{id: …, date: …, target: …}}",
        "台账每行是一条记录：- {{id: …, date: …, target: …}}",
    ),
    "ledger_not_single_value": (
        "a record's values are single values, not lists or mappings",
        "记录中的值只能是单个值，不能是列表或映射",
    ),
    "ledger_duplicate_key": ("key {key!r} is given twice", "键 {key!r} 重复出现"),
    "ledger_surrogate": (
        "{key} holds a lone surrogate escape; write the character itself",
        "{key} 中有孤立的代理项转义；请直接写出该字符",
    ),
    "record_id": (
        "record id {value!r} is not letters, digits, '-', '_' or '.' (at most 64)",
        "记录 id {value!r} 只能由字母、数字、'-'、'_'、'.' 组成（至多 64 个）",
    ),
    "record_amount": (
        "amount {value} must be a whole number above 0",
        "数量 {value} 必须是大于 0 的整数",
    ),
    "record_done": (
        "done is true or left out, never false",
        "done 只能为 true 或省略，不能为 false",
    ),
    "record_ref_count": (
        "a record names exactly one of target, activity, measure or revert (here: {given})",
        "一条记录只能指明 target、activity、measure、revert 之一（此处：{given}）",
    ),
    "record_too_long": (
        "the record is {size} bytes; a ledger line may be at most {limit}",
        "该记录有 {size} 字节；台账每行最多 {limit} 字节",
    ),
    "ledger_unwritable": (
        "cannot write the ledger: {reason}",
        "无法写入台账：{reason}",
    ),
    # --- ledger records -------------------------------------------------------------------------
    # The records against the plan (checks); the last two are warnings.
    "record_amount_not_target": (
        "an amount is only for counted targets, not for {kind} records",
        "只有计数类目标才有数量，{kind}记录没有",
    ),
    "record_amount_milestone": (
        "target {id!r} is a milestone: it is done or not, it takes no amount",
        "目标 {id!r} 是里程碑：只有完成与否，没有数量",
    ),
    "record_done_not_allowed": (
        "done is only for milestones and measures, not for {kind} records",
        "done 只用于里程碑和措施，不用于{kind}记录",
    ),
    "record_done_counted": (
        "target {id!r} is counted: record an amount, not done",
        "目标 {id!r} 是计数类：应记录数量，而不是 done",
    ),
    "record_needs_done": (
        "target {id!r} is a milestone: its record needs done: true",
        "目标 {id!r} 是里程碑：记录需要 done: true",
    ),
    "revert_of_revert": (
        "record {id!r} is itself a reversal and cannot be reverted; record it again instead",
        "记录 {id!r} 本身是撤销记录，不能再撤销；请重新记录",
    ),
    "revert_twice": (
        "record {id!r} is reverted twice (first on line {first_line}); it is cancelled once",
        "记录 {id!r} 被重复撤销（首次在第 {first_line} 行）；按撤销一次计",
    ),
    "revert_before_record": (
        "a reversal dated {date} cannot cancel record {id!r} of {record_date}: a reversal "
        "is dated on or after the record it reverts",
        "撤销日期 {date} 早于被撤销记录 {id!r} 的日期 {record_date}：撤销记录的日期不能早于原记录",
    ),
    "activity_held_twice": (
        "activity {id!r} is recorded as held twice; the earlier record (line {first_line}) "
        "counts; revert this one to silence this warning",
        "活动 {id!r} 被重复记录为已举办；按较早的一条（第 {first_line} 行）计；"
        "撤销本条即可消除此提示",
    ),
    "milestone_done_twice": (
        "milestone {id!r} is recorded as done twice; the earlier record (line {first_line}) "
        "counts; revert this one to silence this warning",
        "里程碑 {id!r} 被重复记录为已完成；按较早的一条（第 {first_line} 行）计；"
        "撤销本条即可消除此提示",
    ),
    # --- command-line usage ---------------------------------------------------------------------
    # An option, a setting, a REF, an output (exit 2).
    "date_far": (
        "{option} {value!r} is outside the years 1900 to 2999",
        "{option} 的值 {value!r} 不在 1900 至 2999 年之间",
    ),
    "output_is_input": (
        "-o {path} would overwrite a file kexie reads ({what}); choose another file",
        "-o {path} 会覆盖 kexie 读取的文件（{what}）；请换一个文件名",
    ),
    "output_not_file": (
        "-o {path} is not a regular file, a device or a pipe (a symbolic link or a "
        "folder?); kexie does not write through it",
        "-o {path} 不是普通文件、设备或管道（是符号链接或文件夹？）；kexie 不会写入",
    ),
    "input.plan": ("the plan", "计划文件"),
    "input.ledger": ("the plan's ledger", "进度台账"),
    "input.config": ("the settings, kexie.toml", "设置文件 kexie.toml"),
    "input.document": ("the document being drafted", "正在读取的原文文件"),
    "bad_config": ("{path}: {problem}", "{path}：{problem}"),
    "bad_lang": ("unknown language {value!r}; use zh or en", "未知语言 {value!r}；请用 zh 或 en"),
    "bad_date": (
        "{option} {value!r} is not a date (YYYY-MM-DD)",
        "{option} 的值 {value!r} 不是日期（YYYY-MM-DD）",
    ),
    "bad_choice": (
        "{option} {value!r} is not one of {allowed}",
        "{option} 的值 {value!r} 不是 {allowed} 之一",
    ),
    "bad_days": (
        "{option} {value!r} is not a whole number of days from 0 to 366",
        "{option} 的值 {value!r} 不是 0 到 366 之间的天数",
    ),
    "bad_month": (
        "--month {value!r} is not a month from 1 to 12",
        "--month 的值 {value!r} 不是 1 到 12 之间的月份",
    ),
    "bad_year": ("year {value} is outside 1900-2999", "年份 {value} 不在 1900-2999 之间"),
    "bad_period": (
        "--period {value!r} is not Q1-Q4, H1, H2, YEAR or YYYY-MM inside the plan's period",
        "--period {value!r} 无效：应为 Q1-Q4、H1、H2、YEAR 或计划期间内的 YYYY-MM",
    ),
    "ref_ambiguous": (
        "{ref!r} matches more than one: {candidates}; give the id",
        "{ref!r} 匹配到多项：{candidates}；请给出 id",
    ),
    "ref_unknown": (
        "no target, activity or measure is called {ref!r}{hint}",
        "计划中没有名为 {ref!r} 的目标、活动或措施{hint}",
    ),
    "output_unwritable": ("cannot write {path}: {reason}", "无法写入 {path}：{reason}"),
    # --- any run --------------------------------------------------------------------------------
    # The warnings it prints; a bug in kexie (exit 3).
    "plan.bundled": (
        "note: no plan here (no kexie.toml, no plans/*.yaml): showing the example that comes "
        "with kexie, 无锡市科协's 2021 plan; kexie init starts your own",
        "提示：此处没有计划（没有 kexie.toml，也没有 plans/*.yaml）：显示 kexie 自带的示例，"
        "即无锡市科协2021年工作意见；用 kexie init 创建自己的计划",
    ),
    "warnings_more": (
        "… and {count} more {count:warning|warnings}; kexie validate lists every one",
        "……另有 {count} 条提示；用 kexie validate 可列出全部",
    ),
    "internal_error": ("internal error: {detail}", "internal error: {detail}"),
    "debug_hint": (
        "this is a bug in kexie; run again with KEXIE_DEBUG=1 for the traceback",
        "这是 kexie 的缺陷；设置 KEXIE_DEBUG=1 重新运行可看到调用栈",
    ),
    # --- record and revert ----------------------------------------------------------------------
    # kexie record and kexie revert.
    "record.default_unit": (
        "your unit {value!r} (from {source}) is not one of this plan's ({problem}): set "
        "yours with kexie config set unit UNIT, or give --by",
        "你的默认单位 {value!r}（来自{source}）不是本计划的单位（{problem}）："
        "请用 kexie config set unit 单位 设置，或用 --by 指定",
    ),
    "source.kexie_by": ("the environment variable KEXIE_BY", "环境变量 KEXIE_BY"),
    "source.user_config": ("your settings, {path}", "个人设置 {path}"),
    "record.unconfirmed": (
        "recorded as {id}, but the confirmation could not be printed ({reason}); do not "
        "record it again",
        "已记录为 {id}，但确认信息无法输出（{reason}）；请勿重复记录",
    ),
    "record.bundled_plan": (
        "the 2021 plan bundled with kexie is read-only; give --plan PATH to your own plan",
        "kexie 自带的2021年计划是只读的；请用 --plan PATH 指定你自己的计划",
    ),
    "record.ref_missing": (
        "say what to record: kexie record REF (an id or part of a name)",
        "请指明要记录的事项：kexie record REF（id 或名称的一部分）",
    ),
    "record.ask_ref": (
        "Target, activity or measure (id or part of its name)",
        "目标、活动或措施（id 或名称的一部分）",
    ),
    "record.amount": (
        "amount {value!r} is not a whole number from 1 to 999999999",
        "数量 {value!r} 不是 1 到 999999999 之间的整数",
    ),
    "record.amount_not_target": (
        "no amount for {kind} {id!r}: only counted targets take one",
        "{kind} {id!r} 不能填写数量：只有计数类目标可以",
    ),
    "record.done_counted": (
        "--done is for milestones and measures; {id!r} is a counted target: give an AMOUNT",
        "--done 只用于里程碑和措施；{id!r} 是计数类目标：请给出数量",
    ),
    "record.needs_done": (
        "{id!r} is a milestone: add --done to record it as done",
        "{id!r} 是里程碑：请加 --done 记录为已完成",
    ),
    "record.ask_done": ("Mark {name} as done?", "将「{name}」标记为已完成？"),
    "record.period_ended": (
        "the plan's period ended on {end} (today is {today}): give the day it happened "
        "with --date YYYY-MM-DD",
        "计划期已于 {end} 结束（今天是 {today}）：请用 --date YYYY-MM-DD 指定事项发生的日期",
    ),
    "record.future": (
        "date {date} is in the future (today is {today})",
        "日期 {date} 晚于今天（{today}）",
    ),
    "record.date_outside": (
        "date {date} is outside the plan's period {start} to {end}; give --date YYYY-MM-DD",
        "日期 {date} 不在计划期间 {start} 至 {end} 内；请用 --date YYYY-MM-DD 指定",
    ),
    "record.not_unicode": (
        "{option} is not valid UTF-8 text; check the terminal's encoding",
        "{option} 不是有效的 UTF-8 文本；请检查终端编码",
    ),
    "record.done_twice": (
        "milestone {id!r} is already recorded as done on {date} ({record}); "
        "revert that record first to record it again",
        "里程碑 {id!r} 已于 {date} 记录为已完成（{record}）；如需重新记录，请先撤销该记录",
    ),
    "record.held_twice": (
        "activity {id!r} is already recorded as held on {date} ({record}); "
        "revert that record first to record it again",
        "活动 {id!r} 已于 {date} 记录为已举办（{record}）；如需重新记录，请先撤销该记录",
    ),
    "record.confirm": ("Write this record?", "写入这条记录？"),
    "record.cancelled": ("cancelled; nothing written", "已取消，未写入"),
    "record.dry_run": ("dry run, not written: {line}", "试运行，未写入：{line}"),
    "record.written": ("recorded: {line}", "已记录：{line}"),
    "record.standing": ("{name} ({id}): {words}", "{name}（{id}）：{words}"),
    "record.held": ("held on {date}", "已于 {date} 举办"),
    "record.not_held": ("not held yet", "尚未举办"),
    "record.done_on": ("done on {date}", "已于 {date} 完成"),
    "record.not_done": ("not done yet", "尚未完成"),
    "record.measure_count": ("{count} {count:record|records}", "共 {count} 条记录"),
    "revert.already": (
        "record {id!r} is already reverted by {by} ({date})",
        "记录 {id!r} 已被 {by} 撤销（{date}）",
    ),
    # --- status and states ----------------------------------------------------------------------
    # kexie status, and a target's state (state.*: a TargetState, or not_achieved: overdue at the
    # period's end; status.as_of.*: why as_of was clamped).
    "status.as_of": ("as of {date}", "截至 {date}"),
    "status.as_of.ended": ("as of {date} (the period has ended)", "截至 {date}（计划期已结束）"),
    "status.as_of.not_started": (
        "as of {date} (the period has not begun)",
        "截至 {date}（计划期尚未开始）",
    ),
    "status.period": (
        "{elapsed} of {total} {total:day|days} gone ({share}%)",
        "时间已过 {share}%（{elapsed}/{total} 天）",
    ),
    "status.goals": (
        "{met} of {targets} {targets:target|targets} met ({share}%)",
        "目标完成 {met}/{targets} 项（{share}%）",
    ),
    "status.no_measure": ("Targets without a measure", "未关联措施的目标"),
    "status.no_targets": ("No targets match.", "没有符合条件的目标。"),
    "status.activities": (
        "Major activities: {held} of {total} held",
        "重大活动：已举办 {held}/{total} 项",
    ),
    "status.activities_due": (
        "due in the next {days} {days:day|days} or overdue:",
        "{days} 天内到期或已逾期：",
    ),
    "status.done_on": ("✓ {date}", "✓ {date}"),
    "goal.milestone": ("milestone", "里程碑"),
    "state.exceeded": ("exceeded", "超额"),
    "state.met": ("met", "达标"),
    "state.done": ("done", "已完成"),
    "state.on_track": ("on track", "正常"),
    "state.behind": ("behind", "落后"),
    "state.overdue": ("overdue", "逾期"),
    "state.not_achieved": ("not achieved", "未完成"),
    "state.pending": ("pending", "未开始"),
    "state.open": ("open", "待完成"),
    # --- planned days ---------------------------------------------------------------------------
    # When an activity is planned (render.words.span_words).
    "when.month": ("{year}-{month:02d}", "{month}月"),
    "when.date": ("{year}-{month:02d}-{day:02d}", "{month}月{day}日"),
    "when.window_same_month": (
        "{year}-{month:02d}-{day:02d} – {last_day:02d}",
        "{month}月{day}日–{last_day}日",
    ),
    "when.window": (
        "{year}-{month:02d}-{day:02d} – {last_year}-{last_month:02d}-{last_day:02d}",
        "{month}月{day}日–{last_month}月{last_day}日",
    ),
    "when.about": ("about {when}", "约{when}"),
    # --- activities -----------------------------------------------------------------------------
    # kexie activities, and an activity's state (activity.*: an ActivityState, or late: held after
    # its planned days).
    "activity.held": ("held", "已举办"),
    "activity.upcoming": ("upcoming", "待举办"),
    "activity.overdue": ("overdue", "逾期未办"),
    "activity.not_held": ("not held", "未举办"),
    "activity.this_month": ("this month", "本月"),
    "activity.late": ("late", "延期"),
    "activities.title": ("{title}: major activities", "{title}：重大活动安排"),
    "activities.summary": (
        "{total} {total:activity|activities}: {held} held, {this_month} this month, "
        "{upcoming} upcoming, {overdue} overdue",
        "共 {total} 项：已举办 {held}，本月 {this_month}，待举办 {upcoming}，逾期未办 {overdue}",
    ),
    "activities.summary_not_held": (
        ", {count} not held (estimated month passed)",
        "，未举办 {count}（估计月份已过）",
    ),
    "activities.tentative_note": (
        "“about”: the month is the office's estimate, not the plan's word; such an "
        "activity is never overdue.",
        "“约”：月份为办公室估计，并非计划原文；此类活动不计逾期。",
    ),
    "activities.none": ("No activities match.", "没有符合条件的重大活动。"),
    # --- measures -------------------------------------------------------------------------------
    # kexie measures, and a measure's state (measure.*: a MeasureState; done is state.done).
    "measure.not_started": ("not started", "未开始"),
    "measure.in_progress": ("in progress", "进行中"),
    "measures.title": ("{title}: measures", "{title}：主要工作措施"),
    "measures.summary": (
        "{total} {total:measure|measures}: {done} done, {in_progress} in progress, "
        "{not_started} not started",
        "共 {total} 项措施：已完成 {done}，进行中 {in_progress}，未开始 {not_started}",
    ),
    "measures.none": ("No measures match.", "没有符合条件的措施。"),
    "measures.records": ("{count} {count:record|records}", "{count} 条记录"),
    # --- units and remind -----------------------------------------------------------------------
    # kexie status --group owner, and kexie remind (remind.why.*: why an item is on the list).
    "no_units": (
        "the plan lists no units; add units and owners to see who does what",
        "计划中没有列出单位；请添加 units，并为措施、目标和活动指定 owner",
    ),
    "owners.title": ("{title}: by responsible unit", "{title}：按负责单位汇总"),
    "owners.unowned": ("(no unit)", "（未指定单位）"),
    "owners.note": (
        "Counted by owner (a target's or activity's own, else its measure's); co-owners "
        "are not counted.",
        "按负责单位统计：目标或活动自身的，未指定时取所属措施的；协办单位不计入。",
    ),
    "remind.title": ("{title}: reminders {as_of}", "{title}：工作提醒（{as_of}）"),
    "remind.nothing": (
        "Nothing to chase: no unit has anything behind, overdue or due within {days} "
        "{days:day|days}, and every responsible unit has recorded in the last {days} "
        "{days:day|days}.",
        "无需提醒：各单位没有落后、逾期或 {days} 天内到期的事项，负责单位近 {days} 天均有填报。",
    ),
    "remind.why.overdue": ("overdue", "已逾期"),
    "remind.why.behind": ("behind", "进度落后"),
    "remind.why.due_soon": ("due soon", "即将到期"),
    "remind.numbers": (
        "{actual} of {goal}, expected {by_now} by now",
        "完成 {actual}，目标 {goal}，序时应达 {by_now}",
    ),
    "remind.due": ("due {date}", "截止 {date}"),
    "remind.planned": ("planned {when}", "计划 {when}"),
    "remind.co_owner": ("co-owner", "协办"),
    "remind.silent": (
        "nothing recorded in the last {days} {days:day|days} (last record {date})",
        "近 {days} 天没有填报进度（最近一次 {date}）",
    ),
    "remind.silent_never": (
        "nothing recorded in the last {days} {days:day|days} (none yet)",
        "近 {days} 天没有填报进度（尚无填报）",
    ),
    "remind.unowned": (
        "{count} more {count:item|items} behind, overdue or due soon {count:names|name} no unit "
        "(see kexie status)",
        "另有 {count} 项落后、逾期或即将到期的事项未指定负责单位（见 kexie status）",
    ),
    # --- show -----------------------------------------------------------------------------------
    # kexie show REF.
    "show.earlier": (
        "The latest records; {count} earlier {count:one is|ones are} left out: kexie log {ref}"
        " lists them all.",
        "以下为最近的记录；另有 {count} 条更早的记录未列出：kexie log {ref} 可列出全部。",
    ),
    "show.target": ("Target", "目标"),
    "show.activity": ("Major activity", "重大活动"),
    "show.measure": ("Measure", "工作措施"),
    "show.text": ("plan text", "计划原文"),
    "show.due": ("due", "截止日期"),
    "show.in_measure": ("measure", "所属措施"),
    "show.standing": ("standing", "当前情况"),
    "show.tasks": ("Tasks", "工作任务"),
    "show.targets": ("Targets", "相关目标"),
    "show.activities": ("Major activities", "相关重大活动"),
    "show.records": ("Records", "记录"),
    "show.no_records": ("No records yet.", "暂无记录。"),
    "show.reverted_by": ("reverted by {id}", "已被 {id} 撤销"),
    "show.chart": (
        "Cumulative actual by month (█) against expected (│)",
        "逐月累计完成（█）与序时进度（│）",
    ),
    "show.adjusted": ("adjusted", "目标调整"),
    # --- log ------------------------------------------------------------------------------------
    # kexie log, and a record's words in show's table of records.
    "log.done": ("done", "完成"),
    "log.reverts": ("reverts {id}", "撤销 {id}"),
    "log.empty": ("No records.", "没有记录。"),
    # --- report ---------------------------------------------------------------------------------
    # kexie report (report.period.*: report.PERIODS, and month).
    "report.more_notes": (
        "… and {count} more {count:note|notes}: kexie log MEASURE lists them all.",
        "……另有 {count} 条说明未列出：kexie log 措施 可列出全部。",
    ),
    "report.more_records": (
        "… and {count} more {count:record|records} of the period, not listed here: kexie "
        "report --period {period} --format csv --table records (or --format xlsx) lists "
        "them all.",
        "……本期另有 {count} 条记录未在此列出：kexie report --period {period} "
        "--format csv --table records（或 --format xlsx）可列出全部。",
    ),
    "xlsx_too_many_rows": (
        "sheet {sheet} has more than {limit} rows, more than a workbook holds; use --format csv",
        "工作表 {sheet} 超过 {limit} 行，超出工作簿的容量；请用 --format csv",
    ),
    "report.period.Q1": ("first quarter of {year}", "{year}年第一季度"),
    "report.period.Q2": ("second quarter of {year}", "{year}年第二季度"),
    "report.period.Q3": ("third quarter of {year}", "{year}年第三季度"),
    "report.period.Q4": ("fourth quarter of {year}", "{year}年第四季度"),
    "report.period.H1": ("first half of {year}", "{year}年上半年"),
    "report.period.H2": ("second half of {year}", "{year}年下半年"),
    "report.period.YEAR": ("year {year}", "{year}年度"),
    "report.period.month": ("{year}-{month:02d}", "{year}年{month}月"),
    "report.title": ("{title}: report on the {period}", "{title}：{period}工作报告"),
    "report.span": (
        "Period {start} to {end} · figures as of {as_of}",
        "报告期 {start} 至 {end} · 数据截至 {as_of}",
    ),
    "report.summary": (
        "{targets} {targets:target|targets}: {completed} completed, {on_track} on schedule, "
        "{behind} behind schedule, {overdue} overdue, {not_started} not started",
        "{targets}项指标：已完成 {completed}，达进度 {on_track}，欠进度 {behind}，"
        "逾期 {overdue}，未开始 {not_started}",
    ),
    "report.summary_final": (
        "{targets} {targets:target|targets}: {completed} completed, {on_track} on schedule, "
        "{behind} behind schedule, {overdue} not achieved, {not_started} not started",
        "{targets}项指标：已完成 {completed}，达进度 {on_track}，欠进度 {behind}，"
        "未完成 {overdue}，未开始 {not_started}",
    ),
    "report.targets": ("Targets", "工作目标完成情况"),
    "report.adjustments": ("Adjusted goals", "目标调整情况"),
    "report.activities": ("Major activities", "重大活动"),
    "report.held": ("Held in the period", "本期举办"),
    "report.slipped": ("Slipped", "延误"),
    "report.held_late": ("held late, on {date}", "延期于 {date} 举办"),
    "report.none": ("None.", "无。"),
    "report.notes": ("Notes on measures", "工作措施进展"),
    "report.annex": ("Annex: records of the period", "附：本期记录"),
    "report.charts": ("Cumulative progress against the calendar", "累计完成与序时进度"),
    "report.states_by_section": ("Targets by state, per section", "各部分目标状态"),
    "report.chart_actual": ("actual", "累计完成"),
    "report.chart_expected": ("expected", "序时进度"),
    "report.this_period.held": ("held in the period", "本期举办"),
    "report.this_period.slipped": ("slipped", "延误"),
    "sheet.activities": ("activities", "重大活动"),
    "report.needs_output": (
        "--format {format} writes a file: give -o FILE",
        "--format {format} 需要写入文件：请用 -o FILE 指定",
    ),
    "report.table_csv_only": (
        "--table is for --format csv only",
        "--table 只用于 --format csv",
    ),
    "report.period_not_started": (
        "{value} starts on {start}, after {as_of}: there is nothing to report yet",
        "{value} 自 {start} 开始，晚于 {as_of}：尚无可报告的内容",
    ),
    # --- diff -----------------------------------------------------------------------------------
    # kexie diff, and a plan read from git (diff --git, validate --against); the words of a change
    # are diff.* of plandiff.CHANGE_KINDS.
    "diff.needs_two": (
        "give two plan files (OLD NEW), or --git REV [PLAN]",
        "请给出两个计划文件（OLD NEW），或 --git REV [PLAN]",
    ),
    "git_bad_rev": ("no git revision {rev!r} here", "当前仓库中没有 git 版本 {rev!r}"),
    "git_no_file": ("{path} is not in git revision {rev}", "git 版本 {rev} 中没有 {path}"),
    "git_failed": ("git could not be run: {reason}", "无法运行 git：{reason}"),
    "git_plan_invalid": (
        "the plan at {rev} is not valid ({problem}); compare with another revision",
        "{rev} 版本中的计划无效（{problem}）；请与其他版本比较",
    ),
    "diff.none": (
        "No changes to sections, measures, targets or activities.",
        "部分、措施、目标和重大活动均无变化。",
    ),
    "diff.title": (
        "{old} → {new}: {count} {count:change|changes}",
        "{old} → {new}：{count} 处变化",
    ),
    "diff.section_added": ("section added", "新增部分"),
    "diff.section_removed": ("section removed", "删除部分"),
    "diff.measure_added": ("measure added", "新增措施"),
    "diff.measure_removed": ("measure removed", "删除措施"),
    "diff.target_added": ("target added", "新增目标"),
    "diff.target_removed": ("target removed", "删除目标"),
    "diff.goal_changed": ("goal changed", "目标值修改"),
    "diff.goal_adjusted": ("goal adjusted", "目标调整"),
    "diff.unit_changed": ("unit changed", "单位修改"),
    "diff.due_changed": ("due date changed", "截止日期修改"),
    "diff.kind_changed": ("kind changed", "类型修改"),
    "diff.activity_added": ("activity added", "新增重大活动"),
    "diff.activity_removed": ("activity removed", "删除重大活动"),
    "diff.activity_moved": ("activity moved", "重大活动时间调整"),
    # --- validate -------------------------------------------------------------------------------
    # kexie validate.
    "validate.ok": ("{path}: ok ({summary})", "{path}：通过（{summary}）"),
    "validate.plan_summary": (
        "{sections} {sections:section|sections}, {measures} {measures:measure|measures}, "
        "{targets} {targets:target|targets}, {activities} {activities:activity|activities}",
        "{sections} 个部分，{measures} 项措施，{targets} 项目标，{activities} 项活动",
    ),
    "validate.failed": (
        "{errors} {errors:error|errors} in {files} {files:file|files}; {ok} {ok:file|files} ok",
        "{files} 个文件中有 {errors} 处错误；{ok} 个文件通过",
    ),
    "validate.ledger_summary": ("{records} {records:record|records}", "{records} 条记录"),
    "validate.with_warnings": (", {count} {count:warning|warnings}", "，{count} 条提示"),
    "validate.strict_failed": (
        "{count} {count:warning|warnings}, and --strict fails on warnings",
        "有 {count} 条提示；--strict 模式下提示也视为失败",
    ),
    # --- config ---------------------------------------------------------------------------------
    # kexie config: a person's own settings.
    "config.set": ("{key} = {value} (kept in {path})", "{key} = {value}（保存在 {path}）"),
    "config.needs_key": (
        "kexie config {action} needs a KEY: unit or lang",
        "kexie config {action} 需要指定 KEY：unit 或 lang",
    ),
    "config.needs_value": (
        "kexie config set {key} needs a VALUE",
        "kexie config set {key} 需要指定 VALUE",
    ),
    "config.no_home": (
        "no folder for your settings: set HOME (APPDATA on Windows) or XDG_CONFIG_HOME",
        "找不到存放个人设置的文件夹：请设置 HOME（Windows 为 APPDATA）或 XDG_CONFIG_HOME",
    ),
    "config.unreadable": (
        "{path}: cannot read your settings ({reason}); fix or delete the file",
        "{path}：无法读取个人设置（{reason}）；请修正或删除该文件",
    ),
    "config.unknown_key": (
        "{path}: unknown setting {key!r} (known: {known})",
        "{path}：未知的设置 {key!r}（可用：{known}）",
    ),
    "config.not_text": (
        "{path}: {key} must be text in quotes",
        "{path}：{key} 的值必须是带引号的文本",
    ),
    "config.shared_unit": (
        "note: kexie.toml sets unit = {value!r}, which every clone of the repository shares; "
        "who records is each person's own setting now: run kexie config set unit {value} "
        "and remove unit from kexie.toml",
        "提示：kexie.toml 中设置了 unit = {value!r}，仓库的每个副本都会共用它；"
        "填报单位现在是个人设置：请运行 kexie config set unit {value}，并从 kexie.toml 中删除 unit",
    ),
    # --- init and new-year ----------------------------------------------------------------------
    # kexie init and kexie new-year.
    "new_year.same_year": (
        "the --from plan is already for {value}; give the next year",
        "--from 指定的计划已是 {value} 年的；请给出下一年",
    ),
    "init.would_overwrite": (
        "already exists, nothing written: {paths}",
        "已存在，未写入任何文件：{paths}",
    ),
    "init.wrote": ("wrote {path}", "已写入 {path}"),
    "init.next": (
        "Next: fill in {plan}, then kexie validate, kexie status, git add . && git commit",
        "下一步：按正式文件填写 {plan}，然后运行 kexie validate、kexie status，"
        "再 git add . && git commit",
    ),
    "new_year.header": (
        "The {year} plan, made by kexie new-year from the {old} plan. Each goal is kept and "
        "marked '# review': check it against the approved document.",
        "{year}年计划，由 kexie new-year 根据{old}年计划生成。各目标值沿用上年并标注 "
        "'# review'：请对照正式印发的文件逐项核对。",
    ),
    "new_year.review": (
        "{count} {count:goal|goals} marked '# review': check each against the approved plan",
        "{count} 个目标值标注了 '# review'：请对照正式印发的计划逐项核对",
    ),
    # --- template and import --------------------------------------------------------------------
    # kexie template (the 填报表 a unit fills in) and kexie import (its rows read back).
    "template.needs_output": (
        "say where to write the form: kexie template -o FILE.xlsx (or FILE.csv)",
        "请指定填报表的保存位置：kexie template -o 文件.xlsx（或 文件.csv）",
    ),
    "template.nothing": (
        "unit {unit!r} owns or co-owns no target, activity or measure: there is nothing "
        "for it to report",
        "单位 {unit!r} 没有负责或协办的目标、活动或措施：没有需要它填报的事项",
    ),
    "template.written": (
        "wrote {path}: a form with {count} {count:item|items} to report on",
        "已写入 {path}：填报表，含 {count} 个可填报事项",
    ),
    "template.sheet.form": ("form", "填报表"),
    "template.sheet.standing": ("standing", "目标进度"),
    "template.sheet.instructions": ("instructions", "填报说明"),
    "template.sheet.lists": ("lists", "选项"),
    "template.everyone": ("every unit", "各单位"),
    "template.title": ("Progress form of {who}, {period}", "{who}工作进展填报表（{period}）"),
    "template.standing_title": (
        "Where the work of {who} stands on {date}",
        "{who}各项工作截至 {date} 的进展",
    ),
    "template.yes": ("yes", "是"),
    "template.no": ("no", "否"),
    "template.valid.date": (
        "a date from {start} to {end}, such as {start}",
        "请填写 {start} 至 {end} 之间的日期，如 {start}",
    ),
    "template.valid.item": (
        "choose the target, activity or measure from the list",
        "请从下拉列表中选择目标、活动或措施",
    ),
    "template.valid.amount": (
        "a whole number from 1; left empty, a counted target counts 1",
        "请填写不小于 1 的整数；计数类目标不填按 1 计",
    ),
    "template.valid.done": (
        "yes when a milestone or a measure is done; else leave it empty",
        "里程碑或工作措施已完成时填“是”，否则不填",
    ),
    "template.valid.by": ("choose your unit from the list", "请从下拉列表中选择填报单位"),
    "template.help.intro": (
        "Report here the work of {who} from {start} to {end}: one row for each thing done. "
        "Fill in the sheet {form}, save it as .xlsx and send it back to the office.",
        "本表用于填报{who}在 {start} 至 {end} 期间完成的工作，每完成一项填一行。"
        "请在“{form}”工作表中填写，保存为 .xlsx 文件后发回办公室。",
    ),
    "template.help.date": (
        "Date: the day it happened, from {start} to {end}, written as {start}.",
        "日期：事项发生的日期，须在 {start} 至 {end} 之间，格式如 {start}。",
    ),
    "template.help.item": (
        "Item: the target, major activity or measure, chosen from the list (its id will do too).",
        "事项：从下拉列表中选择目标、重大活动或工作措施的名称（也可填写其编号）。",
    ),
    "template.help.amount": (
        "Amount: for a counted target, how many this row adds (a whole number; left empty, "
        "1). Milestones, activities and measures take none.",
        "数量：计数类目标填写本行完成的数量（整数，不填按 1 计）；里程碑、活动和措施不填。",
    ),
    "template.help.done": (
        "Done: {yes} when a milestone is completed, or a measure is done as a whole; for "
        "news of a measure and for everything else, leave it empty.",
        "完成：里程碑完成、或工作措施整体完成时填“{yes}”；措施仅报进展及其他事项不填。",
    ),
    "template.help.note": (
        "Note: what was done, briefly (第三期海智沙龙). Two like events on one day are two "
        "rows; tell them apart in the note.",
        "说明：简要写明做了什么，如“第三期海智沙龙”。同一天的两项同类工作请分两行填写，"
        "并在说明中加以区分。",
    ),
    "template.help.evidence": (
        "Evidence: the address of a report, notice or file that shows it (optional).",
        "佐证：相关报道、通知或材料的网址或文件名（可不填）。",
    ),
    "template.help.by_given": (
        "Unit: filled in with {who}; leave it as it is.",
        "填报单位：已预填为{who}，请勿修改。",
    ),
    "template.help.by_choose": (
        "Unit: choose yours from the list.",
        "填报单位：请从下拉列表中选择本单位。",
    ),
    "template.help.rows": (
        "Do not change the header row or the columns; empty rows are passed over. A row sent "
        "again in a later form is counted once.",
        "请勿修改表头和列的顺序；空行不计。已报送过的行在以后的表中再次出现，只计一次。",
    ),
    "template.help.standing": (
        "The sheet {standing} shows where the targets, activities and measures of {who} "
        "stood on {date}: goal, actual, 序时进度 (what the calendar expects by then) and "
        "state.",
        "“{standing}”工作表列出{who}各项目标、活动和措施截至 {date} 的目标值、完成数、"
        "序时进度和状态，供参考。",
    ),
    "import.needs_yes": (
        "no terminal to confirm the import at: add --yes to append, or --dry-run to see "
        "what would be appended",
        "没有可确认导入的终端：请加 --yes 直接追加，或加 --dry-run 仅预览",
    ),
    "import.encoding": ("{file}: read as {encoding}", "{file}：按 {encoding} 编码读取"),
    "import.sheets_skipped": (
        "{file}: sheets without the columns 日期 (date) and 事项 (item) were passed over: {sheets}",
        "{file}：以下工作表没有“日期”“事项”列，未读取：{sheets}",
    ),
    "import.columns_ignored": (
        "{place}: columns passed over: {columns}",
        "{place}：以下列未读取：{columns}",
    ),
    "import.no_header": (
        "no header row found: a sheet needs the columns 日期 (date) and 事项 (item) in one "
        "of its first rows",
        "没有找到表头：工作表的前几行中应有“日期”和“事项”列",
    ),
    "import.column_twice": (
        "a second column {name!r}; keep one",
        "列 {name!r} 重复出现；请只保留一列",
    ),
    "import.item_twice": (
        "two item columns are filled in on this row; a row is about one thing",
        "本行填写了两个事项列；每行只能填报一项",
    ),
    "import.date_missing": ("the date is missing", "缺少日期"),
    "import.bad_date": (
        "{value!r} is not a date (write it as 2021-03-12)",
        "{value!r} 不是日期（请按 2021-03-12 的格式填写）",
    ),
    "import.item_missing": (
        "the item is missing: which target, activity or measure?",
        "缺少事项：请填写目标、活动或措施",
    ),
    "import.bad_done": (
        "{value!r} is neither 是 (yes) nor 否 (no)",
        "{value!r} 不是“是”或“否”",
    ),
    "import.amount_not_target": (
        "an amount is only for counted targets; leave it empty for this {kind}",
        "只有计数类目标填写数量，{kind}不填",
    ),
    "import.amount_milestone": (
        "{id!r} is a milestone: it is done or not, leave the amount empty",
        "{id!r} 是里程碑：只有完成与否，数量不填",
    ),
    "import.done_not_allowed": (
        "done is only for milestones and measures; leave it empty for this {kind}",
        "“完成”只用于里程碑和工作措施，{kind}不填",
    ),
    "import.done_counted": (
        "{id!r} is a counted target: give the amount and leave done empty",
        "{id!r} 是计数类目标：请填写数量，“完成”不填",
    ),
    "import.needs_done": (
        "{id!r} is a milestone: write 是 (yes) under done when it is completed",
        "{id!r} 是里程碑：完成时请在“完成”列填“是”",
    ),
    "import.amount_implausible": (
        "amount {amount} is more than the whole goal of {id!r} ({goal} {unit}); is it right?",
        "数量 {amount} 超过了 {id!r} 的全部目标值（{goal} {unit}）；请核对",
    ),
    "import.held_twice": (
        "activity {id!r} is already held on {date} by an earlier row ({record})",
        "活动 {id!r} 已由前面的行记录为 {date} 举办（{record}）",
    ),
    "import.done_twice": (
        "milestone {id!r} is already done on {date} by an earlier row ({record})",
        "里程碑 {id!r} 已由前面的行记录为 {date} 完成（{record}）",
    ),
    "import.too_large": (
        "the file is {size} bytes; kexie reads files of at most {limit}",
        "文件有 {size} 字节；kexie 只读取不超过 {limit} 字节的文件",
    ),
    "import.too_many_rows": (
        "more than {limit} rows; split the file",
        "超过 {limit} 行；请拆分文件",
    ),
    "import.old_workbook": (
        "an old .xls, a WPS .et or an encrypted workbook: save it as .xlsx (or CSV UTF-8) "
        "without a password",
        "这是旧版 .xls、WPS .et 或加密的工作簿：请另存为不加密码的 .xlsx（或 CSV UTF-8）",
    ),
    "import.bad_workbook": (
        "cannot read the workbook: {reason}",
        "无法读取该工作簿：{reason}",
    ),
    "import.encoding_unknown": (
        "a CSV file that is neither UTF-8 nor GB18030 (it looks like {encoding}); save it as "
        "CSV UTF-8",
        "CSV 文件既不是 UTF-8 也不是 GB18030 编码（看起来是 {encoding}）；请另存为 CSV UTF-8",
    ),
    "import.bad_csv": ("cannot read the CSV file: {reason}", "无法读取该 CSV 文件：{reason}"),
    "import.place_line": ("{file} line {row}", "{file} 第{row}行"),
    "import.place_row": ("{file} {sheet} row {row}", "{file} {sheet} 第{row}行"),
    "import.col_file": ("file", "文件"),
    "import.col_row": ("row", "行"),
    "import.more_rows": (
        "… and {count} more {count:row|rows}",
        "……另有 {count} 行",
    ),
    "import.summary": (
        "{count} {count:record|records} to append from {files} {files:file|files}; "
        "{skipped} {skipped:row was|rows were} imported before",
        "将从 {files} 个文件追加 {count} 条记录；{skipped} 行此前已导入，不再追加",
    ),
    "import.nothing_new": (
        "nothing to append: {skipped} {skipped:row was|rows were} imported before",
        "没有需要追加的记录：{skipped} 行此前均已导入",
    ),
    "import.dry_run": ("dry run: nothing written", "试运行：未写入任何内容"),
    "import.confirm": (
        "Append these {count} records to {ledger}?",
        "将以上 {count} 条记录追加到 {ledger}？",
    ),
    "import.changed": (
        "while you confirmed, {count} of these rows were imported by another run; nothing "
        "was written: run kexie import again",
        "确认期间已有 {count} 行被另一次导入写入；本次未写入任何内容：请重新运行 kexie import",
    ),
    "import.written": (
        "appended {count} {count:record|records} to {ledger}",
        "已向 {ledger} 追加 {count} 条记录",
    ),
    "import.unconfirmed": (
        "appended {count} records, but the confirmation could not be printed ({reason}); "
        "importing the files again would append nothing more",
        "已追加 {count} 条记录，但确认信息无法输出（{reason}）；再次导入这些文件不会重复追加",
    ),
    # --- draft ----------------------------------------------------------------------------------
    # kexie draft: reading the plan document (each refusal is one line, exit 2).
    "draft.too_large": (
        "file is {size} bytes; kexie draft reads documents of at most {limit} bytes",
        "文件有 {size} 字节；kexie draft 只读取不超过 {limit} 字节的文件",
    ),
    "draft.text_too_large": (
        "the document's text is {size} bytes; at most {limit}",
        "文件正文有 {size} 字节；最多 {limit} 字节",
    ),
    "draft.binary": (
        "not a text document: NUL byte at byte {offset}",
        "不是文本文件：第 {offset} 字节处有 NUL 字节",
    ),
    "draft.control_chars": (
        "not a text document: {count} control {count:character|characters}",
        "不是文本文件：含 {count} 个控制字符",
    ),
    "draft.encoding": (
        "not readable as {encoding} text; save the document as UTF-8 or as Word .docx",
        "无法按 {encoding} 编码读取；请另存为 UTF-8 文本或 Word .docx 文件",
    ),
    "draft.not_zip": (
        "not a Word .docx file (a .docx is a zip archive, this is not one)",
        "不是 Word .docx 文件（.docx 是 zip 压缩包，此文件不是）",
    ),
    "draft.old_word": (
        "an old Word or WPS file (.doc, .wps); open it and save it as .docx",
        "这是旧版 Word 或 WPS 文件（.doc、.wps）；请打开后另存为 .docx",
    ),
    "draft.pdf": (
        "a PDF, which kexie draft does not read; save the document as .docx or .txt",
        "这是 PDF 文件，kexie draft 不读取；请将文件另存为 .docx 或 .txt",
    ),
    "draft.zip_broken": ("damaged .docx: {reason}", ".docx 文件已损坏：{reason}"),
    "draft.zip_entries": (
        "the .docx holds {count} files; a Word document has far fewer (at most {limit})",
        ".docx 内含 {count} 个文件；Word 文档远少于此（最多 {limit} 个）",
    ),
    "draft.zip_not_docx": (
        "a zip archive without word/document.xml: not a Word document",
        "zip 压缩包中没有 word/document.xml：不是 Word 文档",
    ),
    "draft.zip_encrypted": (
        "the .docx is encrypted ({name}); save it without a password",
        ".docx 已加密（{name}）；请去掉密码后另存",
    ),
    "draft.zip_method": (
        "{name} in the .docx is packed with method {method}; Word uses deflate only",
        ".docx 中的 {name} 使用了压缩方法 {method}；Word 只使用 deflate",
    ),
    "draft.zip_too_big": (
        "the .docx would unpack to {size} bytes or more, over the limit of {limit}: "
        "refused without unpacking",
        ".docx 解压后至少有 {size} 字节，超过上限 {limit} 字节：未解压即拒绝",
    ),
    "draft.docx_broken": ("cannot read the .docx: {reason}", "无法读取 .docx：{reason}"),
    "draft.html_broken": (
        "cannot read the web page; save it as text (.txt) instead",
        "无法读取该网页；请另存为文本文件（.txt）",
    ),
    "draft.would_overwrite": (
        "{path} exists; nothing written (--force replaces it)",
        "{path} 已存在，未写入（加 --force 可覆盖）",
    ),
    # A document far larger than any year's plan (draft.MAX_SECTIONS …): not drafted.
    "draft.too_many.sections": (
        "the document holds more than {limit} sections; a year's plan has far fewer: not drafted",
        "文件中的部分超过 {limit} 个，远多于一年的计划：未生成草稿",
    ),
    "draft.too_many.measures": (
        "the document holds more than {limit} measures; a year's plan has far fewer: not drafted",
        "文件中的措施超过 {limit} 项，远多于一年的计划：未生成草稿",
    ),
    "draft.too_many.tasks": (
        "the document holds more than {limit} tasks; a year's plan has far fewer: not drafted",
        "文件中的任务超过 {limit} 项，远多于一年的计划：未生成草稿",
    ),
    "draft.too_many.targets": (
        "the document holds more than {limit} targets; a year's plan has far fewer: not drafted",
        "文件中的目标超过 {limit} 个，远多于一年的计划：未生成草稿",
    ),
    "draft.too_many.activities": (
        "the document holds more than {limit} activities; a year's plan has far fewer: not drafted",
        "文件中的活动超过 {limit} 项，远多于一年的计划：未生成草稿",
    ),
    "draft.plan_too_large": (
        "the draft would be {size} bytes; kexie reads plans of at most {limit} bytes",
        "草稿将有 {size} 字节；kexie 只读取不超过 {limit} 字节的计划文件",
    ),
    "draft.no_year": (
        "no year in the document's title or text; name the output plans/YYYY.yaml",
        "文件标题和正文中都没有年份；请将输出文件命名为 plans/YYYY.yaml",
    ),
    "draft.no_plan": (
        "no plan found: no sections ((一)(二)…) and no targets (二、工作目标) in the document",
        "未找到计划内容：文件中既没有（一）（二）……各部分，也没有“二、工作目标”中的目标",
    ),
    # kexie draft: the summary on stderr.
    "draft.format.text": ("plain text", "纯文本"),
    "draft.format.html": ("web page (HTML)", "网页（HTML）"),
    "draft.format.docx": ("Word document (.docx)", "Word 文档（.docx）"),
    "draft.read": ("read {path}: {format}", "已读取 {path}：{format}"),
    "draft.read_encoded": (
        "read {path}: {format}, {encoding}",
        "已读取 {path}：{format}，{encoding} 编码",
    ),
    "draft.found": (
        "found {sections} {sections:section|sections}, {measures} {measures:measure|measures}, "
        "{tasks} {tasks:task|tasks}, {counted} counted {counted:target|targets}, "
        "{milestones} {milestones:milestone|milestones}, "
        "{activities} {activities:activity|activities}",
        "找到 {sections} 个部分、{measures} 项措施、{tasks} 项任务、{counted} 个数量目标、"
        "{milestones} 个里程碑、{activities} 项重大活动",
    ),
    "draft.declared": (
        "the document declares {count} major activities ({place}) and lists {listed}",
        "文件声明重大活动 {count} 项（{place}），列出 {listed} 项",
    ),
    "draft.guessed": (
        "guessed, each marked '# review:' in the draft ({count}):",
        "推测的内容，草稿中均标注 '# review:'（{count} 处）：",
    ),
    "draft.guess_line": ("  {what}: {count}", "  {what}：{count}"),
    "draft.unplaced": ("not placed ({count}):", "未能归入计划（{count} 处）："),
    "draft.unplaced_line": ("  {place}: {why}: {snippet}", "  {place}：{why}：{snippet}"),
    "draft.more": ("  … and {count} more", "  ……另有 {count} 处"),
    "draft.place.line": ("line {n}", "第 {n} 行"),
    "draft.place.paragraph": ("paragraph {n}", "第 {n} 段"),
    "draft.skipped_chrome": (
        "skipped {count} {count:line|lines} of web page furniture (时间, 浏览次数, 关闭窗口 …)",
        "跳过了 {count} 行网页栏目文字（时间、浏览次数、关闭窗口等）",
    ),
    "draft.wrote": ("wrote the draft to {path}", "草稿已写入 {path}"),
    "draft.next_file": (
        "next: check each '# review:' line against the document, then kexie validate {path}; "
        "kexie diff LAST_YEAR.yaml {path} shows what changed from last year",
        "下一步：对照原文逐项核对 '# review:' 行，然后运行 kexie validate {path}；"
        "用 kexie diff 上一年.yaml {path} 查看与上一年的差别",
    ),
    "draft.next_stdout": (
        "next: save the draft with -o plans/{year}.yaml, check each '# review:' line, "
        "then kexie validate",
        "下一步：用 -o plans/{year}.yaml 保存草稿，逐项核对 '# review:' 行，"
        "然后运行 kexie validate",
    ),
    # kexie draft: why a line was not placed.
    "draft.why.no_title": (
        "no title naming the year (…2021年工作意见); title set to 待填写",
        "未找到含年份的标题（……2021年工作意见）；标题暂填“待填写”",
    ),
    "draft.why.no_org": (
        "no organisation before the year in the title; org set to 待填写",
        "标题中年份前没有单位名称；org 暂填“待填写”",
    ),
    "draft.why.number": (
        "a number kexie did not read as a goal",
        "数字未能识别为目标",
    ),
    "draft.why.words_number": (
        "a number in words (三场), which kexie does not read",
        "用汉字书写的数字（如“三场”），kexie 不识别",
    ),
    "draft.why.goal_split": (
        "two goals kexie could not tell apart",
        "两个目标无法拆分",
    ),
    "draft.why.crowded": (
        "too many numbers in one clause to read",
        "一个分句中数字过多，未读取",
    ),
    "draft.why.stray": ("text outside any measure", "不属于任何措施的文字"),
    "draft.why.chapter": (
        "a chapter with neither measures nor prose",
        "该部分既无措施也无正文",
    ),
    # kexie draft: the comments in the draft.
    "draft.header": (
        "Draft plan made by kexie draft from {document} ({format}). Check every line "
        "marked '# review:' against the document, then run kexie validate.",
        "由 kexie draft 根据 {document}（{format}）生成的计划草稿。请对照原文逐项核对标注 "
        "'# review:' 的行，然后运行 kexie validate。",
    ),
    "draft.header_ids": (
        "ids are positional (section-N, measure-N-M, target-N, activity-N); rename them to "
        "short English slugs before the first record, which refers to them",
        "编号按位置生成（section-N、measure-N-M、target-N、activity-N）；"
        "请在记第一笔台账前改为简短的英文编号，台账按编号引用",
    ),
    "draft.header_never": (
        "never drafted: units, owners, co-owners, due dates, schedules, activity months "
        "the document does not give; the period is the calendar year",
        "不生成：单位、责任单位、协办单位、完成期限、序时安排，以及文件未写明的活动月份；"
        "计划期间为自然年",
    ),
    "draft.note.missing": ("not found in the document: fill it in", "文件中未找到：请填写"),
    "draft.note.org_expanded": (
        "derived from {found} in the title (科协 = 科学技术协会)",
        "由标题中的“{found}”展开（科协 = 科学技术协会）",
    ),
    "draft.note.org_from_title": ("taken from the title", "取自标题"),
    "draft.note.year_counted": (
        "no year in the title; the year the text names most ({count} {count:time|times})",
        "标题中没有年份；取正文中出现最多的年份（{count} 次）",
    ),
    "draft.note.year_from_output": (
        "no year in the document; taken from the output file's name",
        "文件中没有年份；取自输出文件名",
    ),
    "draft.note.units": (
        "the association and the units that report: never drafted",
        "本会及各报送单位：不自动生成",
    ),
    "draft.note.chapter_as_section": (
        "a chapter without (一)(二) sections, taken as one section",
        "该部分没有（一）（二）分节，整体作为一个部分",
    ),
    "draft.note.section_text": (
        "the section's own text, drafted as its first measure",
        "该节标题后的正文，作为第一项措施",
    ),
    "draft.note.unnumbered": (
        "a paragraph without 一是/1., taken as a measure",
        "没有“一是”或“1.”的段落，作为一项措施",
    ),
    "draft.note.shared_verb": (
        "split from a list of goals that share one verb",
        "从共用一个动词的多个目标中拆出",
    ),
    "draft.note.milestone": (
        "a one-off deliverable, drafted as a milestone",
        "一次性任务，作为里程碑",
    ),
    "draft.note.text_left_out": (
        "text left out: the document says {text}, where kexie validate would also read the "
        "goal {quoted}; keep the words that state this goal as text",
        "未写 text：原文为“{text}”，kexie validate 会从中另读出目标值 {quoted}；"
        "请只把表述本目标的文字写入 text",
    ),
    "draft.note.hidden": (
        "removed from the document's text here: {chars} (control characters and bidi "
        "overrides, which a plan may not hold); compare with the document",
        "已删除原文此处的 {chars}（控制字符或双向文本控制符，计划中不允许）；请对照原文核对",
    ),
    "draft.note.measure_guess": (
        "measure guessed by shared words: {title} (score {score}; next {runner}, {runner_score})",
        "所属措施按共有词语推测：{title}（得分 {score}；其次 {runner}，{runner_score}）",
    ),
    "draft.note.measure_none": (
        "no measure shares its words: link one by hand",
        "没有措施与之有共同词语：请手工指定",
    ),
    "draft.note.declared_unlisted": (
        "the document declares {count} major activities and lists none; list them with "
        "their months, then write activities_declared: {count}",
        "文件声明重大活动 {count} 项但未列出；列出各项活动及月份后，再写 "
        "activities_declared: {count}",
    ),
    "draft.note.declared_mismatch": (
        "the document declares {count} major activities and lists {listed} with a month; "
        "when all are listed, write activities_declared: {count}",
        "文件声明重大活动 {count} 项，列出带月份的 {listed} 项；全部列出后再写 "
        "activities_declared: {count}",
    ),
    "draft.note.no_activities": (
        "the document lists no activities; add them with their months (never invented)",
        "文件未列出重大活动；请补充各项活动及月份（不自动编造）",
    ),
    "draft.note.no_month": (
        "listed without a month: give each a month (or a date) and move it into activities",
        "文件列出但未写月份：请为每项补上月份（或日期）后移入 activities",
    ),
    # kexie draft: what was guessed, counted in the summary (render.draft.LABELS).
    "draft.label.measure_guess": ("measure links", "所属措施"),
    "draft.label.measure_none": ("targets without a measure", "未关联措施的目标"),
    "draft.label.org_expanded": ("org, expanded from the title", "单位名称（由标题展开）"),
    "draft.label.org_from_title": ("org, from the title", "单位名称（取自标题）"),
    "draft.label.year_counted": ("year, from the text", "年份（取自正文）"),
    "draft.label.year_from_output": ("year, from the output file's name", "年份（取自输出文件名）"),
    "draft.label.missing": ("placeholders (待填写)", "待填写项"),
    "draft.label.chapter_as_section": ("chapters taken as sections", "整体作为一个部分的章节"),
    "draft.label.section_text": ("section text taken as a measure", "节标题后正文作为措施"),
    "draft.label.unnumbered": ("unnumbered paragraphs taken as measures", "无编号段落作为措施"),
    "draft.label.shared_verb": ("goals split from a shared verb", "从共用动词中拆出的目标"),
    "draft.label.milestone": ("milestones", "里程碑"),
    "draft.label.text_left_out": (
        "targets without text (a second number in their words)",
        "未写 text 的目标（原文含另一个数字）",
    ),
    "draft.label.hidden": (
        "entries with hidden characters removed",
        "删除了隐藏字符的条目",
    ),
    # --- headings and labels --------------------------------------------------------------------
    # Headings of columns and sheets, and labels of fields (show, an activity's calendar entry): one
    # key per word, whatever it heads.
    "col.planned": ("planned", "计划时间"),
    "col.activity": ("major activity", "重大活动"),
    "col.owner": ("owner", "负责单位"),
    "col.co_owners": ("co-owners", "协办单位"),
    "col.measure": ("measure", "工作措施"),
    "col.records": ("records", "记录"),
    "col.latest": ("latest note", "最近进展"),
    "col.responsible": ("unit", "负责单位"),
    "col.targets": ("targets", "目标"),
    "col.met": ("met", "完成"),
    "col.activities": ("activities", "活动"),
    "col.activities_held": ("held", "已办"),
    "col.activities_overdue": ("act. overdue", "活动逾期"),
    "col.target": ("target", "目标"),
    "col.goal": ("goal", "目标值"),
    "col.actual": ("actual", "完成"),
    "col.percent": ("%", "完成率"),
    "col.bar": ("progress", "进度"),
    "col.expected": ("expected", "序时"),
    "col.missing": ("missing", "尚缺"),
    "col.state": ("state", "状态"),
    "col.month": ("month", "月份"),
    "col.date": ("date", "日期"),
    "col.record": ("record", "记录"),
    "col.amount": ("amount", "数量"),
    "col.by": ("by", "填报"),
    "col.note": ("note", "说明"),
    "col.change": ("change", "变化"),
    "col.before": ("before", "原"),
    "col.after": ("after", "现"),
    "col.section": ("section", "所属部分"),
    "col.id": ("id", "编号"),
    "col.kind": ("kind", "类别"),
    "col.name": ("name", "名称"),
    "col.unit": ("unit", "单位"),
    "col.evidence": ("evidence", "佐证"),
    "col.goal_min": ("goal (at least)", "目标下限"),
    "col.goal_max": ("goal (at most)", "目标上限"),
    "col.in_period": ("in period", "本期完成"),
    "col.cumulative": ("cumulative", "累计完成"),
    "col.expected_end": ("expected by period end", "期末序时"),
    "col.done_on": ("done on", "完成日期"),
    "col.original": ("original goal", "原目标值"),
    "col.adjusted": ("adjusted goal", "调整后目标值"),
    "col.adjusted_on": ("adjusted on", "调整日期"),
    "col.reason": ("reason", "调整理由"),
    "col.planned_from": ("planned from", "计划开始"),
    "col.planned_to": ("planned to", "计划结束"),
    "col.held": ("held on", "举办日期"),
    "col.counts_toward": ("counts toward", "计入目标"),
    "col.this_period": ("this period", "本期情况"),
    "col.reverted": ("reverted", "已撤销"),
    "col.about": ("about", "事项"),
}


def choose_lang(option: str | None, env: Mapping[str, str] | None = None) -> str:
    """Return 'zh' or 'en': the option, else KEXIE_LANG, else the locale (zh* is Chinese)."""
    env = os.environ if env is None else env
    for value in (option, env.get("KEXIE_LANG")):
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


class _Formatter(string.Formatter):
    """str.format, and {n:one|other}: the word for a count (see Plurals, above)."""

    def format_field(self, value: Any, format_spec: str) -> str:
        if "|" not in format_spec:
            return super().format_field(value, format_spec)
        one, other = format_spec.split("|")
        if not isinstance(value, int) or isinstance(value, bool):
            raise TypeError(f"{{…:{format_spec}}} needs a count, not {value!r}")
        return one if value == 1 else other


_FORMATTER = _Formatter()


def text(code: str, lang: str, **params: Any) -> str:
    """Return the message `code` in `lang`, its parameters filled in as they are given.

    Nothing is translated here: a caller that has a machine word (a kind, a type) passes
    its words (see render.text.error_params). An English count picks its word's form."""
    english, chinese = MESSAGES[code]
    template = chinese if lang == "zh" else english
    if "|" in template:
        return _FORMATTER.vformat(template, (), params)
    return template.format(**params)
