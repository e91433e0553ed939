"""Shell completion (cli/completion.py): what each Tab offers, in each shell's form, and
the scripts `kexie completion SHELL` prints.

A Tab runs kexie with $_KEXIE_COMPLETE and the words typed so far in the environment
(typer's protocol); these tests set them as a shell would and read what kexie prints.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SMALL_PLAN, write_plan

from kexie_plan.cli.completion import FORMATS, POWERSHELL_SCRIPT

LEDGER = (
    "- {id: 01F0000000AAAAAA, date: 2021-03-20, activity: salon-spring, note: 春季}\n"
    "- {id: 01F0000000BBBBBB, date: 2021-04-02, target: intl-forums, amount: 2, by: pop-dept}\n"
    "- {id: 01F0000000CCCCCC, date: 2021-04-03, revert: 01F0000000BBBBBB}\n"
    "- {id: 01F0000001DDDDDD, date: 2021-05-02, target: haizhi-salons, note: 第二期}\n"
)


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("KEXIE_TODAY", "2021-06-30")
    write_plan(tmp_path, SMALL_PLAN, LEDGER)
    return tmp_path


@pytest.fixture
def tab(kexie):
    """Return a function that completes the last word of `line` as bash asks, and returns
    kexie's exit code, what it printed (the candidates, one a line) and stderr."""

    def tab(line: str, shell: str = "bash", **env: str) -> tuple[int, str, str]:
        words = line.split()
        incomplete = "" if line.endswith(" ") else words[-1]
        if shell == "bash":
            env |= {"COMP_WORDS": line, "COMP_CWORD": str(len(words) - (incomplete != ""))}
        elif shell == "powershell":
            env |= {"_TYPER_COMPLETE_ARGS": line, "_TYPER_COMPLETE_WORD_TO_COMPLETE": incomplete}
        else:
            env |= {"_TYPER_COMPLETE_ARGS": line, "_TYPER_COMPLETE_FISH_ACTION": "get-args"}
        done = kexie(_KEXIE_COMPLETE=f"complete_{shell}", **env)
        return done.code, done.out, done.err

    return tab


def test_a_part_of_a_name_completes_to_the_refs_that_hold_it(home, tab) -> None:
    assert tab("kexie record 海智") == (0, "海智沙龙\n春季海智沙龙\n", "")
    assert tab("kexie show 科技") == (0, "市科技馆新馆筹备\n科技工作者日\n", "")
    assert tab("kexie log 沙龙") == (0, "海智沙龙\n春季海智沙龙\n", "")


def test_ascii_completes_to_ids(home, tab) -> None:
    assert tab("kexie record h") == (0, "haizhi-salons\n", "")
    assert tab("kexie record Sal") == (0, "salon-spring\n", "")  # case does not matter
    assert tab("kexie record sci") == (0, "sci-day\n", "")


def test_nothing_typed_offers_every_name(home, tab) -> None:
    _, out, _ = tab("kexie record ")
    assert out.splitlines() == [
        "海智沙龙",
        "国际学术交流论坛",
        "市科技馆新馆筹备",
        "春季海智沙龙",
        "科技工作者日",
        "强化政治引领,实施党建强会",
    ]


def test_each_shell_gets_its_own_form_with_the_kind_and_id(home, tab) -> None:
    assert tab("kexie record 海智", "zsh")[1] == (
        '_arguments \'*: :(("海智沙龙":"target haizhi-salons"\n'
        '"春季海智沙龙":"activity salon-spring"))\'\n'
    )
    assert tab("kexie record 海智", "fish")[1] == (
        "海智沙龙\ttarget haizhi-salons\n春季海智沙龙\tactivity salon-spring\n"
    )
    assert tab("kexie record 海智", "powershell", KEXIE_LANG="zh")[1] == (
        "海智沙龙:::目标 haizhi-salons\n春季海智沙龙:::活动 salon-spring\n"
    )


def test_a_name_a_shell_would_split_is_offered_by_its_id(home, tab) -> None:
    plan = SMALL_PLAN.replace("name: 海智沙龙,", 'name: "海智 沙龙(第一期)",').replace(
        "name: 海智办", "name: 海智 办"
    )
    write_plan(home, plan)
    assert tab("kexie record 海智")[1] == "haizhi-salons\n春季海智沙龙\n"
    assert tab("kexie record --by 海智")[1] == "haizhi-office\n"


def test_units(home, tab) -> None:
    assert tab("kexie record x --by ")[1] == "海智办\n科普部\n"
    assert tab("kexie record x --by p")[1] == "pop-dept\n"
    assert tab("kexie status --owner 科普")[1] == "科普部\n"
    assert tab("kexie revert --last --by h")[1] == "haizhi-office\n"


def test_sections_and_states(home, tab) -> None:
    assert tab("kexie status --section ")[1] == "s\n"
    assert tab("kexie status --only be")[1] == "behind\n"
    assert (
        tab("kexie status --only behind,o")[1] == "behind,on_track\nbehind,overdue\nbehind,open\n"
    )
    assert tab("kexie status --only 落")[1] == "落后\n"
    assert tab("kexie status --only overdue,未", "fish", KEXIE_LANG="en")[1] == (
        "overdue,未开始\tpending\n"
    )


