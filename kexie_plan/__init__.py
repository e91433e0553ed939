"""kexie: track a yearly work plan kept as YAML in git.

The package is a one-way pipeline (see README and STYLE.md): planfile/ledger read
files, model holds the validated plan, checks and progress are pure, render formats,
cli is the only place that prints, reads the clock and exits.
"""

__version__ = "0.1.0"
