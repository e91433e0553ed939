"""Plan discovery, the exit-code boundary, and --help for every command."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kexie_plan.cli import app
from kexie_plan.cli.env import BUNDLED_PLAN, Env

ROOT = Path(__file__).resolve().parent.parent
MINIMAL = "schema: 1\nyear: {year}\norg: 某科协\ntitle: 测试\n"


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def find_plan(option: Path | None, today: dt.date = dt.date(2021, 5, 1)) -> Path:
    return Env(lang="en", today=today, plan_option=option).plan_path()


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


def test_broken_kexie_toml_is_a_usage_error(home, kexie) -> None:
    write(home / "kexie.toml", "plan = [unclosed\n")
    run = kexie("validate", lang="en")
    assert run.code == 2
    assert run.err.startswith("kexie: error: ")
    assert "kexie.toml" in run.err and run.err.count("\n") == 1


def test_a_crash_is_one_line_and_exit_3(home, monkeypatch, kexie) -> None:
    import kexie_plan.loader

    def explode(*args, **kwargs):
        raise RuntimeError("boom\nsecond line")

    monkeypatch.setattr(kexie_plan.loader, "load_plan", explode)
    run = kexie("validate", str(BUNDLED_PLAN), lang="en")
    assert run.code == 3
    assert run.err == (
        "internal error: RuntimeError: boom (this is a bug in kexie; "
        "run again with KEXIE_DEBUG=1 for the traceback)\n"
    )


def test_debug_shows_the_traceback(home, monkeypatch, kexie) -> None:
    import kexie_plan.loader

    monkeypatch.setattr(kexie_plan.loader, "load_plan", lambda *args, **kwargs: 1 / 0)
    run = kexie("validate", str(BUNDLED_PLAN), KEXIE_DEBUG="1")
    assert run.code == 3
    assert "Traceback (most recent call last)" in run.err
    assert run.err.splitlines()[-1].startswith("internal error: ZeroDivisionError")


def test_bad_lang_and_bad_format_are_usage_errors(home, kexie) -> None:
    run = kexie("validate", "--lang", "fr", str(BUNDLED_PLAN), lang="en")
    assert (run.code, run.err) == (2, "kexie: error: unknown language 'fr'; use zh or en\n")
    assert kexie("validate", "--format", "xml", str(BUNDLED_PLAN)).code == 2


def test_errors_from_the_boundary_follow_the_lang_option(home, kexie) -> None:
    write(home / "plans" / "2021.yaml", (ROOT / "plans" / "2021.yaml").read_text("utf-8"))
    run = kexie("record", "zzzz-nothing", "--lang", "zh", "--yes", lang="en")
    assert run.code == 2
    assert run.err.startswith("kexie: error: 计划中没有名为 'zzzz-nothing' 的")


def test_lang_before_the_command_holds_for_it(home, kexie) -> None:
    write(home / "plans" / "2021.yaml", (ROOT / "plans" / "2021.yaml").read_text("utf-8"))
    run = kexie("--lang", "zh", "record", "zzzz-nothing", "--yes", lang="en")
    assert run.code == 2
    assert run.err.startswith("kexie: error: 计划中没有名为 'zzzz-nothing' 的")


def test_every_command_that_writes_a_file_has_an_output_option() -> None:
    import typer.main

    command = typer.main.get_command(app)
    writers = {
        name
        for name, sub in command.commands.items()
        if any("--format" in getattr(p, "opts", []) for p in sub.params)
    }
    # validate's formats are for a terminal or a CI log (annotations act only there)
    writers = (writers - {"validate"}) | {"schema", "new-year"}
    assert {"report", "activities", "remind", "status", "log", "schema"} <= writers
    for name in sorted(writers):
        opts = {o for p in command.commands[name].params for o in getattr(p, "opts", [])}
        assert "--output" in opts, f"kexie {name} writes a file but has no -o/--output"


def test_schema_goes_to_a_file_with_o(home: Path, kexie) -> None:
    printed = kexie("schema")
    written = kexie("schema", "-o", "plan.schema.json")
    assert (printed.code, written.code, written.out) == (0, 0, "")
    assert (home / "plan.schema.json").read_bytes() == printed.out_bytes
