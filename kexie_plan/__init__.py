"""kexie: track a yearly work plan kept as YAML in git.

The package is a one-way pipeline (docs/architecture.md is its map): planfile and ledger
read files, loader puts a plan and its ledger together, the core (checks, progress,
report, units) is pure, render formats, cli is the only place that prints, reads the
clock and exits.
"""

__version__ = "0.1.0"
