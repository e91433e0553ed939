"""The options several commands share, declared once."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

PlanOption = Annotated[
    Path | None,
    typer.Option(
        "--plan",
        help=(
            "Plan file. Default: $KEXIE_PLAN, kexie.toml, plans/<year>.yaml, "
            "else the bundled 2021 plan."
        ),
    ),
]
LangOption = Annotated[
    str | None,
    typer.Option(
        "--lang", help="zh or en. Default: $KEXIE_LANG, else kexie.toml's lang, else the locale."
    ),
]
AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        metavar="DATE",
        help="See the plan as it stood on DATE (2021-06-30, 2021/6/30, 6/30, 6月30日, 昨天 …); "
        "later records are ignored. Default: today, within the plan's period.",
    ),
]
FormatOption = Annotated[
    str,
    typer.Option("--format", help="table (default), json, csv or markdown."),
]
OutputOption = Annotated[
    Path | None,
    typer.Option("-o", "--output", metavar="FILE", help="Write to FILE instead of the terminal."),
]
UnitOption = Annotated[
    str | None,
    typer.Option(
        "--by",
        metavar="UNIT",
        help="Only what this unit (id or name) owns or co-owns; the plan must list units.",
    ),
]
DateOption = Annotated[
    str | None,
    typer.Option(
        "--date",
        metavar="DATE",
        help="When it happened: 2021-07-02, 2021/7/2, 2021年7月2日; 7/2, 7-2 or 7月2日 in the "
        "plan's year; 今天 (today), 昨天 (yesterday), 前天. The month comes before the day. "
        "Default: today.",
    ),
]
NoteOption = Annotated[str | None, typer.Option("--note", help="What happened, in your words.")]
ByOption = Annotated[
    str | None,
    typer.Option("--by", help="Who reports it: a unit id (or name) when the plan lists units."),
]
YesOption = Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")]
DryRunOption = Annotated[
    bool, typer.Option("--dry-run", help="Show the record that would be written; write nothing.")
]
