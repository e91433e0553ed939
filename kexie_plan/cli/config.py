"""`kexie config`: this person's own settings (who records, the language), never the repo's."""

from __future__ import annotations

from typing import Annotated

import typer

from kexie_plan.cli import options as opt
from kexie_plan.cli.app import app
from kexie_plan.cli.env import Env
from kexie_plan.cli.parse import choice_of
from kexie_plan.errors import PlanError, UsageProblem

ACTIONS = ("list", "get", "set", "unset", "path")


@app.command()
def config(
    action: Annotated[
        str,
        typer.Argument(metavar="ACTION", help="list (default), get, set, unset or path."),
    ] = "list",
    key: Annotated[
        str | None,
        typer.Argument(metavar="KEY", help="unit (who you record as) or lang (zh or en)."),
    ] = None,
    value: Annotated[str | None, typer.Argument(metavar="VALUE", help="For set.")] = None,
    plan: opt.PlanOption = None,
    lang: opt.LangOption = None,
) -> None:
    """Read or change your own settings, kept in your user folder, not in the repository.

    `unit` is who you record as: `kexie record` and `kexie revert` store it as `by` when
    --by is not given ($KEXIE_BY overrides it for one shell). Set it by the unit's id or
    name; when a plan is found, the name is checked against its units and stored as the
    id. `lang` is the language of kexie's words (zh or en).

    Examples: kexie config set unit 海智办 · kexie config get unit · kexie config path
    """
    from kexie_plan.cli.userconfig import (
        USER_KEYS,
        read_user_config,
        user_config_path,
        write_user_config,
    )

    env = Env.create(lang, plan)
    choice_of("ACTION", action, ACTIONS)
    if action == "path":
        path = user_config_path()
        if path is None:
            raise UsageProblem(PlanError("config.no_home", {}))
        typer.echo(str(path))
        return
    settings = read_user_config()
    if action == "list":
        for name in USER_KEYS:
            if name in settings:
                typer.echo(f"{name} = {settings[name]}")
        return
    if key is None:
        raise UsageProblem(PlanError("config.needs_key", {"action": action}))
    choice_of("KEY", key, USER_KEYS)
    if action == "get":
        if key in settings:
            typer.echo(settings[key])
        return
    if action == "unset":
        settings.pop(key, None)
        write_user_config(settings)
        return
    if value is None or not value.strip():
        raise UsageProblem(PlanError("config.needs_value", {"key": key}))
    value = value.strip()
    if key == "lang":
        choice_of("VALUE", value, ("zh", "en"))
    elif key == "unit":
        value = _unit_id(env, value)
    settings[key] = value
    path = write_user_config(settings)
    typer.echo(env.say("config.set", key=key, value=value, path=str(path)))


def _unit_id(env: Env, value: str) -> str:
    """Return the unit as the plan in use names it (its id), when that plan lists units;
    else the value as given."""
    from kexie_plan.cli.env import BUNDLED_PLAN
    from kexie_plan.cli.parse import unit_of

    if env.plan_path() == BUNDLED_PLAN:
        return value  # no plan here: kept as given, checked when recording
    loaded = env.plan()
    return unit_of(loaded, value) if loaded.units else value
