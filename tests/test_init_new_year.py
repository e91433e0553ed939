"""kexie init, kexie new-year and the kexie.toml settings."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kexie_plan.cli import app
from kexie_plan.cli.init import PLAN_CHECK_WORKFLOW
from kexie_plan.planfile import load_plan
from kexie_plan.yearly import moved

ROOT = Path(__file__).resolve().parent.parent
NO_LANG = {"KEXIE_LANG": None, "KEXIE_PLAN": None, "LC_ALL": "C", "LANG": "C"}
INIT_FILES = [
    ".gitattributes",
    ".github/workflows/plan-check.yml",
    ".pre-commit-config.yaml",
    "kexie.toml",
    "plans/2022.progress.yaml",
    "plans/2022.yaml",
    "schema/plan.schema.json",
]


def invoke(*args: str, env: dict | None = None):
    return CliRunner().invoke(app, list(args), env=env or NO_LANG)


def run_main(monkeypatch: pytest.MonkeyPatch, *args: str) -> int:
    """Return the exit code of `kexie ARGS` run through the one error boundary."""
    from kexie_plan.cli import main

    monkeypatch.setenv("KEXIE_LANG", "en")
    monkeypatch.setattr("sys.argv", ["kexie", *args])
    with pytest.raises(SystemExit) as exited:
        main()
    return exited.value.code


def files_under(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


def test_init_in_an_empty_folder_gives_a_working_repository(tmp_path, monkeypatch) -> None:
    result = invoke("init", str(tmp_path / "repo"), "--year", "2022", "--lang", "zh")
    assert result.exit_code == 0, result.output
    repo = tmp_path / "repo"
    assert files_under(repo) == INIT_FILES
    assert (repo / "kexie.toml").read_text("utf-8") == (
        "# kexie settings, shared by everyone who uses this repository; paths are relative to\n"
        "# this file. plan: the plan the commands use; lang: zh or en. Who records is each\n"
        "# person's own setting: kexie config set unit UNIT-ID (kexie config --help).\n"
        "# kexie 设置（仓库内共用，路径相对于本文件）：plan 为各命令使用的计划，\n"
        "# lang 为 zh 或 en。\n"
        "# 记录人是每个人自己的设置：kexie config set unit 单位ID（见 kexie config --help）。\n"
        'plan = "plans/2022.yaml"\nlang = "zh"\n'
    )
    assert (repo / ".gitattributes").read_text("utf-8").endswith("*.progress.yaml merge=union\n")
    monkeypatch.chdir(repo)
    validated = invoke("validate")
    assert validated.exit_code == 0, validated.output
    assert validated.stdout == (
        "plans/2022.yaml：通过（1 个部分，1 项措施，1 项目标，0 项活动）\n"
        "plans/2022.progress.yaml：通过（0 条记录）\n"
    )  # Chinese, from kexie.toml's lang
    status = invoke("status", "--as-of", "2022-06-30", "--format", "json")
    assert status.exit_code == 0, status.output
    assert '"year": 2022' in status.stdout
    assert invoke("status", "--as-of", "2022-06-30").exit_code == 0


def test_init_then_record_uses_the_person_s_unit(tmp_path, monkeypatch) -> None:
    """init writes no unit into the repository; each person sets their own."""
    assert invoke("init", str(tmp_path), "--year", "2022").exit_code == 0
    monkeypatch.chdir(tmp_path)
    result = invoke("record", "new-societies", "--date", "2022-03-01", "--yes")
    assert result.exit_code == 0, result.output
    last = (tmp_path / "plans" / "2022.progress.yaml").read_text("utf-8").splitlines()[-1]
    assert "by:" not in last
    assert invoke("config", "set", "unit", "office").exit_code == 0
    result = invoke("record", "new-societies", "--date", "2022-03-01", "--yes")
    assert result.exit_code == 0, result.output
    last = (tmp_path / "plans" / "2022.progress.yaml").read_text("utf-8").splitlines()[-1]
    assert "target: new-societies" in last
    assert "by: office" in last


def test_init_refuses_to_overwrite_and_writes_nothing(tmp_path, monkeypatch) -> None:
    (tmp_path / ".gitattributes").write_text("keep me\n")
    assert run_main(monkeypatch, "init", str(tmp_path), "--year", "2022") == 2
    assert files_under(tmp_path) == [".gitattributes"]
    assert (tmp_path / ".gitattributes").read_text() == "keep me\n"


def test_init_error_line(tmp_path, monkeypatch, capsys) -> None:
    from kexie_plan.cli import main

    (tmp_path / "kexie.toml").write_text("")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("KEXIE_LANG", "en")
    monkeypatch.setattr("sys.argv", ["kexie", "init", "--year", "2022"])
    with pytest.raises(SystemExit) as exited:
        main()
    assert exited.value.code == 2
    assert capsys.readouterr().err == "kexie: error: already exists, nothing written: kexie.toml\n"


def test_the_workflow_is_this_repositorys_but_installs_kexie_from_a_named_source() -> None:
    ours = (ROOT / ".github" / "workflows" / "plan-check.yml").read_text("utf-8")
    install = (
        '- run: pip install "${KEXIE_PIP_SPEC:?set the repository variable KEXIE_PIP_SPEC'
        ' to where kexie comes from, e.g. git+https://example.org/kexie.git@v0.1.0}"\n'
        "        env:\n"
        "          KEXIE_PIP_SPEC: ${{ vars.KEXIE_PIP_SPEC }}"
    )
    assert ours.replace("- run: pip install -e .", install) == PLAN_CHECK_WORKFLOW
    assert "pip install kexie\n" not in PLAN_CHECK_WORKFLOW


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        (
            'plan = "p.yaml"\ncolour = "red"\n',
            "unknown setting 'colour' (known: plan, lang, unit, [report])",
        ),
        ("lang = 1\n", "lang must be a string"),
        ('lang = "fr"\n', "lang must be zh or en"),
    ],
)
def test_a_bad_kexie_toml_is_a_usage_error(tmp_path, monkeypatch, capsys, toml, message) -> None:
    from kexie_plan.cli import main

    (tmp_path / "kexie.toml").write_text(toml)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("KEXIE_LANG", raising=False)
    monkeypatch.delenv("KEXIE_PLAN", raising=False)
    monkeypatch.setattr("sys.argv", ["kexie", "status", "--lang", "en"])
    with pytest.raises(SystemExit) as exited:
        main()
    assert exited.value.code == 2
    assert capsys.readouterr().err == f"kexie: error: {tmp_path / 'kexie.toml'}: {message}\n"


def test_kexie_lang_beats_kexie_toml(tmp_path, monkeypatch) -> None:
    assert invoke("init", str(tmp_path), "--year", "2022", "--lang", "zh").exit_code == 0
    monkeypatch.chdir(tmp_path)
    result = invoke("validate", env={**NO_LANG, "KEXIE_LANG": "en"})
    assert result.stdout.startswith("plans/2022.yaml: ok (1 section,")


@pytest.mark.parametrize(
    ("day", "years", "expected"),
    [
        (dt.date(2021, 6, 30), 1, dt.date(2022, 6, 30)),
        (dt.date(2024, 2, 29), 1, dt.date(2025, 2, 28)),
        (dt.date(2024, 2, 29), 4, dt.date(2028, 2, 29)),
        (dt.date(2021, 12, 31), -1, dt.date(2020, 12, 31)),
    ],
)
def test_moved(day, years, expected) -> None:
    assert moved(day, years) == expected


def test_new_year_from_the_2021_plan_validates_as_it_is(tmp_path) -> None:
    source = tmp_path / "2021.yaml"
    source.write_text((ROOT / "plans" / "2021.yaml").read_text("utf-8"), encoding="utf-8")
    result = invoke("new-year", "2022", "--from", str(source), env={"KEXIE_LANG": "en"})
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == (
        "12 goals marked '# review': check each against the approved plan"
    )
    new = tmp_path / "2022.yaml"
    assert invoke("validate", str(new)).exit_code == 0
    assert (tmp_path / "2022.progress.yaml").read_text("utf-8").startswith("# kexie progress")
    old, plan = load_plan(source), load_plan(new)
    assert (plan.year, plan.title, plan.published) == (2022, "无锡市科协2022年工作意见", None)
    assert plan.span.start == dt.date(2022, 1, 1)
    assert [s.id for s in plan.sections] == [s.id for s in old.sections]
    assert [(t.id, t.goal, t.text) for t in plan.targets] == [
        (t.id, t.goal, t.text) for t in old.targets
    ]
    assert [(a.id, a.month) for a in plan.activities] == [(a.id, a.month) for a in old.activities]
    text = new.read_text("utf-8")
    assert "    goal: 3-5  # review: goal kept from 2021\n" in text
    assert text.count("# review: goal kept from 2021") == 12


LEAP_PLAN = """\
schema: 1
year: 2024
org: 某科协
title: 某科协2024年工作要点
published: 2024-03-01
period: {start: 2024-01-01, end: 2024-12-31}
targets:
  - id: salon
    name: 海智沙龙
    text: 举办海智沙龙3场以上
    unit: 场
    goal: 3+
    due: 2024-11-30
    schedule: {2024-02-29: 1, 2024-06-30: 2}
    adjustments:
      - {date: 2024-07-01, goal: 5+, reason: 调增}
  - id: museum
    name: 科技馆筹备
    kind: milestone
    due: 2024-02-29
