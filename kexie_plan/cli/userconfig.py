"""A person's own settings, kept in their user config folder, never in the repository.

Who records (`unit`, stored as a record's `by`) belongs to the person at the keyboard, not
to the repository that every clone shares: a kexie.toml that said `unit = "office"`
stamped every colleague's records as the office's. The file is TOML:

- $XDG_CONFIG_HOME/kexie/config.toml when that is set, on every platform; else
- Windows: %APPDATA%\\kexie\\config.toml
- macOS: ~/Library/Application Support/kexie/config.toml
- elsewhere: ~/.config/kexie/config.toml

`kexie config` reads and writes it; $KEXIE_BY overrides its unit for one shell.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from kexie_plan.errors import PlanError, UsageProblem

# key -> what a value may be (checked when it is set)
USER_KEYS = ("unit", "lang")


def user_config_path() -> Path | None:
    """Return where this person's settings live on this platform (None without a home)."""
    base = os.environ.get("XDG_CONFIG_HOME")
    if base and Path(base).is_absolute():
        return Path(base) / "kexie" / "config.toml"
    if sys.platform == "win32":
        appdata = os.environ.get("APPDATA")
        return Path(appdata) / "kexie" / "config.toml" if appdata else None
    home = os.environ.get("HOME")
    if not home:
        return None
    if sys.platform == "darwin":
        return Path(home) / "Library" / "Application Support" / "kexie" / "config.toml"
    return Path(home) / ".config" / "kexie" / "config.toml"


def read_user_config() -> dict[str, str]:
    """Return this person's settings (none when there is no file); a usage problem naming
    the file when it cannot be read or holds what kexie does not know."""
    path = user_config_path()
    if path is None or not path.is_file():
        return {}
    import tomllib

    def bad(code: str, **params: str) -> UsageProblem:
        return UsageProblem(PlanError(code, {"path": str(path), **params}))

    try:
        settings = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise bad("config.unreadable", reason=reason) from None
    for key, value in settings.items():
        if key not in USER_KEYS:
            raise bad("config.unknown_key", key=key, known=", ".join(USER_KEYS))
        if not isinstance(value, str):
            raise bad("config.not_text", key=key)
    return settings


def write_user_config(settings: dict[str, str]) -> Path:
    """Write this person's settings (whole: a temporary file, then a rename); return where."""
    import tempfile

    import tomli_w

    path = user_config_path()
    if path is None:
        raise UsageProblem(PlanError("config.no_home", {}))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".kexie-", dir=path.parent)
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(tomli_w.dumps(dict(sorted(settings.items()))).encode("utf-8"))
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as exc:
        params = {"path": str(path), "reason": exc.strerror or type(exc).__name__}
        raise UsageProblem(PlanError("output_unwritable", params)) from None
    return path