def test_record_ids_for_revert_latest_first_and_only_those_that_stand(home, tab) -> None:
    # 01F0000000BBBBBB is reverted, 01F0000000CCCCCC is a reversal: neither is offered
    assert tab("kexie revert ")[1] == "01F0000001DDDDDD\n01F0000000AAAAAA\n"
    assert tab("kexie revert 01f0000000")[1] == "01F0000000AAAAAA\n"
    assert tab("kexie revert 01F0000000", "fish", KEXIE_LANG="zh")[1] == (
        "01F0000000AAAAAA\t2021-03-20 春季海智沙龙（salon-spring） · 说明：春季\n"
    )
    assert tab("kexie revert Z")[1] == "\n"  # none: typer prints an empty line


def test_formats_languages_periods_and_days(home, tab) -> None:
    assert tab("kexie status --format ")[1] == "table\njson\ncsv\nmarkdown\n"
    assert tab("kexie report --format h")[1] == "html\n"
    assert tab("kexie validate --format ")[1] == "text\ngithub\njson\n"
    assert tab("kexie status --lang ")[1] == "zh\nen\n"
    assert tab("kexie --lang ")[1] == "zh\nen\n"
    assert tab("kexie report --period H")[1] == "H1\nH2\n"
    assert tab("kexie report --period 2021-1")[1] == "2021-10\n2021-11\n2021-12\n"
    assert tab("kexie record x --date 昨", "fish")[1] == "昨天\t2021-06-29\n"
    assert tab("kexie status --table ")[1] == "\n"  # status has no --table
    assert tab("kexie completion ")[1] == "bash\nzsh\nfish\npowershell\n"


def test_commands_and_options_complete_as_typer_does(home, tab) -> None:
    assert tab("kexie rev")[1] == "revert\n"
    assert tab("kexie revert --la")[1] == "--last\n--lang\n"


@pytest.mark.parametrize("command", sorted(FORMATS))
def test_the_formats_offered_are_those_each_command_takes(home, kexie, command) -> None:
    args = {"diff": ["plans/2021.yaml", "plans/2021.yaml"]}.get(command, [])
    done = kexie(command, *args, "--format", "nope", lang="en")
    assert done.code == 2
    allowed = done.err.split(" is not one of ")[1].rstrip("\n")
    assert tuple(allowed.split(", ")) == FORMATS[command]


def test_the_plan_given_before_is_the_one_completed(home, tab) -> None:
    other = home / "other"
    other.mkdir()
    plan = write_plan(other, SMALL_PLAN.replace("海智沙龙", "海外沙龙"))
    assert tab(f"kexie record --plan {plan} 海")[1] == "海外沙龙\n春季海外沙龙\n"


def test_a_plan_that_cannot_be_read_gives_no_candidates_and_no_message(home, tab) -> None:
    (home / "plans" / "2021.yaml").write_text("schema: [", "utf-8")
    assert tab("kexie record 海智") == (0, "\n", "")
    assert tab("kexie revert ") == (0, "\n", "")
    assert tab("kexie record --lang fr 海智") == (0, "\n", "")
    assert tab("kexie rec") == (0, "record\n", "")


def test_paths_are_left_to_the_shell(home, tab) -> None:
    assert tab("kexie status --plan pl") == (0, "\n", "")
    assert tab("kexie status -o ") == (0, "\n", "")
    assert tab("kexie status --plan pl", "zsh") == (0, "_files\n", "")


# --- the scripts --------------------------------------------------------------------------


def test_the_bash_script(home, kexie) -> None:
    done = kexie("completion", "bash")
    assert (done.code, done.err) == (0, "")
    assert "_KEXIE_COMPLETE=complete_bash $1" in done.out
    assert done.out.endswith("complete -o default -F _kexie_completion kexie\n")


def test_the_other_scripts(home, kexie) -> None:
    assert "compdef _kexie_completion kexie" in kexie("completion", "zsh").out
    assert "_KEXIE_COMPLETE=complete_fish" in kexie("completion", "fish").out
    for name in ("powershell", "pwsh", "PowerShell"):
        assert kexie("completion", name).out == POWERSHELL_SCRIPT
    # PowerShell: never the execution policy, never the user's Tab key
    assert "ExecutionPolicy" not in POWERSHELL_SCRIPT
    assert "Set-PSReadLineKeyHandler" not in POWERSHELL_SCRIPT
    assert "Register-ArgumentCompleter -Native -CommandName kexie" in POWERSHELL_SCRIPT


def test_an_unknown_shell_is_a_usage_error(home, kexie) -> None:
    done = kexie("completion", "cmd", lang="zh")
    assert (done.code, done.out) == (2, "")
    assert done.err == "kexie: error: SHELL 的值 'cmd' 不是 bash, zsh, fish, powershell 之一\n"


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="bash")
def test_bash_itself_completes_through_the_script(home: Path, tmp_path: Path) -> None:
    """The script, sourced by a real bash, fills COMPREPLY from a real kexie process."""
    root = Path(__file__).resolve().parent.parent
    wrapper = tmp_path / "kexie"
    wrapper.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m kexie_plan "$@"\n', "utf-8")
    wrapper.chmod(0o755)
    env = dict(os.environ, PYTHONPATH=str(root), PATH=f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
    script = subprocess.run(
        [str(wrapper), "completion", "bash"], capture_output=True, text=True, env=env, check=True
    ).stdout
    test = (
        f"{script}\n"
        "COMP_WORDS=(kexie record 海智); COMP_CWORD=2\n"
        "_kexie_completion kexie\n"
        'printf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    done = subprocess.run(["bash", "--norc", "-c", test], capture_output=True, text=True, env=env)
    assert (done.returncode, done.stdout, done.stderr) == (0, "海智沙龙\n春季海智沙龙\n", "")