activities:
  - {id: leap-day, name: 闰日活动, date: 2024-02-29, target: salon}
  - {id: may, name: 五月活动, month: 5}
"""


def test_new_year_moves_dates_and_drops_adjustments(tmp_path) -> None:
    source = tmp_path / "2024.yaml"
    source.write_text(LEAP_PLAN, encoding="utf-8")
    out = tmp_path / "next" / "2025.yaml"
    result = invoke("new-year", "2025", "--from", str(source), "-o", str(out))
    assert result.exit_code == 0, result.output
    plan = load_plan(out)
    salon, museum = plan.targets
    assert salon.schedule == {dt.date(2025, 2, 28): 1, dt.date(2025, 6, 30): 2}
    assert (salon.due, salon.adjustments, str(salon.goal)) == (dt.date(2025, 11, 30), (), "3+")
    assert museum.due == dt.date(2025, 2, 28)
    assert [a.date for a in plan.activities] == [dt.date(2025, 2, 28), None]
    assert plan.period is not None and plan.period.end == dt.date(2025, 12, 31)
    assert "    goal: 3+  # review: goal kept from 2024 (adjusted to 5+ on 2024-07-01)\n" in (
        out.read_text("utf-8")
    )
    assert (tmp_path / "next" / "2025.progress.yaml").exists()


def test_new_year_refuses_to_overwrite_and_the_same_year(tmp_path, monkeypatch, capsys) -> None:
    source = tmp_path / "2024.yaml"
    source.write_text(LEAP_PLAN, encoding="utf-8")
    (tmp_path / "2025.progress.yaml").write_text("")
    assert run_main(monkeypatch, "new-year", "2025", "--from", str(source)) == 2
    assert not (tmp_path / "2025.yaml").exists()
    assert run_main(monkeypatch, "new-year", "2024", "--from", str(source)) == 2
    assert run_main(monkeypatch, "new-year", "20250", "--from", str(source)) == 2
    assert capsys.readouterr().err.splitlines() == [
        f"kexie: error: already exists, nothing written: {tmp_path / '2025.progress.yaml'}",
        "kexie: error: the --from plan is already for 2024; give the next year",
        "kexie: error: year '20250' is not a year from 1900 to 2999",
    ]
