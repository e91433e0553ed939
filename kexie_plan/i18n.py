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
# Chinese line breaking (避头尾), for every text kexie lays out itself (tables, help): these
# never start a line, those never end one.
NO_LINE_START = frozenset("，。、；：？！）」』》〉】〕］｝’”…—·％%,.;:?!)]}")
NO_LINE_END = frozenset("（「『《〈【〔［｛‘“([{")

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
    "date.unknown": (
        "{option} {value!r} is not a date (2021-07-02, 2021/7/2, 7/2, 7月2日, today, 昨天 …)",
        "{option} 的值 {value!r} 不是日期（可写 2021-07-02、2021/7/2、7/2、7月2日、今天、昨天 …）",
    ),
    "date.ambiguous": (
        "{option} {value!r} reads as different days in different countries; write the year "
        "first (2021/7/2), or the month before the day (7/2, 7月2日)",
        "{option} 的值 {value!r} 在不同地区会被理解为不同的日期；请把年份写在前面（2021/7/2），"
        "或按先月后日的顺序写（7/2、7月2日）",
    ),
    "date.month_first": (
        "{option} {value!r}: the month comes before the day; write {swapped}",
        "{option} 的值 {value!r}：月份应写在日之前；请写作 {swapped}",
    ),
    "date.no_such_day": (
        "{option} {value!r} is not a day of the calendar",
        "{option} 的值 {value!r} 不是日历上存在的日期",
    ),
    "date.not_in_year": (
        "{option} {value!r} is not a day of {year}",
        "{option} 的值 {value!r} 不是 {year} 年中存在的日期",
    ),
    "date.two_years": (
        "{option} {value!r} falls twice in the plan's period ({first} and {second}); give the year",
        "{option} 的值 {value!r} 在计划期间内出现两次（{first} 和 {second}）；请写明年份",
    ),
    "bad_choice": (
        "{option} {value!r} is not one of {allowed}",
        "{option} 的值 {value!r} 不是 {allowed} 之一",
    ),
    "bad_alarm": (
        "--alarm {value!r} is not a time before the event such as 7d, 2d, 12h or 30m "
        "(w, d, h or m; at most 366 days)",
        "--alarm 的值 {value!r} 不是提前量，应如 7d、2d、12h 或 30m"
        "（单位 w、d、h、m，最多 366 天）",
    ),
    "bad_state": (
        "{option} {value!r} is not a state ({states}){hint}",
        "{option} 的值 {value!r} 不是状态（{states}）{hint}",
    ),
    "bad_days": (
        "{option} {value!r} is not a whole number of days from 0 to 366",
        "{option} 的值 {value!r} 不是 0 到 366 之间的天数",
    ),
    "bad_month": (
        "--month {value!r} is not a month from 1 to 12",
        "--month 的值 {value!r} 不是 1 到 12 之间的月份",
    ),
    "bad_year": (
        "year {value!r} is not a year from 1900 to 2999",
        "年份 {value!r} 不是 1900 至 2999 之间的年份",
    ),
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
    # --- Click's words --------------------------------------------------------------------------
    # What the command-line parser says, in the reader's language (cli.helptext): the help's
    # layout (help.usage, help.heading …) and its usage errors (usage.*: one line, exit 2, the
    # command's -h named at the end).
    "help.usage": ("Usage: ", "用法："),
    "help.heading": ("{heading}:", "{heading}："),
    "help.heading.arguments": ("Arguments", "参数"),
    "help.heading.options": ("Options", "选项"),
    "help.heading.commands": ("Commands", "命令"),
    "help.options_metavar": ("[OPTIONS]", "[选项]"),
    "help.subcommand_metavar": ("COMMAND [ARGS]...", "命令 [参数]..."),
    "help.required": ("[required]", "[必填]"),
    "usage.no_such_option": (
        "no such option {option!r}{hint} (help: {command} -h)",
        "没有选项 {option!r}{hint}（帮助：{command} -h）",
    ),
    "usage.no_such_command": (
        "no such command {name!r}{hint} (help: {command} -h)",
        "没有命令 {name!r}{hint}（帮助：{command} -h）",
    ),
    "usage.missing_argument": (
        "missing argument {name} (help: {command} -h)",
        "缺少参数 {name}（帮助：{command} -h）",
    ),
    "usage.missing_option": (
        "missing option {name} (help: {command} -h)",
        "缺少选项 {name}（帮助：{command} -h）",
    ),
    "usage.needs_value": (
        "option {option!r} needs a value (help: {command} -h)",
        "选项 {option!r} 需要一个值（帮助：{command} -h）",
    ),
    "usage.takes_no_value": (
        "option {option!r} takes no value (help: {command} -h)",
        "选项 {option!r} 不带值（帮助：{command} -h）",
    ),
    "usage.extra_arguments": (
        "unexpected {count:argument|arguments} {args} (help: {command} -h)",
        "多余的 {count} 个参数 {args}（帮助：{command} -h）",
    ),
    "usage.bad_value": (
        "invalid value for {name}: {problem} (help: {command} -h)",
        "{name} 的值无效：{problem}（帮助：{command} -h）",
    ),
    "usage.other": ("{problem} (help: {command} -h)", "{problem}（帮助：{command} -h）"),
    "usage.aborted": ("aborted; nothing written", "已中止，未写入"),
    "prompt.yes_no": ("Please answer y or n", "请回答 y（是）或 n（否）"),
    # --- help -----------------------------------------------------------------------------------
    # Every command's --help (cli.helptext applies them): help.COMMAND is a command's text, its
    # first paragraph the summary `kexie --help` lists and its last the example; help.COMMAND.KEY
    # a parameter's (KEY: an option's long name, an argument's name, with _ for -); help.opt.KEY
    # a parameter several commands share, for those without a text of their own. A command
    # below another is named with _ (help.config_set). tests/test_help.py holds every command
    # and parameter to a text in both languages.
    "help.kexie": (
        "Track a yearly work plan kept as YAML in git: its targets, measures and major "
        "activities, against the goal and against the calendar (序时进度).\n\n"
        "Every command speaks the language --lang gives (before or after the command), else "
        "$KEXIE_LANG, else your own (kexie config set lang), else kexie.toml's lang, else the "
        "locale: zh or en.\n\n"
        "Example: kexie status --as-of 2021-06-30 --lang en",
        "科协年度工作计划跟踪工具：计划以 YAML 文件保存在 git 中，对照目标值和序时进度，"
        "跟踪其中的目标、工作措施和重大活动。\n\n"
        "各命令使用的语言：--lang 指定（写在命令前后均可），否则依次取 $KEXIE_LANG、"
        "个人设置（kexie config set lang）、kexie.toml 中的 lang、系统区域设置：zh 或 en。\n\n"
        "示例：kexie status --as-of 2021-06-30 --lang zh",
    ),
    "help.kexie.version": ("Show the version and exit.", "显示版本号并退出。"),
    "help.opt.help": ("Show this help and exit.", "显示本帮助并退出。"),
    "help.opt.lang": (
        "zh or en: the language of the output, the messages and this help. Default: "
        "$KEXIE_LANG, else your own (kexie config), else kexie.toml's lang, else the locale.",
        "zh 或 en：输出、提示和本帮助所用的语言。默认依次取 $KEXIE_LANG、个人设置"
        "（kexie config）、kexie.toml 中的 lang、系统区域设置。",
    ),
    "help.opt.plan": (
        "The plan file. Default: $KEXIE_PLAN, else kexie.toml's plan, else plans/<year>.yaml "
        "here, else the 2021 plan bundled with kexie.",
        "计划文件。默认依次取 $KEXIE_PLAN、kexie.toml 中的 plan、当前文件夹下的 "
        "plans/<年份>.yaml，最后是 kexie 自带的2021年计划。",
    ),
    "help.opt.as_of": (
        "See the plan as it stood on DATE (2021-06-30, 2021/6/30, 6/30, 6月30日, 昨天); later "
        "records are ignored. Default: today, within the plan's period.",
        "查看计划在 DATE 这一天的情况（2021-06-30、2021/6/30、6/30、6月30日、昨天），之后的记录"
        "不计。默认为今天（限于计划期内）。",
    ),
    "help.opt.format": (
        "table (default), json, csv or markdown.",
        "输出格式：table（表格，默认）、json、csv 或 markdown。",
    ),
    "help.opt.output": (
        "Write to FILE instead of the terminal.",
        "写入文件 FILE，而不是显示在终端上。",
    ),
    "help.opt.ref": (
        "Target, activity or measure: its id, its name, or an unambiguous part of the name.",
        "目标、活动或措施：id、名称或名称中能唯一确定它的一部分。",
    ),
    "help.opt.date": (
        "When it happened: 2021-07-02, 2021/7/2, 2021年7月2日; 7/2, 7-2 or 7月2日 in the plan's "
        "year; 今天 (today), 昨天 (yesterday), 前天. The month comes before the day. Default: "
        "today.",
        "发生日期：2021-07-02、2021/7/2、2021年7月2日；7/2、7-2 或 7月2日（计划年度内的那一天）；"
        "今天、昨天、前天。月份写在日之前。默认为今天。",
    ),
    "help.opt.note": ("What happened, in your words.", "说明：发生了什么。"),
    "help.opt.by": (
        "Who reports it: a unit's id or name when the plan lists units.",
        "填报单位：计划中列出单位时，填单位的 id 或名称。",
    ),
    "help.opt.yes": ("Do not ask for confirmation.", "不询问确认，直接写入。"),
    "help.opt.dry_run": (
        "Show the record that would be written; write nothing.",
        "只显示将要写入的记录，不写入。",
    ),
    "help.activities": (
        "List the major activities month by month: held, this month, upcoming, overdue.\n\n"
        "An activity is planned for its window when it has one, else its date, else its whole "
        "month; a month that is only the office's estimate (tentative) shows as 约N月 and is "
        'never overdue: past it, the activity is "not held". --format ics writes an iCalendar '
        "file (RFC 5545) for Outlook, WPS and phone calendars: one all-day event per activity, "
        "on the day it was held, else on its planned date or window, else (a month only) on the "
        "month's first working day, titled 5月：… (约5月：… for an estimate). Its UID is made of "
        "the organisation, the plan's year and the activity's id, and its SEQUENCE grows with "
        "each record that holds the activity or reverts a holding, so that importing a newer "
        "file updates the events instead of adding them twice; --alarm adds a reminder before "
        "each event not yet held. --format json: the shape is in docs/format.md; its state "
        "includes this_month (kexie status's does not).\n\n"
        "Example: kexie activities --format ics -o 2021-activities.ics --alarm 7d",
        "按月列出重大活动：已举办、本月、待举办、逾期。\n\n"
        "活动有时间窗口（window）的按窗口安排，否则按日期，再否则按整月；只是办公室估计的月份（"
        "tentative）显示为“约N月”，不算逾期：过了该月显示为“未举办”。--format ics 生成 iCalendar "
        "日历文件（RFC 5545），可导入 Outlook、WPS 和手机日历：每项活动一个全天事件，已举办的在举"
        "办当天，否则在计划的日期或窗口，只定了月份的在该月第一个工作日，标题为“5月：…”（估计的为"
        "“约5月：…”）。UID 由单位、计划年份和活动 id 组成，SEQUENCE 随举办或撤销记录递增，导入更"
        "新后的文件时会更新原有事件，不会重复添加；--alarm 为尚未举办的活动添加提醒。--format "
        "json 的结构见 docs/format.md，其中的 state 包括 this_month（kexie status 的没有）。\n\n"
        "示例：kexie activities --format ics -o 2021-activities.ics --alarm 7d",
    ),
    "help.activities.month": (
        "Only activities planned in this month (1-12).",
        "只看计划在该月（1-12）举办的活动。",
    ),
    "help.activities.upcoming": (
        "Only activities not held and planned to start within DAYS (or running now).",
        "只看尚未举办、计划在 DAYS 天内开始（或正在进行）的活动。",
    ),
    "help.activities.overdue": (
        "Only overdue activities (with --upcoming: both).",
        "只看逾期的活动（与 --upcoming 同用时两者都列出）。",
    ),
    "help.activities.by": (
        "Only the activities this unit (id or name) owns or co-owns; the plan must list units.",
        "只看该单位（id 或名称）负责或参与的活动；计划中须列出单位。",
    ),
    "help.activities.format": (
        "table (default), json, csv, markdown or ics (iCalendar).",
        "输出格式：table（表格，默认）、json、csv、markdown 或 ics（日历文件）。",
    ),
    "help.activities.alarm": (
        "With --format ics: remind this long before each activity not yet held (7d, 2d, 12h, "
        "30m, 1w); may be given more than once.",
        "与 --format ics 同用：在尚未举办的活动前多久提醒（7d、2d、12h、30m、1w）；可多次给出。",
    ),
    "help.diff": (
        "Show what changed between two plans, in the plan's own terms.\n\n"
        "Sections, measures, targets and activities added or removed; goals changed, goals "
        "adjusted (with the reason), units and due dates changed; activities moved to another "
        "month or date. With --git REV, the plan (PLAN, else the one kexie finds) is compared "
        "with itself as it was at REV, read with git, without network.\n\n"
        "Example: kexie diff --git HEAD~1 plans/2021.yaml --format markdown",
        "按计划的条目（而非文本行）比较两份计划的变化。\n\n"
        "列出新增或删除的部分、措施、目标和活动；改变的目标值、调整过的目标值（附理由）、"
        "改变的计量单位和截止日期；改到其他月份或日期的活动。加 --git REV 时，把计划（PLAN，"
        "否则为 kexie 找到的计划）与它在 git 版本 REV 时的内容比较，用 git 读取，不联网。\n\n"
        "示例：kexie diff --git HEAD~1 plans/2021.yaml --format markdown",
    ),
    "help.diff.plans": (
        "Two plan files, the old one first; with --git, one plan.",
        "两个计划文件，旧的在前；用 --git 时只给一个。",
    ),
    "help.diff.git": (
        "Compare the plan with itself as it was at git revision REV.",
        "与该计划在 git 版本 REV 时的内容比较。",
    ),
    "help.diff.format": (
        "table (default), markdown or json.",
        "输出格式：table（表格，默认）、markdown 或 json。",
    ),
    "help.init": (
        "Start a repository for a yearly plan: settings, a first plan, its ledger, CI.\n\n"
        "Writes kexie.toml (the plan's path, the language; who records is each person's own "
        "setting, kexie config), plans/YEAR.yaml (a minimal valid plan to fill in), its empty "
        "ledger plans/YEAR.progress.yaml, schema/plan.schema.json (for editors), .gitattributes "
        "(ledgers merge by union), the CI workflow .github/workflows/plan-check.yml and "
        ".pre-commit-config.yaml. If any of these exists, nothing is written (exit 2). kexie "
        "status and kexie validate work in the new folder at once.\n\n"
        "Example: kexie init wuxi-kexie --year 2022 --lang zh",
        "为年度计划新建仓库：设置、第一份计划、台账和 CI。\n\n"
        "写入 kexie.toml（计划路径、语言；填报单位是每个人自己的设置，见 kexie config）、"
        "plans/YEAR.yaml（待填写的最小有效计划）、空台账 plans/YEAR.progress.yaml、"
        "schema/plan.schema.json（供编辑器使用）、.gitattributes（台账按 union 方式合并）、CI 工"
        "作流 .github/workflows/plan-check.yml 和 .pre-commit-config.yaml。其中任何一个已存在时，"
        "一个文件也不写（退出码 2）。在新文件夹中可立即使用 kexie status 和 kexie validate。\n\n"
        "示例：kexie init wuxi-kexie --year 2022 --lang zh",
    ),
    "help.init.folder": (
        "Where to start. Default: the current folder.",
        "在哪个文件夹中新建。默认为当前文件夹。",
    ),
    "help.config": (
        "Read or change your own settings, kept in your user folder, not in the repository.\n\n"
        "unit is who you record as: kexie record and kexie revert store it as by when --by is "
        "not given ($KEXIE_BY overrides it for one shell). Set it by the unit's id or name; when "
        "a plan is found, the name is checked against its units and stored as the id. lang is "
        "the language of kexie's words (zh or en). ACTION: list (the default) shows your "
        "settings, get KEY one of them, set KEY VALUE changes one, unset KEY removes one, path "
        "says where the file is.\n\n"
        "Example: kexie config set unit 海智办",
        "查看或修改你自己的设置：保存在你的用户文件夹中，不写入仓库。\n\n"
        "unit 是你的填报单位：未给出 --by 时，kexie record 和 kexie revert 把它记为 by（环境变量"
        " KEXIE_BY 可在当前终端中临时改用别的单位）。可用单位的 id 或名称设置；找到计划时按计划中"
        "的单位核对，并保存为 id。lang 是 kexie 使用的语言（zh 或 en）。ACTION：list（默认）列出"
        "你的设置，get KEY 查看一项，set KEY VALUE 修改一项，unset KEY 删除一项，path 显示设置文"
        "件的位置。\n\n"
        "示例：kexie config set unit 海智办",
    ),
    "help.config.action": (
        "list (default), get, set, unset or path.",
        "操作：list（列出，默认）、get（查看）、set（设置）、unset（删除）或 path（文件位置）。",
    ),
    "help.config.key": (
        "unit (who you record as) or lang (zh or en).",
        "设置项：unit（你的填报单位）或 lang（语言，zh 或 en）。",
    ),
    "help.config.value": (
        "The new value, for set.",
        "新的值，用于 set。",
    ),
    "help.completion": (
        "Print the script that makes a shell complete kexie's words on Tab.\n\n"
        "It completes commands and options; REFs (the ids and names of targets, activities and "
        "measures: kexie record 海智<Tab>); units (--by, --owner); sections; the latest record "
        "ids for revert; states for --only (English and Chinese); formats; --lang. Add it to the "
        "shell once, then open a new terminal: bash: kexie completion bash >> ~/.bashrc; zsh: "
        "kexie completion zsh > ~/.zfunc/_kexie (and in ~/.zshrc: fpath+=~/.zfunc; autoload -Uz "
        "compinit; compinit); fish: kexie completion fish > "
        "~/.config/fish/completions/kexie.fish; Windows PowerShell: New-Item -ItemType Directory "
        "-Force (Split-Path $PROFILE), then kexie completion powershell >> $PROFILE. If "
        "PowerShell says running scripts is disabled, allow your own with Set-ExecutionPolicy "
        "-Scope CurrentUser RemoteSigned.\n\n"
        "Example: kexie completion bash >> ~/.bashrc",
        "输出让终端按 Tab 键补全 kexie 命令的脚本。\n\n"
        "可补全命令和选项；REF（目标、活动和措施的编号和名称：kexie record 海智<Tab>）；单位（"
        "--by、--owner）；部分；revert 可撤销的最近记录编号；--only 的状态（中英文）；输出格式；"
        "--lang。只需在终端中添加一次，然后重新打开终端：bash：kexie completion bash >> ~/.bashrc"
        "；zsh：kexie completion zsh > ~/.zfunc/_kexie（并在 ~/.zshrc 中加入 fpath+=~/.zfunc; "
        "autoload -Uz compinit; compinit）；fish：kexie completion fish > "
        "~/.config/fish/completions/kexie.fish；Windows PowerShell：先执行 New-Item -ItemType "
        "Directory -Force (Split-Path $PROFILE)，再执行 kexie completion powershell >> $PROFILE。"
        "若 PowerShell 提示禁止运行脚本，用 Set-ExecutionPolicy -Scope CurrentUser RemoteSigned "
        "允许运行自己的脚本。\n\n"
        "示例：kexie completion bash >> ~/.bashrc",
    ),
    "help.completion.shell": (
        "bash, zsh, fish or powershell.",
        "终端类型：bash、zsh、fish 或 powershell。",
    ),
    "help.template": (
        "Write a 填报表: a form a department or association fills in and sends back, for kexie "
        "import to read.\n\n"
        "The workbook's first sheet has one row per record: 日期 (date), 事项 (the item, from a "
        "drop-down of the plan's names), 数量 (amount), 完成 (是/否, for milestones and "
        "measures), 说明 (note), 佐证 (evidence) and 填报单位 (the unit, filled in with --unit). "
        "Excel and WPS check every cell as it is typed: dates within --period, whole numbers "
        "from 1, items and units from their lists. The header is frozen and protected (without a "
        "password). A second sheet shows where the unit's targets stand today (goal, actual, 序时"
        "进度, state); a third explains how to fill it in. A CSV template has the same columns, "
        "for those without Excel.\n\n"
        "Example: kexie template --unit 海智办 --period 2021-03 -o 海智办-2021-03.xlsx",
        "生成填报表：由各部门、区科协或学会填写后交回，再用 kexie import 导入。\n\n"
        "工作簿第一张表每行一条记录：日期、事项（从计划名称的下拉列表中选择）、数量、完成（是/否"
        "，用于里程碑和措施）、说明、佐证和填报单位（用 --unit 时已预填）。Excel 和 WPS 在填写时"
        "逐格检查：日期须在 --period 内，数量为不小于 1 的整数，事项和单位从列表中选。表头已冻结"
        "并保护（无密码）。第二张表列出该单位各项目标截至今天的情况（目标值、完成、序时进度、状态"
        "）；第三张是填报说明。CSV 模板的列相同，供没有 Excel 的单位使用。\n\n"
        "示例：kexie template --unit 海智办 --period 2021-03 -o 海智办-2021-03.xlsx",
    ),
    "help.template.output": (
        "The form to write: FILE.xlsx (a workbook) or FILE.csv. A CSV form may go to the terminal.",
        "要写出的填报表：FILE.xlsx（工作簿）或 FILE.csv。CSV 模板也可以直接输出到终端。",
    ),
    "help.template.unit": (
        "The unit that fills it in (id or name): only what it owns or co-owns, its name filled "
        "in. Default: every item, for any unit.",
        "填报的单位（编号或名称）：只列该单位负责或参与的事项，并预填单位名称。默认列出全部事项，"
        "供任何单位填写。",
    ),
    "help.template.period": (
        "The days the rows may be dated: Q1-Q4, H1, H2, YEAR or a month YYYY-MM. Default: YEAR "
        "(the plan's period).",
        "各行日期的范围：Q1-Q4、H1、H2、YEAR 或某月 YYYY-MM。默认为 YEAR（整个计划期）。",
    ),
    "help.template.format": (
        "xlsx or csv. Default: from FILE's extension.",
        "xlsx 或 csv。默认按 FILE 的扩展名。",
    ),
    "help.import": (
        "Append the rows of filled forms (from kexie template) or of any CSV or XLSX export to "
        "the plan's progress ledger.\n\n"
        "Columns are found by their header, in Chinese or English, in any order: 日期/date, 事项/"
        "目标/活动/措施/ref, 数量/amount, 完成/done, 说明/备注/note, 佐证/evidence, 填报单位/by; "
        "other columns are passed over, and said to be. A CSV file may be UTF-8 (with or without "
        "a BOM) or GB18030. Each item is resolved as kexie record resolves a REF, each row "
        "checked by the same rules (the period, milestones, held once, units). Every bad cell is "
        "reported, as FILE:SHEET!C7 (a CSV's FILE:LINE:COLUMN), and nothing is written while any "
        "is bad (exit 1). A row imported before (the same date, item, amount, done, unit, note "
        "and evidence) is recognised and left out, so importing a file twice, or a corrected "
        "file that repeats earlier rows, appends only what is new; two identical rows in one "
        "file are two records. The records to append are shown, then appended after one "
        "confirmation (--yes without a terminal), all in one write.\n\n"
        "Example: kexie import 海智办-2021-03.xlsx 科普部-2021-03.csv",
        "把填好的填报表（由 kexie template 生成）或任何 CSV、XLSX 导出文件中的各行追加到计划的进"
        "度台账。\n\n"
        "按表头找列，中文或英文均可，顺序不限：日期/date、事项/目标/活动/措施/ref、数量/amount、"
        "完成/done、说明/备注/note、佐证/evidence、填报单位/by；其他列会提示并忽略。CSV 文件可以"
        "是 UTF-8（带或不带 BOM）或 GB18030 编码。每个事项按 kexie record 解析 REF 的方式解析，每"
        "行按同样的规则检查（计划期、里程碑、活动只举办一次、单位）。每一个填错的格子都会报告，写"
        "作 文件:工作表!C7（CSV 为 文件:行:列），只要有一格有误就一条也不写入（退出码 1）。导入过"
        "的行（日期、事项、数量、完成、单位、说明和佐证都相同）会被识别并跳过，所以同一文件导入两"
        "次，或改正后重发的文件中包含已导入的行，只追加新的行；同一文件中完全相同的两行算两条记录"
        "。先显示将要追加的记录，确认一次后一次写入（没有终端时用 --yes）。\n\n"
        "示例：kexie import 海智办-2021-03.xlsx 科普部-2021-03.csv",
    ),
    "help.import.files": (
        "Filled forms or exports: .xlsx workbooks or .csv files.",
        "填好的填报表或导出文件：.xlsx 工作簿或 .csv 文件。",
    ),
    "help.draft": (
        "Draft a plan from the year's 工作意见 / 工作要点 document, for a person to review.\n\n"
        "Reads the title (year, org), 指导思想, the targets of 二、工作目标 (举办3-5场…, …2所以上"
        ", 不少于8家; one-off deliverables as milestones), the (一)(二)… sections of 三、主要工作"
        "措施 with their 一是/二是… measures and every sentence as a task, and the count of 四、"
        "重大活动安排. Each entry says which line it came from (# source:), and each guess is "
        "marked # review:. Nothing the document does not say is invented: no owners, no due "
        "dates, no months. What it found, guessed and could not place goes to stderr. Exit 0 "
        "with a draft; 1 when the document holds no plan (or no year); 2 when it cannot be read "
        "(missing, over 2 MiB of text, not a document) or FILE exists (without --force). FILE's "
        "folder is made when it does not exist.\n\n"
        "Example: kexie draft 2022年工作要点.docx -o plans/2022.yaml",
        "根据当年的《工作意见》或《工作要点》文件起草计划，供人工审核。\n\n"
        "读取标题（年份、单位）、指导思想、二、工作目标中的各项目标（举办3-5场…、…2所以上、不少于"
        "8家；一次性完成的事项作为里程碑）、三、主要工作措施中的（一）（二）…各部分及其中的一是、"
        "二是…各项措施（每一句作为一项任务），以及四、重大活动安排中的活动数。每一项都注明来自哪"
        "一行（# source:），每一处推测都标为 # review:。文件没有写明的一律不编造：不填负责单位、"
        "截止日期和月份。找到了什么、推测了什么、哪些无法归位，都输出到标准错误。退出码：起草成功"
        "为 0；文件中没有计划（或没有年份）为 1；无法读取（不存在、文字超过 2 MiB、不是文档）或"
        " FILE 已存在（未加 --force）为 2。FILE 所在的文件夹不存在时会自动创建。\n\n"
        "示例：kexie draft 2022年工作要点.docx -o plans/2022.yaml",
    ),
    "help.draft.document": (
        "The year's work plan: plain text (UTF-8 or GB18030), .docx, or a saved web page (.html).",
        "当年的工作计划文件：纯文本（UTF-8 或 GB18030）、.docx，或另存的网页（.html）。",
    ),
    "help.draft.force": (
        "Replace FILE when it exists.",
        "FILE 已存在时覆盖它。",
    ),
    "help.init.year": ("The plan's year. Default: this year.", "计划年份。默认为今年。"),
    "help.log": (
        "List the ledger's records in the order they were recorded.\n\n"
        "Reverted records are marked, reversals listed. A target's records include those of "
        "the activities that count toward it, and the reversals of every record listed. On a "
        "terminal a long list goes through a pager (less, or $KEXIE_PAGER / $PAGER; "
        "--no-pager prints it all); in a pipe every record is one line. Records stream past: "
        "a million are listed in seconds.\n\n"
        "Example: kexie log 海智沙龙 --since 2021-04-01 --format csv",
        "按记录先后列出台账中的记录。\n\n"
        "已撤销的记录会标明，撤销记录也会列出。一个目标的记录包括计入该目标的活动的记录，"
        "以及所列各条记录的撤销记录。在终端上，较长的列表用分页程序显示（less，或 "
        "$KEXIE_PAGER、$PAGER 指定的程序；--no-pager 一次全部输出）；输出到管道时每条记录"
        "占一行。记录逐条输出：一百万条也只需几秒。\n\n"
        "示例：kexie log 海智沙龙 --since 2021-04-01 --format csv",
    ),
    "help.log.ref": (
        "Only this target, activity or measure (its id, or part of its name).",
        "只看该目标、活动或措施（id 或名称的一部分）。",
    ),
    "help.log.by": (
        "Only the records of this unit (id or name).",
        "只看该单位（id 或名称）填报的记录。",
    ),
    "help.log.since": (
        "Only records on or after DATE (2021-04-01, 4/1, 4月1日).",
        "只看 DATE 当天及以后的记录（2021-04-01、4/1、4月1日）。",
    ),
    "help.log.until": (
        "Only records on or before DATE (2021-06-30, 昨天).",
        "只看 DATE 当天及以前的记录（2021-06-30、昨天）。",
    ),
    "help.log.format": (
        "table (default), json or csv.",
        "输出格式：table（表格，默认）、json 或 csv。",
    ),
    "help.log.no_pager": (
        "On a terminal, print everything at once.",
        "在终端上一次全部输出，不分页。",
    ),
    "help.measures": (
        "List the plan's measures (主要工作措施) by section, with their state.\n\n"
        "For each: its owner, its number of records, the latest note with its date, and the "
        "state. The state comes from the records against the measure (kexie record MEASURE "
        "--note …, with --done when it is finished): not started (no record), in progress, or "
        "done (a record says --done). Reverted records do not count; records after --as-of "
        "are ignored. kexie show MEASURE lists its tasks and every note.\n\n"
        "Example: kexie measures --as-of 2021-06-30 --format markdown",
        "按部分列出计划的主要工作措施及其状态。\n\n"
        "每项列出负责单位、记录条数、最近一条说明及其日期和状态。状态来自针对该措施的记录"
        "（kexie record 措施 --note …，完成时加 --done）：未开始（没有记录）、进行中，或已完成"
        "（有记录加了 --done）。已撤销的记录不计；--as-of 之后的记录不计。kexie show 措施 "
        "列出其各项任务和全部说明。\n\n"
        "示例：kexie measures --as-of 2021-06-30 --format markdown",
    ),
    "help.measures.section": (
        "Only the measures of this section: its id, its title, or an unambiguous part of the "
        "title.",
        "只看该部分的措施：部分的 id、标题或标题中能唯一确定它的一段文字。",
    ),
    "help.measures.by": (
        "Only the measures this unit (id or name) owns or co-owns; the plan must list units.",
        "只看该单位（id 或名称）负责或参与的措施；计划中须列出单位。",
    ),
    "help.new_year": (
        "Write next year's plan from this one, and its empty ledger.\n\n"
        "Same units, sections, measures, targets and activities; the title's year, the period, "
        "due dates, schedule checkpoints and activity dates move to YEAR (29 February becomes "
        "the 28th); published is dropped. Every goal is kept as the plan first set it and "
        "marked # review (with any adjustment it had, which is dropped): check each against "
        "the approved document. The result validates as it is. Nothing is overwritten.\n\n"
        "Example: kexie new-year 2022 --from plans/2021.yaml",
        "以今年的计划为底稿，写出明年的计划及其空台账。\n\n"
        "单位、部分、措施、目标和活动不变；标题中的年份、计划期、截止日期、进度节点和活动"
        "日期都移到 YEAR 年（2月29日改为28日）；去掉 published。每个目标值保留计划最初设定"
        "的值，并注明 # review（原有的调整一并注明，调整本身不保留）：请逐项对照正式印发的"
        "文件核对。生成的计划可直接通过校验。不覆盖任何已有文件。\n\n"
        "示例：kexie new-year 2022 --from plans/2021.yaml",
    ),
    "help.new_year.year": ("The new plan's year.", "新计划的年份。"),
    "help.new_year.from": ("This year's plan, to start from.", "作为底稿的今年计划。"),
    "help.new_year.output": (
        "Where to write the new plan. Default: YEAR.yaml beside the --from plan.",
        "新计划写到哪里。默认为 --from 计划旁边的 YEAR.yaml。",
    ),
    "help.record": (
        "Append one record to the plan's progress ledger.\n\n"
        "The ledger is plans/<year>.progress.yaml beside the plan. REF is an id, a name, or "
        "an unambiguous part of a name. A counted target takes an AMOUNT (default 1); a "
        "milestone takes --done; an activity counts 1 toward its target (or completes its "
        "milestone). Refusals print one line, exit 2, and leave the ledger unchanged.\n\n"
        "Example: kexie record 海智沙龙 1 --date 2021-03-12 --note 第一期海智沙龙",
        "在计划的进度台账中追加一条记录。\n\n"
        "台账是计划旁边的 plans/<年份>.progress.yaml。REF 是 id、名称或名称中能唯一确定它的"
        "一部分。计数类目标填数量 AMOUNT（默认为 1）；里程碑加 --done；活动计为其目标的 1 "
        "次（或完成其里程碑）。不能记录时只输出一行说明，退出码为 2，台账不变。\n\n"
        "示例：kexie record 海智沙龙 1 --date 2021-03-12 --note 第一期海智沙龙",
    ),
    "help.record.amount": (
        "How many, for a counted target: a whole number from 1. Default: 1.",
        "数量，用于计数类目标：不小于 1 的整数。默认为 1。",
    ),
    "help.record.evidence": (
        "A URL or a path that shows it happened.",
        "佐证材料：网址或文件路径。",
    ),
    "help.record.done": (
        "Mark a milestone (or a measure) as done.",
        "将里程碑（或措施）标记为已完成。",
    ),
    "help.remind": (
        "List the units to chase, and what for.\n\n"
        "Each unit that owns or co-owns a target that is behind, overdue, or due within N days "
        "and not met; or an activity that is overdue, or not held and planned to start within N "
        "days; and each unit with work in the plan that has recorded nothing (records with by "
        "set to it) in the last N days. Needs units in the plan, and owners (owner, co_owners) "
        "on measures, targets or activities. What needs attention but names no unit is counted "
        "at the end. --format text gives plain text ready to paste into 企业微信, 钉钉 or WeChat "
        "(which show Markdown as it is typed); --format markdown a message for chats and e-mail "
        "that render Markdown.\n\n"
        "Example: kexie remind --days 14 --as-of 2021-06-30 --format text",
        "列出需要催办的单位及催办事项。\n\n"
        "包括：负责或参与的目标落后、逾期，或在 N 天内到期而未达标的单位；负责的活动逾期，或尚未"
        "举办而计划在 N 天内开始的单位；以及计划中有任务、但最近 N 天没有填报任何记录（by 为该单"
        "位的记录）的单位。计划中须列出 units，并在措施、目标或活动上指定负责单位（owner、"
        "co_owners）。需要关注但没有指定单位的事项在最后计数。--format text 生成纯文本，可直接粘"
        "贴到企业微信、钉钉或微信（它们不显示 Markdown 格式）；--format markdown 生成适合支持"
        " Markdown 的聊天或邮件的消息。\n\n"
        "示例：kexie remind --days 14 --as-of 2021-06-30 --format text",
    ),
    "help.remind.days": (
        "Due soon: within N days; silent: no record (by the unit) in the last N days. Default: 30.",
        "“即将到期”指 N 天内到期；“未填报”指最近 N 天没有该单位的记录。默认为 30。",
    ),
    "help.remind.format": (
        "table (default), text (a message for WeChat, 企业微信 or 钉钉), markdown or json.",
        "输出格式：table（表格，默认）、text（可粘贴到微信、企业微信或钉钉的文字）、markdown 或"
        " json。",
    ),
    "help.report": (
        "Write the report of a period: a quarter, a half-year, a month or the whole year.\n\n"
        "Figures are taken at the period's end, or at --as-of (default today) when that is "
        "earlier. The report has the plan's title and the period; a summary in the usual form (16"
        "项指标：已完成 5，达进度 4，欠进度 6，逾期 1，未开始 0); per section, each target's "
        "goal, its gain in the period, the cumulative actual, 完成率, the expected value by the "
        "period's end (序时进度) and its state; goals adjusted during the year beside their "
        "original; the activities held in the period and those that slipped; the notes recorded "
        "against measures; and an annex of the period's records. Markdown, HTML and Word list "
        "the first 1000 records and notes by date and say how many more there are; csv --table "
        "records and xlsx list every record, in the order they were recorded.\n\n"
        "--format html is one self-contained page (inline CSS and SVG charts) that prints on A4; "
        "docx is a Word document (needs -o) for Word and WPS, with the 文号 and 落款 of "
        "kexie.toml's [report] (number, signature, date) when set, page numbers, and bars for "
        "charts; xlsx is a workbook with sheets for targets, activities and records (needs -o); "
        "csv is one of those tables (--table), UTF-8 with a BOM so that Excel reads Chinese.\n\n"
        "Example: kexie report --period Q2 --format docx -o 2021-Q2.docx",
        "生成某一时期的报告：季度、半年、月份或全年。\n\n"
        "数据取时期末的情况；--as-of（默认为今天）更早时取那一天的。报告包括计划标题和时期；常用"
        "格式的概述（16项指标：已完成 5，达进度 4，欠进度 6，逾期 1，未开始 0）；按部分列出每个目"
        "标的目标值、本期完成、累计完成、完成率、期末序时进度和状态；年内调整过的目标值及原目标值"
        "；本期举办的活动和推迟的活动；针对措施填写的说明；以及本期记录的附录。Markdown、HTML 和"
        " Word 按日期列出前 1000 条记录和说明，并注明还有多少条；csv --table records 和 xlsx 按记"
        "录先后列出全部记录。\n\n"
        "--format html 生成一个独立的网页（内嵌 CSS 和 SVG 图表），可用 A4 纸打印；docx 是 Word "
        "文档（需要 -o），Word 和 WPS 可直接打开，带页码和条形图，kexie.toml 的 [report] 设置了"
        " number、signature、date 时印出文号和落款；xlsx 是包含目标、活动和记录三个工作表的工作簿"
        "（需要 -o）；csv 是其中的一张表（--table），UTF-8 编码并带 BOM，Excel 能正确显示中文。\n"
        "\n"
        "示例：kexie report --period Q2 --format docx -o 2021-Q2.docx",
    ),
    "help.report.period": (
        "Q1, Q2, Q3, Q4, H1, H2, YEAR (the plan's period, the default) or a month YYYY-MM.",
        "时期：Q1-Q4（季度）、H1、H2（上、下半年）、YEAR（整个计划期，默认）或月份 YYYY-MM。",
    ),
    "help.report.format": (
        "markdown (default), html, docx, csv or xlsx.",
        "输出格式：markdown（默认）、html、docx（Word）、csv 或 xlsx。",
    ),
    "help.report.table": (
        "With --format csv: targets (default), activities or records.",
        "与 --format csv 同用：targets（目标，默认）、activities（活动）或 records（记录）。",
    ),
    "help.revert": (
        "Cancel a record by appending a reversal to the ledger.\n\n"
        "Nothing in the ledger is edited or deleted. ID may be the start of an id, as git takes "
        "a commit's (01M8K2HS for 01M8K2HSQAECX8BZ), when no other id starts with it; case does "
        "not matter for kexie's own ids. --last takes the record written last that still counts; "
        "with --by UNIT, the last of that unit. The record to cancel is shown before anything is "
        "written (and asked about, on a terminal). A record can be reverted once; a reversal "
        "cannot be reverted (record it again instead). Without --date the reversal is dated "
        "today, also after the plan's period (January's corrections); it is never dated before "
        "the record it reverts.\n\n"
        "Example: kexie revert 01M8K1KA --note 录入错误",
        "在台账中追加一条撤销记录，取消先前的一条记录。\n\n"
        "台账中已有的内容不会被修改或删除。ID 可以只写开头几位（像 git 的提交号一样，如用"
        " 01M8K2HS 代替 01M8K2HSQAECX8BZ），只要没有别的编号也以它开头；kexie 自己生成的编号不分"
        "大小写。--last 取最后录入、仍然有效的一条；加 --by 单位 时取该单位最后录入的一条。写入前"
        "会显示要撤销的记录（在终端上还会请你确认）。一条记录只能撤销一次；撤销记录本身不能再撤销"
        "（需要时请重新记录）。不加 --date 时，撤销记录的日期为今天，计划期结束后也可以（一月份的"
        "更正）；日期不会早于被撤销的记录。\n\n"
        "示例：kexie revert 01M8K1KA --note 录入错误",
    ),
    "help.revert.record_id": (
        "The record to cancel: its id, or the start of it (at least 4 characters) that no other "
        "id starts with.",
        "要取消的记录：它的编号，或没有别的编号以之开头的前几位（至少 4 位）。",
    ),
    "help.revert.last": (
        "Cancel the latest record that still counts (not reverted, not a reversal); with --by, "
        "the latest of that unit.",
        "取消最后录入、仍然有效的一条记录（未被撤销、本身不是撤销记录）；加 --by 时取该单位的最后"
        "一条。",
    ),
    "help.revert.note": ("Why it is cancelled.", "撤销的原因。"),
    "help.revert.date": (
        "The reversal's date (2021-07-02, 2021/7/2, 7/2, 7月2日, 昨天). Default: today.",
        "撤销日期（2021-07-02、2021/7/2、7/2、7月2日、昨天）。默认为今天。",
    ),
    "help.schema": (
        "Print the plan file's JSON Schema, for editors.\n\n"
        "With it, yaml-language-server and VS Code check a plan as it is typed.\n\n"
        "Example: kexie schema -o schema/plan.schema.json",
        "输出计划文件的 JSON Schema，供编辑器使用。\n\n"
        "yaml-language-server 和 VS Code 可据此在编辑时检查计划。\n\n"
        "示例：kexie schema -o schema/plan.schema.json",
    ),
    "help.show": (
        "Show one target, activity or measure, its records and progress.\n\n"
        "Its plan text and goal; for a counted target, a month-by-month chart that compares "
        "the cumulative actual with the expected line (序时进度). The latest 50 records are "
        "listed by date (kexie log REF lists them all); reverted records are shown struck "
        "through, with the record that reverted them.\n\n"
        "Example: kexie show 海智沙龙 --as-of 2021-06-30",
        "查看一个目标、活动或措施的记录和进度。\n\n"
        "显示计划原文和目标值；计数类目标有逐月图表，对比累计完成数与序时进度线。按日期列出"
        "最近 50 条记录（kexie log REF 列出全部）；已撤销的记录加删除线显示，并注明撤销它的"
        "记录。\n\n"
        "示例：kexie show 海智沙龙 --as-of 2021-06-30",
    ),
    "help.status": (
        "Show every target against its goal and the calendar (序时进度).\n\n"
        "Targets are grouped by section. For each: the goal in the plan's words, the actual "
        "(records up to --as-of, after reverts), the share of the goal's lower bound, a bar "
        "with the expected mark, the expected value by now, what is still missing, and the "
        "state with its light. Then the counts by state and the activities due within 30 "
        "days or overdue.\n\n"
        "Without --as-of: today, clamped into the plan's period (a finished plan is shown at "
        "its last day, and the header says so). --format json prints a stable shape that "
        "tools may rely on (docs/format.md); --group owner rolls the targets and activities "
        "up by their owner (the target's or activity's own, else its measure's).\n\n"
        "Example: kexie status --as-of 2021-06-30 --only behind,overdue",
        "对照目标值和序时进度，列出每个目标的完成情况。\n\n"
        "目标按部分分组。每个目标列出：计划中的目标值、实际完成数（截至 --as-of 的记录，"
        "已扣除撤销）、完成率（按目标下限计）、带序时标记的进度条、按序时应完成数、尚缺数量，"
        "以及状态和信号灯。最后是各状态的数量，以及 30 天内到期或已逾期的重大活动。\n\n"
        "不加 --as-of 时取今天，并限于计划期内（计划期已结束时显示最后一天，标题中会注明）。"
        "--format json 输出供其他工具使用的稳定结构（见 docs/format.md）；--group owner 按"
        "负责单位（目标或活动自身的，否则为所属措施的）汇总目标和活动。\n\n"
        "示例：kexie status --as-of 2021-06-30 --only 落后,逾期",
    ),
    "help.status.section": (
        "Only the targets of this section: its id, its title, or an unambiguous part of the title.",
        "只看该部分的目标：部分的 id、标题或标题中能唯一确定它的一段文字。",
    ),
    "help.status.owner": (
        "Only the targets of this unit (the target's owner, else its measure's): its id or "
        "its name.",
        "只看该单位负责的目标（目标自身的负责单位，否则为所属措施的）：单位的 id 或名称。",
    ),
    "help.status.only": (
        "Only the targets in these states, comma-separated: exceeded, met, done, on_track, "
        "behind, overdue, pending, open, or their Chinese words (落后, 逾期 …).",
        "只看处于这些状态的目标，用逗号或顿号分隔：超额、达标、已完成、正常、落后、逾期、"
        "未开始、待完成，也可用英文（behind、overdue……）。",
    ),
    "help.status.group": (
        "owner: instead of the targets, one row per responsible unit with how many targets "
        "and activities it owns, met, behind and overdue.",
        "owner：不列目标，改为每个负责单位一行，列出其负责的目标和活动数，以及达标、落后和"
        "逾期的数量。",
    ),
    "help.validate": (
        "Check plan files and their ledgers; report every problem, one line each.\n\n"
        "A problem's line starts with its place, path:line:col. Each plan's ledger "
        "(plans/2021.yaml → plans/2021.progress.yaml) is checked too, every line of it. Exit "
        "0 when all files are valid, 1 when any is invalid, 2 when a file is missing. "
        "Warnings (what two clones both recorded, kept twice by a merge; it counts once) are "
        "printed and leave the exit code 0, unless --strict. With --against REV (e.g. "
        "origin/main in CI), a target whose goal differs from the plan at REV is an error "
        "unless the target has an adjustment to that goal.\n\n"
        "Example: kexie validate plans/2021.yaml --format github",
        "检查计划文件及其台账，逐行报告每一个问题。\n\n"
        "每个问题一行，开头是它的位置：路径:行:列。每份计划的台账（plans/2021.yaml → "
        "plans/2021.progress.yaml）也逐行检查。全部有效时退出码为 0，有无效文件时为 1，"
        "文件不存在时为 2。提示（两份副本都记录、合并后重复的内容，只计一次）会输出，但退出码"
        "仍为 0，除非加 --strict。加 --against REV（如 CI 中的 origin/main）时，目标值与 REV "
        "版本的计划不同、又没有相应调整的目标视为错误。\n\n"
        "示例：kexie validate plans/2021.yaml --format github",
    ),
    "help.validate.paths": (
        "Plan files to check (a ledger stands for its plan). Default: the plan kexie finds "
        "(see --plan).",
        "要检查的计划文件（给出台账即检查其计划）。默认为 kexie 找到的计划（见 --plan）。",
    ),
    "help.validate.format": (
        "text (default), github (Actions annotations) or json.",
        "输出格式：text（文本，默认）、github（GitHub Actions 注释）或 json。",
    ),
    "help.validate.against": (
        "Also refuse a goal changed since git revision REV without a matching adjustments "
        "entry (its reason).",
        "目标值自 git 版本 REV 以来有改动、却没有相应的 adjustments 条目（调整理由）时，"
        "也视为错误。",
    ),
    "help.validate.strict": (
        "Fail (exit 1) on warnings too: what a merge said twice (a record reverted twice, an "
        "activity held twice, a milestone done twice).",
        "有提示时也判为失败（退出码 1）：合并造成的重复（同一记录撤销两次、同一活动举办两次、"
        "同一里程碑完成两次）。",
    ),
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
    "record.past_goal": (
        "amount {amount} takes {id!r} to {total}, more than twice its goal of {goal}; "
        "check the amount",
        "数量 {amount} 使 {id!r} 累计达到 {total}，超过目标 {goal} 的两倍；请核对数量",
    ),
    "record.double_entry": (
        "record {record} already has {id!r} on {date} with the same note; is this a double entry?",
        "记录 {record} 已记有 {date} 的 {id!r}，说明也相同；是否重复录入？",
    ),
    "record.double_entry_no_note": (
        "record {record} already has {id!r} on {date}, also without a note; is this a "
        "double entry?",
        "记录 {record} 已记有 {date} 的 {id!r}，同样没有说明；是否重复录入？",
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
    "revert.which": (
        "say which record to revert: kexie revert ID (or the start of its id), or "
        "kexie revert --last",
        "请指明要撤销的记录：kexie revert ID（或 id 的开头），或 kexie revert --last",
    ),
    "revert.id_and_last": (
        "give the record's ID or --last, not both",
        "记录 ID 与 --last 只能给出其一",
    ),
    "revert.nothing": (
        "no record to revert: every record is reverted or is a reversal",
        "没有可撤销的记录：所有记录都已撤销或本身是撤销记录",
    ),
    "revert.nothing_by": (
        "no record by {by!r} to revert",
        "{by!r} 没有可撤销的记录",
    ),
    "record.id_ambiguous": (
        "{id!r} is the start of more than one record id: {candidates}; give more of the id",
        "{id!r} 是多条记录 id 的开头：{candidates}；请多写几位",
    ),
    "record.id_short": (
        "{id!r} is too short to pick a record: give at least {count} characters of its id",
        "{id!r} 太短，无法确定是哪条记录：请至少写出 id 的前 {count} 位",
    ),
    "revert.undoes": ("reverts: {what}", "撤销：{what}"),
    "record.summary": ("{date} {name} ({id})", "{date} {name}（{id}）"),
    "record.summary_by": ("by {by}", "填报：{by}"),
    "record.summary_note": ("note: {note}", "说明：{note}"),
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
    "activities.alarm_ics_only": (
        "--alarm goes with --format ics (a calendar's reminders)",
        "--alarm 只用于 --format ics（日历提醒）",
    ),
    "activities.ics_month": ("some day in {when}, not yet set", "{when}内，具体日期待定"),
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
    "remind.unit": ("{name}:", "【{name}】"),
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
    "report.progress": ("Progress toward each goal", "各项目标完成进度"),
    "report.bars_note": (
        "Each bar is as long as the goal (its lower bound); its colour is the target's "
        "state, as above.",
        "条长代表目标值（下限），色块为累计完成，颜色表示状态（同上）。",
    ),
    "report.chart_missing": ("expected by now, not yet done", "按序时进度应完成而尚缺"),
    "report.page": ("Page {page} of {pages}", "第 {page} 页，共 {pages} 页"),
    "report.signed_on": ("{year}-{month:02d}-{day:02d}", "{year}年{month}月{day}日"),
    "report.chart_months": ("along the bottom: months", "横轴为月份"),
    "report.short_ids": (
        "Record ids are cut to the first characters that tell them apart here; "
        "kexie log and the xlsx report give them whole.",
        "记录编号只列出足以相互区分的前几位；完整编号见 kexie log 或 xlsx 报表。",
    ),
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
    "col.by": ("by", "填报单位"),
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
