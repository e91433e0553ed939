"""`kexie schema`: print the plan's JSON Schema."""

from __future__ import annotations

from kexie_plan.cli.app import app
from kexie_plan.cli.output import write_stdout


@app.command()
def schema() -> None:
    from kexie_plan.model import plan_schema_text

    write_stdout(plan_schema_text().encode("utf-8"))
