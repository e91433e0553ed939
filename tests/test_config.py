"""Who records is a person's setting: `kexie config`, $KEXIE_BY, never the repository's.

The conftest gives every test its own XDG_CONFIG_HOME, so the settings file is
$XDG_CONFIG_HOME/kexie/config.toml here (on every platform, when that is set).
"""

from __future__ import annotations

import os
from pathlib import Path

from kexie_plan.ledger import read_ledger

TODAY = "2021-06-30"


def settings_file() -> Path:
    return Path(os.environ["XDG_CONFIG_HOME"]) / "kexie" / "config.toml"


def last_by(folder: Path) -> str | None:
    return read_ledger(folder / "plans" / "2021.progress.yaml").records[-1].by


def test_set_by_name_keeps_the_id_and_record_uses_it(plan_dir: Path, kexie) -> None:
    done = kexie("config", "set", "unit", "海智办", lang="en")
    assert (done.code, done.err) == (0, "")
    assert done.out == f"unit = haizhi-office (kept in {settings_file()})\n"
    assert settings_file().read_text("utf-8") == 'unit = "haizhi-office"\n'
    assert kexie("config", "get", "unit").out == "haizhi-office\n"
    assert kexie("config").out == "unit = haizhi-office\n"
    done = kexie("record", "海智沙龙", "--date", "2021-05-01", "--yes", today=TODAY)
    assert (done.code, done.err) == (0, "")
    assert last_by(plan_dir) == "haizhi-office"
    # --by wins; KEXIE_BY wins over the file
    kexie("record", "海智沙龙", "--date", "2021-05-02", "--yes", "--by", "科普部", today=TODAY)
    assert last_by(plan_dir) == "pop-dept"
    kexie("record", "海智沙龙", "--date", "2021-05-03", "--yes", today=TODAY, KEXIE_BY="科普部")
    assert last_by(plan_dir) == "pop-dept"
    assert kexie("config", "unset", "unit").code == 0
    kexie("record", "海智沙龙", "--date", "2021-05-04", "--yes", today=TODAY)
    assert last_by(plan_dir) is None


def test_an_unknown_unit_is_refused_when_set(plan_dir: Path, kexie) -> None:
    done = kexie("config", "set", "unit", "财务处", lang="en")
    assert (done.code, done.out) == (2, "")
    assert done.err.startswith("kexie: error: no unit has id '财务处'")
    assert not settings_file().exists()


def test_a_default_the_plan_does_not_know_says_where_it_came_from(plan_dir: Path, kexie) -> None:
    done = kexie(
        "record", "海智沙龙", "--date", "2021-05-01", "--yes", today=TODAY, lang="en",
        KEXIE_BY="office",
    )  # fmt: skip
    assert (done.code, done.out) == (2, "")
    assert done.err == (
        "kexie: error: your unit 'office' (from the environment variable KEXIE_BY) is not one "
        "of this plan's (no unit has id 'office'; did you mean 'haizhi-office'?): set yours with "
        "kexie config set unit UNIT, or give --by\n"
    )
    assert not (plan_dir / "plans" / "2021.progress.yaml").exists()


def test_a_shared_unit_in_kexie_toml_still_counts_with_a_note(plan_dir: Path, kexie) -> None:
    (plan_dir / "kexie.toml").write_text('unit = "pop-dept"\n', encoding="utf-8")
    done = kexie("record", "海智沙龙", "--date", "2021-05-01", "--yes", today=TODAY, lang="en")
    assert done.code == 0
    assert done.err.startswith("note: kexie.toml sets unit = 'pop-dept', which every clone")
    assert last_by(plan_dir) == "pop-dept"


def test_init_writes_no_personal_setting(tmp_path: Path, kexie, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert kexie("init", "--year", "2022", lang="zh").code == 0
    written = (tmp_path / "kexie.toml").read_text("utf-8")
    settings = [line for line in written.splitlines() if not line.startswith("#")]
    assert settings == ['plan = "plans/2022.yaml"', 'lang = "zh"']


def test_lang_and_usage(plan_dir: Path, kexie) -> None:
    assert kexie("config", "set", "lang", "zh").code == 0
    assert kexie("config", "get", "lang").out == "zh\n"
    assert kexie("config", "set", "lang", "wrong").err.startswith("kexie: error: VALUE")
    refused = "kexie: error: 计划中没有名为 'nothing' 的目标、活动或措施\n"
    assert kexie("record", "nothing").err == refused  # the person's lang: Chinese
    done = kexie("config", "set", "lang", "fr", lang="en")
    assert (done.code, done.err) == (2, "kexie: error: VALUE 'fr' is not one of zh, en\n")
    done = kexie("config", "set", lang="en")
    assert (done.code, done.err) == (
        2,
        "kexie: error: kexie config set needs a KEY: unit or lang\n",
    )
    done = kexie("config", "path")
    assert (done.code, done.out) == (0, f"{settings_file()}\n")


def test_a_broken_settings_file_is_named(plan_dir: Path, kexie) -> None:
    settings_file().parent.mkdir(parents=True)
    settings_file().write_text("unit = 3\n", encoding="utf-8")
    done = kexie("record", "海智沙龙", "--date", "2021-05-01", "--yes", today=TODAY, lang="en")
    assert (done.code, done.err) == (
        2,
        f"kexie: error: {settings_file()}: unit must be text in quotes\n",
    )
