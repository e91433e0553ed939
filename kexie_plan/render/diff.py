"""`kexie diff` as a table, Markdown or JSON. Returns renderables and strings; never prints."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from kexie_plan.i18n import text
from kexie_plan.render.status import _json_safe, markdown_text
from kexie_plan.render.text import visible

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
    from rich import box
    from rich.table import Table
    from rich.text import Text

    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, header_style="bold")
    for key in ("change", "id", "name", "before", "after"):
        table.add_column(text("col." + key, lang), overflow="fold")
    for c in changes:
        cells = [text("diff." + c.kind, lang), c.id, c.name, c.before or "", _after(c)]
        table.add_row(*(Text(visible(cell)) for cell in cells))
    return table


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


def diff_as_json(old: str, new: str, changes: tuple[Change, ...]) -> str:
    """Return {old, new, changes: [{kind, id, name, before, after, reason}]} as JSON text."""
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
    data = {"old": old, "new": new, "changes": rows}
    return _json_safe(json.dumps(data, ensure_ascii=False, indent=2))
