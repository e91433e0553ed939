"""`kexie schema`: print the plan's JSON Schema."""

from __future__ import annotations

from kexie_plan.cli import options as opt
from kexie_plan.cli.app import app
from kexie_plan.cli.output import write_output, write_stdout


@app.command()
def schema(output: opt.OutputOption = None) -> None:
    from kexie_plan.model import plan_schema_text

    data = plan_schema_text().encode("utf-8")
    if output is None:
        write_stdout(data)
    else:
        write_output(output, data)
