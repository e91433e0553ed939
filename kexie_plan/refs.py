"""What a user's words name in a plan: a target, activity or measure (REF), a section, or
a unit.

A REF is an id, an exact name, or an unambiguous part of a name or start of an id (as
git takes a unique prefix of a commit); so is a section, by its title. A unit is named by
its id or its name. Each function returns what was named, or the `PlanError` that says
why nothing is
(ambiguous, with the candidates; unknown, with the closest). Pure; imports errors and
plan of ours.
"""

from __future__ import annotations

import difflib

from kexie_plan.errors import PlanError
from kexie_plan.plan import Plan

MAX_CANDIDATES = 8


def resolve_ref(plan: Plan, ref: str) -> tuple[str, str] | PlanError:
    """Return (kind, id) that REF names: an id, an exact name, or an unambiguous part of a
    name or start of an id (case-insensitive)."""
    things = list(plan.things())
    wanted = ref.strip()
    folded = wanted.casefold()
    for matches in (
        [x for x in things if x[1] == wanted],
        [x for x in things if x[2] == wanted],
        [x for x in things if folded and (folded in x[2].casefold() or x[1].startswith(folded))],
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
    """Return the id of the unit `value` names: its id or its whole name (a part would do
    for a filter, but `by` says who reported: no guessing)."""
    if not plan.units:
        return PlanError("no_units")
    return _named(value, "unit", [(u.id, u.name) for u in plan.units], parts=False)


def resolve_section(plan: Plan, value: str) -> str | PlanError:
    """Return the id of the section `value` names: its id, its title, or an unambiguous part
    of its title."""
    return _named(value, "section", [(s.id, s.title) for s in plan.sections])


def _named(
    value: str, kind: str, known: list[tuple[str, str]], parts: bool = True
) -> str | PlanError:
    """Return the id of the (id, name) pair that `value` names, as resolve_ref does: the
    id, else the name, else (with `parts`) an unambiguous part of a name, case aside."""
    wanted = value.strip()
    folded = wanted.casefold()
    for matches in (
        [x for x in known if x[0] == wanted],
        [x for x in known if x[1] == wanted],
        [x for x in known if parts and folded and folded in x[1].casefold()],
    ):
        if len(matches) == 1:
            return matches[0][0]
        if matches:
            shown = [f"{ident} ({name})" for ident, name in matches[:MAX_CANDIDATES]]
            if len(matches) > MAX_CANDIDATES:
                shown.append("…")
            return PlanError("ref_ambiguous", {"ref": value, "candidates": ", ".join(shown)})
    words = [x[0] for x in known] + [x[1] for x in known]
    close = difflib.get_close_matches(wanted, words, n=1, cutoff=0.5)
    hint = next((ident for ident, name in known if close and close[0] in (ident, name)), "")
    return PlanError("unknown_ref", {"kind": kind, "id": value, "hint": hint})


def resolve_reporter(plan: Plan, value: str) -> str | PlanError:
    """Return the `by` to store for who reports: the id of the unit `value` names when the
    plan lists units, else the text as given."""
    return resolve_unit(plan, value) if plan.units else value
