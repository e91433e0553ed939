"""`kexie diff`: what changed between two plans, or since a git revision; and reading the
plan as it was at a revision (`git cat-file`, no network), which `validate --against` uses."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from kexie_plan.cli.common import (
    LangOption,
    PlanOption,
    UsageProblem,
    app,
    choice_of,
    find_plan,
    lang_of,
    shown_path,
)
from kexie_plan.errors import PlanError, PlanErrors

if TYPE_CHECKING:
    from kexie_plan.plan import Plan

FORMATS = ("table", "markdown", "json")


def _git(folder: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    """Run git in `folder` without a pager, prompts or fetching; raise a usage problem when
    git itself cannot be run."""
    env = dict(os.environ, GIT_TERMINAL_PROMPT="0", GIT_NO_LAZY_FETCH="1", GIT_PAGER="cat")
    try:
        return subprocess.run(
            ["git", "-C", str(folder), *args], capture_output=True, env=env, check=False
        )
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise UsageProblem(PlanError("git_failed", {"reason": reason})) from None


def plan_bytes_at(rev: str, path: Path) -> tuple[bytes, str] | None:
    """Return the bytes of `path` at git revision `rev` and the name to show for them,
    or None when the file is not in that revision; a usage problem for an unknown rev."""
    from kexie_plan.planfile import MAX_PLAN_BYTES

    if rev.startswith("-") or not rev:
        raise UsageProblem(PlanError("git_bad_rev", {"rev": rev}))
    folder = path.resolve().parent
    top = _git(folder, "rev-parse", "--show-toplevel")
    if top.returncode != 0:
        reason = top.stderr.decode("utf-8", "replace").strip().splitlines()
        raise UsageProblem(PlanError("git_failed", {"reason": reason[0] if reason else "?"}))
    root = Path(top.stdout.decode("utf-8").strip())
    inside = path.resolve().relative_to(root.resolve()).as_posix()
    if _git(root, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}").returncode != 0:
        raise UsageProblem(PlanError("git_bad_rev", {"rev": rev}))
    shown = f"{rev}:{inside}"
    size = _git(root, "cat-file", "-s", shown)
    if size.returncode != 0:
        return None
    if int(size.stdout.strip() or 0) > MAX_PLAN_BYTES:
        limit = {"size": int(size.stdout.strip()), "limit": MAX_PLAN_BYTES}
        raise PlanErrors([PlanError("file_too_large", limit, shown)])
    blob = _git(root, "cat-file", "blob", shown)
    if blob.returncode != 0:
        return None
    return blob.stdout, shown


def plan_at(rev: str, path: Path) -> Plan | None:
    """Return the plan as it was at git revision `rev`, or None when it was not there."""
    from kexie_plan.planfile import compose, decode, plan_from_tree

    found = plan_bytes_at(rev, path)
    if found is None:
        return None
    data, shown = found
    try:
        return plan_from_tree(compose(decode(data, shown), shown), shown)
    except PlanErrors as exc:
        from kexie_plan.render import error_line

        params = {"rev": rev, "problem": error_line(exc.errors[0], "en")}
        raise UsageProblem(PlanError("git_plan_invalid", params)) from None


@app.command()
def diff(
    plans: Annotated[
        list[Path] | None,
        typer.Argument(metavar="[OLD NEW | PLAN]", help="Two plan files; with --git, one plan."),
    ] = None,
    git: Annotated[
        str | None,
        typer.Option(
            "--git", metavar="REV", help="Compare the plan as it was at git revision REV."
        ),
    ] = None,
    output_format: Annotated[
        str, typer.Option("--format", help="table (default), markdown or json.")
    ] = "table",
    plan: PlanOption = None,
    lang: LangOption = None,
) -> None:
    """Show what changed between two plans: the plan's own terms, not lines.

    Sections, measures, targets and activities added or removed; goals changed, goals
    adjusted (with the reason), units and due dates changed; activities moved to another
    month or date. With --git REV, the plan (PLAN, else the one kexie finds) is compared
    with itself as it was at REV, read with git, without network.

    Example: kexie diff --git HEAD~1 plans/2021.yaml --format markdown
    """
    from kexie_plan.plandiff import plan_diff
    from kexie_plan.planfile import load_plan
    from kexie_plan.render.diff import diff_as_json, diff_as_markdown, diff_table, diff_title

    ui = lang_of(lang)
    fmt = choice_of("--format", output_format, FORMATS)
    given = list(plans or [])
    if git is not None:
        if len(given) > 1:
            raise UsageProblem(PlanError("diff_needs_two", {}))
        path = given[0] if given else find_plan(plan)
        new = load_plan(path)
        old = plan_at(git, path)
        if old is None:
            shown = shown_path(path)
            raise UsageProblem(PlanError("git_no_file", {"path": shown, "rev": git}))
        old_name, new_name = f"{git}:{shown_path(path)}", shown_path(path)
    else:
        if len(given) != 2:
            raise UsageProblem(PlanError("diff_needs_two", {}))
        old, new = load_plan(given[0]), load_plan(given[1])
        old_name, new_name = shown_path(given[0]), shown_path(given[1])
    changes = plan_diff(old, new)
    if fmt == "json":
        typer.echo(diff_as_json(old_name, new_name, changes))
    elif fmt == "markdown":
        typer.echo(diff_as_markdown(old_name, new_name, changes, ui), nl=False)
    else:
        from kexie_plan.cli.common import output_console
        from kexie_plan.i18n import text

        console = output_console()
        console.print(diff_title(old_name, new_name, changes, ui))
        if changes:
            console.print(diff_table(changes, ui))
        else:
            console.print(text("diff.none", ui))


def unexplained_since(rev: str, path: Path, plan: Plan, shown: str) -> list[PlanError]:
    """Return, placed at their `goal` lines, the goals of `plan` changed since git revision
    `rev` without a matching adjustment; nothing when the plan was not in that revision."""
    from kexie_plan.plandiff import unexplained_goal_changes
    from kexie_plan.planfile import compose, place, read_text

    old = plan_at(rev, path)
    if old is None:
        return []
    problems = unexplained_goal_changes(old, plan, rev)
    if not problems:
        return []
    root = compose(read_text(path), shown)
    return [place(root, shown, problem) for problem in problems]
