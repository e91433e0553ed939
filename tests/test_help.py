"""Every command's --help, and Click's own words, in the chosen language.

The help texts live in the catalogue (i18n: help.COMMAND, help.COMMAND.KEY, help.opt.KEY),
never in the command files; cli.helptext writes them into the command tree before click
reads it. A new command or parameter without catalogue help fails
`test_every_command_and_parameter_has_help_in_both_languages`, which names it and the
codes to add; one that still carries English help (a docstring, `help=`) fails
`test_no_command_file_carries_help_text`.

Golden files: tests/golden/help/*.txt at COLUMNS=80; `KEXIE_UPDATE_GOLDEN=1` rewrites them
(read the diff before committing).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
import typer.main

from kexie_plan.cli import app, helptext
from kexie_plan.cli.helptext import (
    NO_LINE_END,
    NO_LINE_START,
    columns,
    command_code,
    commands,
    help_code,
    help_option,
    param_key,
    wrap,
)
from kexie_plan.i18n import MESSAGES, text

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden" / "help"
UPDATE = os.environ.get("KEXIE_UPDATE_GOLDEN") == "1"
HELP_NAMES = ["-h", "--help"]


def raw_tree():
    """Return the command tree as Typer builds it, before any catalogue help."""
    return typer.main.get_command(app)


def shown(path: tuple[str, ...], param=None) -> str:
    """Return how a user names a command or a parameter: `kexie new-year --from`."""
    words = " ".join(("kexie", *path))
    if param is None:
        return words
    name = param.opts[-1] if param.param_type_name == "option" else (param.metavar or param.name)
    return f"{words} {name}"


def command_names() -> list[str]:
    return sorted(raw_tree().commands)


# --- where the help lives -----------------------------------------------------------------


def test_every_command_and_parameter_has_help_in_both_languages() -> None:
    missing = []
    for path, command in commands(raw_tree()):
        code = command_code(path)
        if code not in MESSAGES:
            missing.append(f"{shown(path)}: add {code}")
        for param in [*command.params, help_option(command, HELP_NAMES)]:
            if help_code(path, param) is None:
                key = param_key(param)
                missing.append(f"{shown(path, param)}: add {code}.{key} (or help.opt.{key})")
    assert missing == [], "no catalogue help (i18n.py, block help) for:\n" + "\n".join(missing)


def test_no_command_file_carries_help_text() -> None:
    # The command files declare parameters only: a docstring or help= would be English
    # whatever the language (Typer takes a command's docstring as its help).
    carried = []
    for path, command in commands(raw_tree()):
        if command.help or command.short_help:
            carried.append(f"{shown(path)}: {(command.help or command.short_help)[:40]!r}…")
        for param in command.params:
            if getattr(param, "help", None):
                carried.append(f"{shown(path, param)}: help={param.help[:40]!r}…")
    assert carried == [], "move these into the catalogue:\n" + "\n".join(carried)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_help_written_into_the_tree_is_the_catalogues(lang: str) -> None:
    root = helptext.command_tree(app, lang)
    for path, command in commands(root):
        assert command.help == text(command_code(path), lang)
        assert command.short_help == command.help.split("\n\n")[0]
        for param in [*command.params, help_option(command, HELP_NAMES)]:
            assert param.help == text(help_code(path, param), lang), shown(path, param)


@pytest.mark.parametrize("name", command_names())
def test_every_command_has_an_example_in_both_languages_and_is_in_readme(name: str) -> None:
    code = command_code((name,))
    english, chinese = MESSAGES[code]
    assert english.split("\n\n")[-1].startswith(f"Example: kexie {name} "), code
    assert chinese.split("\n\n")[-1].startswith(f"示例：kexie {name} "), code
    assert f"kexie {name}" in (ROOT / "README.md").read_text("utf-8")


def test_every_help_code_names_a_command_or_parameter() -> None:
    # A help text left behind by a renamed option would never be shown.
    built = set()
    for path, command in commands(raw_tree()):
        built.add(command_code(path))
        built |= {help_code(path, p) for p in [*command.params, help_option(command, HELP_NAMES)]}
    layout = {"help.usage", "help.heading", "help.options_metavar", "help.subcommand_metavar"}
    layout |= {"help.required", *helptext.HEADINGS.values()}
    unused = {code for code in MESSAGES if code.startswith("help.")} - built - layout
    assert unused == set()


def test_help_states_the_numbers_the_commands_use() -> None:
    from kexie_plan.cli import remind, report, show

    for lang in ("en", "zh"):
        assert f"{remind.DEFAULT_DAYS}" in text("help.remind.days", lang)
        assert f" {show.SHOWN_RECORDS} " in text("help.show", lang)
        assert f" {report.ANNEX_ROWS} " in text("help.report", lang)


# --- what the user sees -------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _no_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    """The tests below set the locale they need; none comes from the machine."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_kexie_help_lists_the_commands_without_building_them(lang: str) -> None:
    root = helptext.command_tree(app, lang)
    waiting = set(root.pending)
    context = root.make_context("kexie", [], resilient_parsing=True)
    listed = root.get_help(context)
    assert set(root.pending) == waiting and not root.commands  # none was built
    for name in waiting:
        summary = text(command_code((name,)), lang).split("\n\n")[0]
        assert name in listed and summary[:8] in listed


