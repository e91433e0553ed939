"""Plan discovery, the exit-code boundary, and --help for every command."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

from kexie_plan import cli
from kexie_plan.cli.common import BUNDLED_PLAN, app, find_plan

ROOT = Path(__file__).resolve().parent.parent
MINIMAL = "schema: 1\nyear: {year}\norg: 某科协\ntitle: 测试\n"


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("KEXIE_PLAN", raising=False)
    return tmp_path


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_option_wins_over_everything(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KEXIE_PLAN", "env.yaml")
    write(home / "kexie.toml", 'plan = "toml.yaml"\n')
    assert find_plan(Path("given.yaml")) == Path("given.yaml")
    assert find_plan(None) == Path("env.yaml")


def test_kexie_toml_in_a_parent_folder(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(home / "kexie.toml", 'plan = "plans/2030.yaml"\n')
    (home / "deep" / "er").mkdir(parents=True)
    monkeypatch.chdir(home / "deep" / "er")
    assert find_plan(None) == home / "plans" / "2030.yaml"


def test_plans_folder_prefers_this_year_else_latest(home: Path) -> None:
    for year in (2020, 2021, 2023):
        write(home / "plans" / f"{year}.yaml", MINIMAL.format(year=year))
    write(home / "plans" / "2024.progress.yaml", "")
    assert find_plan(None, today=dt.date(2021, 5, 1)) == home / "plans" / "2021.yaml"
    assert find_plan(None, today=dt.date(2026, 5, 1)) == home / "plans" / "2023.yaml"


def test_bundled_plan_when_nothing_else(home: Path) -> None:
    assert find_plan(None) == BUNDLED_PLAN
    assert BUNDLED_PLAN.is_file()


def run_main(monkeypatch: pytest.MonkeyPatch, *args: str) -> int:
    monkeypatch.setattr(sys, "argv", ["kexie", *args])
    with pytest.raises(SystemExit) as exit_info:
        cli.main()
    return exit_info.value.code


def test_broken_kexie_toml_is_a_usage_error(home, monkeypatch, capsys) -> None:
    write(home / "kexie.toml", "plan = [unclosed\n")
    monkeypatch.setenv("KEXIE_LANG", "en")
    assert run_main(monkeypatch, "validate") == 2
    err = capsys.readouterr().err
    assert err.startswith("kexie: error: ")
    assert "kexie.toml" in err and err.count("\n") == 1


def test_a_crash_is_one_line_and_exit_3(home, monkeypatch, capsys) -> None:
    import kexie_plan.planfile

    def explode(path):
        raise RuntimeError("boom\nsecond line")

    monkeypatch.setattr(kexie_plan.planfile, "load_plan", explode)
    monkeypatch.setenv("KEXIE_LANG", "en")
    monkeypatch.delenv("KEXIE_DEBUG", raising=False)
    assert run_main(monkeypatch, "validate", str(BUNDLED_PLAN)) == 3
    err = capsys.readouterr().err
    assert err == (
        "internal error: RuntimeError: boom (this is a bug in kexie; "
        "run again with KEXIE_DEBUG=1 for the traceback)\n"
    )


def test_debug_shows_the_traceback(home, monkeypatch, capsys) -> None:
    import kexie_plan.planfile

    monkeypatch.setattr(kexie_plan.planfile, "load_plan", lambda path: 1 / 0)
    monkeypatch.setenv("KEXIE_DEBUG", "1")
    assert run_main(monkeypatch, "validate", str(BUNDLED_PLAN)) == 3
    err = capsys.readouterr().err
    assert "Traceback (most recent call last)" in err
    assert err.splitlines()[-1].startswith("internal error: ZeroDivisionError")


def test_bad_lang_and_bad_format_are_usage_errors(home, monkeypatch, capsys) -> None:
    monkeypatch.setenv("KEXIE_LANG", "en")
    assert run_main(monkeypatch, "validate", "--lang", "fr", str(BUNDLED_PLAN)) == 2
    assert capsys.readouterr().err == "kexie: error: unknown language 'fr'; use zh or en\n"
    assert run_main(monkeypatch, "validate", "--format", "xml", str(BUNDLED_PLAN)) == 2


def command_names() -> list[str]:
    import typer.main

    return sorted(typer.main.get_command(app).commands)


def test_every_command_has_help_with_an_example_and_is_in_readme() -> None:
    from typer.testing import CliRunner

    readme = (ROOT / "README.md").read_text("utf-8")
    runner = CliRunner()
    for name in command_names():
        result = runner.invoke(app, [name, "--help"])
        assert result.exit_code == 0, name
        assert "Example" in result.output, f"{name} --help has no example"
        assert f"kexie {name}" in readme, f"README never shows kexie {name}"


def test_errors_from_the_boundary_follow_the_lang_option(home, monkeypatch, capsys) -> None:
    monkeypatch.setenv("KEXIE_LANG", "en")
    write(home / "plans" / "2021.yaml", (ROOT / "plans" / "2021.yaml").read_text("utf-8"))
    assert run_main(monkeypatch, "record", "zzzz-nothing", "--lang", "zh", "--yes") == 2
    err = capsys.readouterr().err
    assert err.startswith("kexie: error: 计划中没有名为 'zzzz-nothing' 的")
