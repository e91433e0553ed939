"""The options several commands share, declared once (their help: i18n's help.opt.*)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

PlanOption = Annotated[Path | None, typer.Option("--plan", metavar="PLAN")]
LangOption = Annotated[str | None, typer.Option("--lang", metavar="zh|en")]
AsOfOption = Annotated[str | None, typer.Option("--as-of", metavar="DATE")]
FormatOption = Annotated[str, typer.Option("--format", metavar="FORMAT")]
OutputOption = Annotated[Path | None, typer.Option("-o", "--output", metavar="FILE")]
UnitOption = Annotated[str | None, typer.Option("--by", metavar="UNIT")]
DateOption = Annotated[str | None, typer.Option("--date", metavar="DATE")]
NoteOption = Annotated[str | None, typer.Option("--note", metavar="TEXT")]
ByOption = Annotated[str | None, typer.Option("--by", metavar="UNIT")]
YesOption = Annotated[bool, typer.Option("--yes", "-y")]
DryRunOption = Annotated[bool, typer.Option("--dry-run")]
