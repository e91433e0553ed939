"""What a user's words name in a plan: a target, activity or measure (REF), or a unit.

A REF is an id, an exact name, or an unambiguous part of a name (as git takes a unique
prefix of a commit). A unit is named by its id or its name. Each function returns what
was named, or the `PlanError` that says why nothing is (ambiguous, with the candidates;
unknown, with the closest). Pure; imports errors and plan of ours.
"""

from __future__ import annotations

import difflib

from kexie_plan.errors import PlanError
from kexie_plan.plan import Plan

MAX_CANDIDATES = 8


def resolve_ref(plan: Plan, ref: str) -> tuple[str, str] | PlanError:
    """Return (kind, id) that REF names: an id, an exact name, or an unambiguous part of one."""
    things = list(plan.things())
    wanted = ref.strip()
    folded = wanted.casefold()
    for matches in (
        [x for x in things if x[1] == wanted],
        [x for x in things if x[2] == wanted],
        [x for x in things if folded and folded in x[2].casefold()],
    ):
        if len(matches) == 1:
            return matches[0][0], matches[0][1]
        if matches:
            shown = [f"{ident} ({name})" for _, ident, name in matches[:MAX_CANDIDATES]]
            if len(matches) > MAX_CANDIDATES:
                shown.append("…")
            return PlanError("ref_ambiguous", {"ref": ref, "candidates": ", ".join(shown)})
    words = [x[1] for x in things] + [x[2] for x in things]
    close = difflib.get_close_matches(wanted, words, n=1, cutoff=0.5)
    return PlanError("ref_unknown", {"ref": ref, "hint": close[0] if close else ""})


def resolve_unit(plan: Plan, value: str) -> str | PlanError:
    """Return the id of the unit `value` names (its id or its name)."""
    if not plan.units:
        return PlanError("no_units")
    for unit in plan.units:
        if value in (unit.id, unit.name):
            return unit.id
    words = [u.id for u in plan.units] + [u.name for u in plan.units]
    close = difflib.get_close_matches(value, words, n=1, cutoff=0.5)
    hint = next((u.id for u in plan.units if close and close[0] in (u.id, u.name)), "")
    return PlanError("unknown_ref", {"kind": "unit", "id": value, "hint": hint})


def resolve_reporter(plan: Plan, value: str) -> str | PlanError:
    """Return the `by` to store for who reports: the id of the unit `value` names when the
    plan lists units, else the text as given."""
    return resolve_unit(plan, value) if plan.units else value