def help_of(kexie, *args: str, **env: str):
    return kexie(*args, COLUMNS="80", **env)


GOLDENS = [
    ("kexie", []),
    ("record", ["record"]),
    ("status", ["status"]),
    ("new-year", ["new-year"]),
]


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize(("name", "args"), GOLDENS, ids=[g[0] for g in GOLDENS])
def test_help_is_the_golden_text(tmp_path, monkeypatch, kexie, lang, name, args) -> None:
    monkeypatch.chdir(tmp_path)
    run = help_of(kexie, "--lang", lang, *args, "--help")
    assert (run.code, run.err) == (0, "")
    golden = GOLDEN / f"{name}_{lang}_80.txt"
    if UPDATE:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(run.out, encoding="utf-8")
    assert run.out == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "args",
    [
        ["--lang", "zh", "record", "--help"],
        ["record", "--help", "--lang", "zh"],
        ["record", "--lang", "zh", "-h"],
        ["--lang=zh", "record", "-h"],
        ["--lang", "en", "record", "--lang", "zh", "--help"],  # the last --lang wins
    ],
)
def test_lang_anywhere_makes_the_help_chinese(tmp_path, monkeypatch, kexie, args) -> None:
    monkeypatch.chdir(tmp_path)
    run = help_of(kexie, *args, LANG="en_US.UTF-8")
    assert run.out == (GOLDEN / "record_zh_80.txt").read_text("utf-8")
    assert run.out.splitlines()[0] == "用法：kexie record [选项] [REF] [AMOUNT]"


def test_kexie_lang_kexie_toml_and_the_locale_make_the_help_chinese(
    tmp_path, monkeypatch, kexie
) -> None:
    monkeypatch.chdir(tmp_path)
    chinese = (GOLDEN / "record_zh_80.txt").read_text("utf-8")
    assert help_of(kexie, "record", "--help", KEXIE_LANG="zh").out == chinese
    assert help_of(kexie, "record", "--help", LANG="zh_CN.UTF-8").out == chinese
    assert help_of(kexie, "record", "--help", LANG="C.UTF-8").out.startswith("Usage: ")
    (tmp_path / "kexie.toml").write_text('lang = "zh"\n', encoding="utf-8")
    assert help_of(kexie, "record", "--help", LANG="en_US.UTF-8").out == chinese
    # $KEXIE_LANG goes before kexie.toml, --lang before both
    assert help_of(kexie, "record", "--help", KEXIE_LANG="en").out.startswith("Usage: ")
    assert help_of(kexie, "--lang", "en", "record", "-h").out.startswith("Usage: ")


