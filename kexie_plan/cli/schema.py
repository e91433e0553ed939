"""`kexie schema`: print the plan's JSON Schema."""

from __future__ import annotations

import typer

from kexie_plan.cli.common import app


@app.command()
def schema() -> None:
    """Print the plan file's JSON Schema, for editors (yaml-language-server, VS Code).

    Example: kexie schema > schema/plan.schema.json
    """
    from kexie_plan.model import plan_schema_text

    typer.echo(plan_schema_text(), nl=False)
