"""A plan as it was at a git revision, read with `git cat-file` (no network, no pager).

`kexie diff --git REV` and `kexie validate --against REV` compare a plan with its past.
Imports errors, plan, planfile and plandiff of ours; never render (but for one error
line) or cli.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from kexie_plan.errors import PlanError, PlanErrors, UsageProblem
from kexie_plan.plan import Plan


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
        from kexie_plan.render.text import error_line

        params = {"rev": rev, "problem": error_line(exc.errors[0], "en")}
        raise UsageProblem(PlanError("git_plan_invalid", params)) from None


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
