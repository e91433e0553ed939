"""`kexie diff`: what changed between two plans, in the plan's own terms."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kexie_plan.cli.app import app
from kexie_plan.cli.env import Env, shown_path
from kexie_plan.cli.options import LangOption, OutputOption, PlanOption
from kexie_plan.cli.output import emit
from kexie_plan.errors import PlanError, UsageProblem


@app.command()
def diff(
    plans: Annotated[list[Path] | None, typer.Argument(metavar="[OLD NEW | PLAN]")] = None,
    git: Annotated[str | None, typer.Option("--git", metavar="REV")] = None,
    output_format: Annotated[str, typer.Option("--format", metavar="FORMAT")] = "table",
    output: OutputOption = None,
    plan: PlanOption = None,
    lang: LangOption = None,
) -> None:
    from kexie_plan.gitrev import plan_at
    from kexie_plan.plandiff import plan_diff
    from kexie_plan.planfile import load_plan
    from kexie_plan.render import diff as view

    env = Env.create(lang, plan)
    given = list(plans or [])
    if git is not None:
        if len(given) > 1:
            raise UsageProblem(PlanError("diff.needs_two", {}))
        path = given[0] if given else env.plan_path()
        new = load_plan(path, shown=shown_path(path))
        old = plan_at(git, path)
        if old is None:
            params = {"path": shown_path(path), "rev": git}
            raise UsageProblem(PlanError("git_no_file", params))
        old_name, new_name = f"{git}:{shown_path(path)}", shown_path(path)
    else:
        if len(given) != 2:
            raise UsageProblem(PlanError("diff.needs_two", {}))
        old = load_plan(given[0], shown=shown_path(given[0]))
        new = load_plan(given[1], shown=shown_path(given[1]))
        old_name, new_name = shown_path(given[0]), shown_path(given[1])
    changes = plan_diff(old, new)

    def table() -> object:
        from rich.console import Group
        from rich.text import Text

        title = Text(view.diff_title(old_name, new_name, changes, env.lang))
        if not changes:
            return Group(title, Text(env.say("diff.none")))
        return Group(title, view.diff_table(changes, env.lang))

    emit(
        env,
        output_format,
        {
            "table": table,
            "markdown": lambda: view.diff_as_markdown(old_name, new_name, changes, env.lang),
            "json": lambda: view.diff_as_data(old_name, new_name, changes),
        },
        output,
    )
