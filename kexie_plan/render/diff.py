"""`kexie diff` as a table, Markdown or JSON. Returns renderables and strings; never prints."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kexie_plan.i18n import text
from kexie_plan.render.words import markdown_text, table, visible

if TYPE_CHECKING:
    from rich.table import Table

    from kexie_plan.plandiff import Change


def _after(change: Change) -> str:
    """Return the after column: the new value, with an adjustment's reason."""
    after = change.after or ""
    if change.detail:
        after = f"{after} ({change.detail})"
    return after


def diff_title(old: str, new: str, changes: tuple[Change, ...], lang: str) -> str:
    """Return the heading line: which two plans, how many changes."""
    return text("diff.title", lang, old=visible(old), new=visible(new), count=len(changes))


def diff_table(changes: tuple[Change, ...], lang: str) -> Table:
    """Return the changes as a Rich table: change, id, name, before, after."""
    from rich.text import Text

    grid = table(padding=(0, 1))
    for key in ("change", "id", "name", "before", "after"):
        grid.add_column(text("col." + key, lang), overflow="fold")
    for c in changes:
        cells = [text("diff." + c.kind, lang), c.id, c.name, c.before or "", _after(c)]
        grid.add_row(*(Text(visible(cell)) for cell in cells))
    return grid


def diff_as_markdown(old: str, new: str, changes: tuple[Change, ...], lang: str) -> str:
    """Return the changes as a Markdown heading and table."""
    lines = [f"## {markdown_text(diff_title(old, new, changes, lang))}", ""]
    if not changes:
        return "\n".join([*lines, text("diff.none", lang), ""])
    headers = [text("col." + k, lang) for k in ("change", "id", "name", "before", "after")]
    lines += ["| " + " | ".join(headers) + " |", "|---|---|---|---|---|"]
    for c in changes:
        cells = [text("diff." + c.kind, lang), c.id, c.name, c.before or "", _after(c)]
        lines.append("| " + " | ".join(markdown_text(cell) for cell in cells) + " |")
    return "\n".join(lines) + "\n"


def diff_as_data(old: str, new: str, changes: tuple[Change, ...]) -> dict:
    """Return {old, new, changes: [{kind, id, name, before, after, reason}]} as JSON values."""
    rows = [
        {
            "kind": c.kind,
            "id": c.id,
            "name": c.name,
            "before": c.before,
            "after": c.after,
            "reason": c.detail,
        }
        for c in changes
    ]
    return {"old": old, "new": new, "changes": rows}
