"""`kexie new-year`: next year's plan from this one, with every goal marked for review."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Any

import typer

from kexie_plan.cli import options as opt
from kexie_plan.cli.app import app
from kexie_plan.cli.env import Env, shown_path
from kexie_plan.cli.options import LangOption
from kexie_plan.cli.output import create_files
from kexie_plan.cli.parse import year_of
from kexie_plan.errors import PlanError, UsageProblem
from kexie_plan.i18n import text


def plan_yaml(data: dict[str, Any], notes: dict[str, str], header: list[str]) -> str:
    """Return the plan as YAML text: block style, multi-line text as literal blocks, and
    each target's `goal` line followed by its review note as a comment."""
    import yaml

    class Dumper(yaml.SafeDumper):
        def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
            # Indent a list under its key, as the plans are written by hand.
            return super().increase_indent(flow, False)

    def literal(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
        style = "|" if "\n" in value else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)

    Dumper.add_representer(str, literal)
    body = yaml.dump(
        data, Dumper=Dumper, allow_unicode=True, sort_keys=False, width=10**6, indent=2
    )
    lines = []
    in_targets = False
    target = None
    for line in body.splitlines():
        if re.match(r"[a-z_]+:", line):
            in_targets = line.startswith("targets:")
        found = re.match(r"- id: (\S+)$", line.strip()) if in_targets else None
        if found and not line.startswith("    "):
            target = found.group(1)
        if in_targets and target in notes and re.match(r"\s+goal: ", line):
            line = f"{line}  # {notes[target]}"
        lines.append(line)
    return "".join(f"# {h}\n" for h in header) + "\n".join(lines) + "\n"


@app.command("new-year")
def new_year(
    year: Annotated[str, typer.Argument(metavar="YEAR")],
    source: Annotated[Path, typer.Option("--from", metavar="PLAN")],
    output: opt.OutputOption = None,
    lang: LangOption = None,
) -> None:
    from kexie_plan.ledger import HEADER, ledger_path_for
    from kexie_plan.planfile import load_plan, load_plan_text
    from kexie_plan.render.words import visible
    from kexie_plan.yearly import next_year_plan

    env = Env.create(lang)
    ui = env.lang
    new = year_of(year)
    plan = load_plan(source)
    if new == plan.year:
        raise UsageProblem(PlanError("new_year.same_year", {"value": new}))
    target = output if output is not None else source.parent / f"{new}.yaml"
    ledger = ledger_path_for(target)
    existing = [p for p in (target, ledger) if p.exists()]
    if existing:
        shown = ", ".join(shown_path(p) for p in existing)
        raise UsageProblem(PlanError("init.would_overwrite", {"paths": shown}))
    data, notes = next_year_plan(plan, new)
    header = [
        text("new_year.header", "en", year=new, old=plan.year),
        text("new_year.header", "zh", year=new, old=plan.year),
    ]
    body = plan_yaml(data, notes, header)
    load_plan_text(body, str(target))  # a plan that does not validate is a bug here
    create_files({target: body, ledger: HEADER})
    for path in (target, ledger):
        typer.echo(text("init.wrote", ui, path=visible(shown_path(path))))
    typer.echo(text("new_year.review", ui, count=len(notes)))