def test_a_broken_kexie_toml_still_shows_the_help(tmp_path, monkeypatch, kexie) -> None:
    # The help is there to get out of trouble; the command itself reports the file.
    monkeypatch.chdir(tmp_path)
    (tmp_path / "kexie.toml").write_text("lang = [\n", encoding="utf-8")
    assert help_of(kexie, "status", "--help", LANG="zh_CN.UTF-8").out.startswith("用法：")
    run = kexie("status")
    assert run.code == 2 and run.err.startswith("kexie: error: ")


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("name", ["", *command_names()])
def test_every_help_fits_80_columns_without_trailing_spaces(
    tmp_path, monkeypatch, kexie, lang, name
) -> None:
    monkeypatch.chdir(tmp_path)
    run = help_of(kexie, "--lang", lang, *([name] if name else []), "--help")
    assert run.code == 0
    for line in run.out.splitlines():
        assert columns(line) <= 80, line
        assert line == line.rstrip(), line
        first = line.strip()[:1]
        assert not (first in NO_LINE_START and not first.isascii()), line


def test_kexie_alone_or_with_only_lang_shows_the_help_on_stderr(kexie) -> None:
    run = kexie("--lang", "zh")
    assert (run.code, run.out) == (2, "")
    assert run.err.startswith("用法：kexie [选项] 命令 [参数]...\n")
    assert kexie(lang="en").err.startswith("Usage: kexie [OPTIONS] COMMAND [ARGS]...\n")


# --- Click's refusals, in kexie's words ------------------------------------------------------

REFUSALS = [
    (
        ["status", "--bogus"],
        "no such option '--bogus' (help: kexie status -h)",
        "没有选项 '--bogus'（帮助：kexie status -h）",
    ),
    (
        ["status", "--onyl", "behind"],
        "no such option '--onyl'; did you mean '--only'? (help: kexie status -h)",
        "没有选项 '--onyl'；是否应为 '--only'？（帮助：kexie status -h）",
    ),
    (
        ["show"],
        "missing argument 'REF' (help: kexie show -h)",
        "缺少参数 'REF'（帮助：kexie show -h）",
    ),
    (
        ["new-year", "2022"],
        "missing option '--from' (help: kexie new-year -h)",
        "缺少选项 '--from'（帮助：kexie new-year -h）",
    ),
    (
        ["status", "--only"],
        "option '--only' needs a value (help: kexie status -h)",
        "选项 '--only' 需要一个值（帮助：kexie status -h）",
    ),
    (
        ["record", "x", "--yes=1"],
        "option '--yes' takes no value (help: kexie record -h)",
        "选项 '--yes' 不带值（帮助：kexie record -h）",
    ),
    (
        ["status", "a", "b"],
        "unexpected arguments a b (help: kexie status -h)",
        "多余的 2 个参数 a b（帮助：kexie status -h）",
    ),
    (
        ["revert", "01F0000000AAAAAA", "x"],
        "unexpected argument x (help: kexie revert -h)",
        "多余的 1 个参数 x（帮助：kexie revert -h）",
    ),
    (
        ["statsu"],
        "no such command 'statsu'; did you mean 'status'? (help: kexie -h)",
        "没有命令 'statsu'；是否应为 'status'？（帮助：kexie -h）",
    ),
    (
        ["--bogus"],
        "no such option '--bogus' (help: kexie -h)",
        "没有选项 '--bogus'（帮助：kexie -h）",
    ),
    (
        ["new-year", "abc", "--from", "x.yaml"],
        "year 'abc' is not a year from 1900 to 2999",
        "年份 'abc' 不是 1900 至 2999 之间的年份",
    ),
]


@pytest.mark.parametrize(
    ("args", "english", "chinese"), REFUSALS, ids=[" ".join(r[0]) for r in REFUSALS]
)
def test_clicks_refusals_are_one_line_in_either_language(
    tmp_path, monkeypatch, kexie, args, english, chinese
) -> None:
    monkeypatch.chdir(tmp_path)
    for given, lang, message in [
        (args, "en", english),
        (["--lang", "zh", *args], "en", chinese),
        (args, "zh", chinese),
    ]:
        run = kexie(*given, lang=lang)
        assert (run.code, run.out, run.err) == (2, "", f"kexie: error: {message}\n")


def test_anything_else_click_refuses_keeps_its_words(monkeypatch) -> None:
    from kexie_plan.errors import PlanError

    error = helptext.usage_error(helptext.click.exceptions.UsageError("Odd."), raw_tree(), [])
    assert error == PlanError("usage.other", {"problem": "Odd.", "command": "kexie"})
    assert text("usage.other", "zh", **error.params) == "Odd.（帮助：kexie -h）"


