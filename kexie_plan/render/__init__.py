"""Turn computed values and errors into what people read: terminal, Markdown, CSV, JSON.

Returns renderables and strings; never prints, never computes. One module per view:
`text` (error and warning lines, `visible`), `status`, `show`. Imports errors, model,
progress and i18n; never planfile, ledger or cli.
"""

from kexie_plan.render.show import (  # noqa: F401
    _facts,
    _heading,
    _title,
    activity_view,
    history_chart,
    measure_view,
    records_table,
    target_standing,
    target_view,
    unit_name,
)
from kexie_plan.render.status import (  # noqa: F401
    _LIGHT_EMOJI,
    _LIGHT_GLYPH,
    _LIGHT_STYLE,
    _MARKDOWN_SPECIAL,
    _STATE_LIGHT,
    CSV_COLUMNS,
    DUE_WITHIN_DAYS,
    MAX_TABLE_WIDTH,
    MIN_NAME_WIDTH,
    StatusView,
    _json_safe,
    _percent,
    goal_words,
    light_text,
    markdown_text,
    progress_bar,
    state_words,
    status_as_csv,
    status_as_data,
    status_as_json,
    status_as_markdown,
    status_groups,
    status_heading,
    when_words,
)
from kexie_plan.render.text import (  # noqa: F401
    _escape_data,
    _escape_property,
    error_line,
    error_message,
    error_place,
    errors_as_github,
    errors_as_json,
    problem_line,
    visible,
    warning_line,
)
