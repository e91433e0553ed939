"""`kexie init`: start a repository for a yearly plan, writing nothing over existing files."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kexie_plan.cli.app import app
from kexie_plan.cli.env import Env, shown_path
from kexie_plan.cli.options import LangOption
from kexie_plan.cli.output import create_files
from kexie_plan.cli.parse import year_of
from kexie_plan.errors import PlanError, UsageProblem
from kexie_plan.i18n import text

GITATTRIBUTES = """\
# The progress ledgers are append-only, one record per line: merging two branches'
# records is keeping both sides' lines.
*.progress.yaml merge=union
"""

# The same workflow as kexie's own repository, but installing kexie from where the
# repository variable KEXIE_PIP_SPEC says (kexie is not on PyPI, and a bare `pip install
# kexie` would take whatever package someone publishes under that name). Unset, the
# step fails with a message saying what to set.
PLAN_CHECK_WORKFLOW = """\
# Check the plan on every change to plans/: errors appear as annotations on the pull request.
name: plan-check
on:
  push:
    paths: ["plans/**"]
  pull_request:
    paths: ["plans/**"]
permissions:
  contents: read
jobs:
  validate:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.11"
      - run: pip install "${KEXIE_PIP_SPEC:?set the repository variable KEXIE_PIP_SPEC to where kexie comes from, e.g. git+https://example.org/kexie.git@v0.1.0}"
        env:
          KEXIE_PIP_SPEC: ${{ vars.KEXIE_PIP_SPEC }}
      - name: kexie validate
        run: |
          shopt -s nullglob
          plans=()
          for f in plans/*.yaml; do
            case "$f" in *.progress.yaml) ;; *) plans+=("$f");; esac
          done
          kexie validate --format github "${plans[@]}"
"""  # noqa: E501 - the workflow file is data; its step message is one line

PRE_COMMIT_CONFIG = """\
# pre-commit (https://pre-commit.com): `pre-commit install`, then every commit that
# touches a plan or a ledger is checked by kexie validate first.
repos:
  - repo: local
    hooks:
      - id: kexie-validate
        name: kexie validate
        entry: kexie validate
        language: system
        files: ^plans/[^/]+\\.yaml$
        pass_filenames: true
"""


SETTINGS_HEADER = (
    "# kexie settings, shared by everyone who uses this repository; paths are relative to\n"
    "# this file. plan: the plan the commands use; lang: zh or en. Who records is each\n"
    "# person's own setting: kexie config set unit UNIT-ID (kexie config --help).\n"
    "# kexie 设置（仓库内共用，路径相对于本文件）：plan 为各命令使用的计划，\n"
    "# lang 为 zh 或 en。\n"
    "# 记录人是每个人自己的设置：kexie config set unit 单位ID（见 kexie config --help）。\n"
)


def repository_files(year: int, lang: str) -> dict[str, str]:
    """Return path (relative to the new repository) -> text, for every file init writes."""
    import tomli_w

    from kexie_plan.ledger import HEADER
    from kexie_plan.model import plan_schema_text
    from kexie_plan.yearly import first_plan

    # Shared settings only: who records is each person's own (`kexie config set unit`).
    settings = {"plan": f"plans/{year}.yaml", "lang": lang}
    config = SETTINGS_HEADER + tomli_w.dumps(settings)
    return {
        "kexie.toml": config,
        f"plans/{year}.yaml": first_plan(year, lang),
        f"plans/{year}.progress.yaml": HEADER,
        "schema/plan.schema.json": plan_schema_text(),
        ".gitattributes": GITATTRIBUTES,
        ".github/workflows/plan-check.yml": PLAN_CHECK_WORKFLOW,
        ".pre-commit-config.yaml": PRE_COMMIT_CONFIG,
    }


@app.command()
def init(
    folder: Annotated[Path, typer.Argument(metavar="[DIR]")] = Path("."),
    year: Annotated[str | None, typer.Option("--year", metavar="YEAR")] = None,
    lang: LangOption = None,
) -> None:
    env = Env.create(lang)
    ui = env.lang
    chosen_year = year_of(year) if year is not None else env.today.year
    files = repository_files(chosen_year, ui)
    existing = [name for name in files if (folder / name).exists()]
    if existing:
        shown = ", ".join(shown_path(folder / name) for name in existing)
        raise UsageProblem(PlanError("init.would_overwrite", {"paths": shown}))
    written = [folder / name for name in files]
    create_files(dict(zip(written, files.values(), strict=True)))
    from kexie_plan.render.words import visible

    for path in written:
        typer.echo(text("init.wrote", ui, path=visible(shown_path(path))))
    typer.echo(text("init.next", ui, plan=f"plans/{chosen_year}.yaml"))