# --- Chinese line breaking ------------------------------------------------------------------


def test_wrap_breaks_between_chinese_characters_and_keeps_punctuation_off_the_start() -> None:
    assert wrap("目标、活动或措施：id、名称", 8) == "目标、活\n动或措\n施：id、\n名称"
    assert wrap("计划（YAML）文件", 6) == "计划\n（YAML）\n文件"
    assert wrap("two words", 4) == "two\nwords"
    assert wrap("a b", 10, "> ", "  ") == "> a b"
    assert wrap("abc def", 5, "", "  ") == "abc\n  def"


@pytest.mark.parametrize("width", [12, 17, 30, 41])
def test_no_chinese_help_line_starts_with_a_closing_mark(width: int) -> None:
    for code, (_, chinese) in MESSAGES.items():
        if not code.startswith("help."):
            continue
        for line in wrap(chinese, width).splitlines():
            if not line:
                continue
            # (an ASCII mark after a space starts a word: .github, (see …)
            assert line[0] not in NO_LINE_START or line[0].isascii(), (code, line)
            assert line[-1] not in NO_LINE_END or line[-1].isascii(), (code, line)
            long_piece = max((columns(p) for p in re.split(r"\s", line)), default=0) > width
            assert columns(line) <= width or long_piece, (code, line)


# --- the one decision of the language --------------------------------------------------------


def test_the_last_lang_before_a_double_dash_is_the_lines_language() -> None:
    from kexie_plan.cli.env import lang_option

    assert lang_option(["--lang", "zh", "status", "--lang=en"]) == "en"
    assert lang_option(["status", "--lang", "zh"]) == "zh"
    assert lang_option(["record", "x", "--", "--lang", "zh"]) is None
    assert lang_option(["status", "--lang"]) is None


def test_on_windows_without_a_locale_the_display_language_decides(monkeypatch) -> None:
    import ctypes
    import sys
    from types import SimpleNamespace

    from kexie_plan.cli import env

    def windows(language: int) -> SimpleNamespace:
        kernel32 = SimpleNamespace(GetUserDefaultUILanguage=lambda: language)
        return SimpleNamespace(kernel32=kernel32)

    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(ctypes, "windll", windows(0x0804), raising=False)  # zh-CN
    env.current.clear()
    assert env.lang_of(None) == "zh"
    env.current.clear()
    monkeypatch.setattr(ctypes, "windll", windows(0x0409), raising=False)  # en-US
    assert env.lang_of(None) == "en"
    env.current.clear()
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")  # a locale that says it wins (Git Bash, WSL)
    monkeypatch.setattr(ctypes, "windll", windows(0x0409), raising=False)
    assert env.lang_of(None) == "zh"
    env.current.clear()


def test_the_only_help_names_every_state_as_status_shows_it() -> None:
    from kexie_plan.states import TargetState

    english, chinese = MESSAGES["help.status.only"]
    for state in TargetState:
        assert state.value in english, state
        assert text(state.words_key(), "zh") in chinese, state


@pytest.mark.slow
def test_a_real_process_answers_in_chinese(tmp_path) -> None:
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if not k.startswith(("KEXIE_", "LC_", "LANG"))}
    env["PYTHONPATH"] = str(ROOT)
    kexie = [sys.executable, "-m", "kexie_plan"]
    done = subprocess.run(
        [*kexie, "--lang", "zh", "status", "--bogus"], capture_output=True, cwd=tmp_path, env=env
    )
    assert (done.returncode, done.stdout) == (2, b"")
    assert (
        done.stderr.decode("utf-8") == "kexie: error: 没有选项 '--bogus'（帮助：kexie status -h）\n"
    )
    env["KEXIE_LANG"] = "zh"
    done = subprocess.run([*kexie, "record", "--help"], capture_output=True, cwd=tmp_path, env=env)
    assert done.returncode == 0
    assert done.stdout.decode("utf-8").startswith("用法：kexie record [选项] [REF] [AMOUNT]\n")
