"""Run kexie as a separate process, as a user or CI does, within time and memory bounds."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

MEMORY_LIMIT = 512 * 1024 * 1024  # address space: kexie needs about 40 MiB of it
TIME_LIMIT = 20  # seconds: far above any case here; only proves that nothing hangs

PLAN = """\
schema: 1
year: 2021
org: 某市科协
title: 测试计划
sections:
  - id: s
    title: 部分
    measures:
      - {id: party-building, title: 党建强会}
targets:
  - {id: haizhi-salons, name: 海智沙龙, unit: 场, goal: 3+}
  - {id: museum-prep, name: 科技馆筹备, kind: milestone}
activities:
  - {id: salon-spring, name: 春季海智沙龙, month: 3, target: haizhi-salons}
"""
GOOD = "- {id: 01F0000000AAAAAA, date: 2021-03-12, target: haizhi-salons, amount: 2}\n"
LEDGER = "plans/2021.progress.yaml"


def home(folder: Path, ledger: bytes | None = None) -> Path:
    """Write the plan (and the ledger) into `folder`; return it."""
    (folder / "plans").mkdir(parents=True, exist_ok=True)
    (folder / "plans" / "2021.yaml").write_text(PLAN, encoding="utf-8")
    if ledger is not None:
        (folder / LEDGER).write_bytes(ledger)
    return folder


def _bounded() -> None:
    import resource  # POSIX: Windows runs the process without a memory bound

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def kexie(cwd: Path, *args: str, timeout: float = TIME_LIMIT) -> tuple[int, str, str]:
    """Run `kexie ARGS` in `cwd`; return exit code, stdout and stderr."""
    env = dict(os.environ, KEXIE_LANG="en", COLUMNS="200", PYTHONIOENCODING="utf-8")
    env.pop("KEXIE_PLAN", None)
    done = subprocess.run(
        [sys.executable, "-m", "kexie_plan", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        timeout=timeout,
        preexec_fn=_bounded if os.name == "posix" else None,
        check=False,
    )
    return done.returncode, done.stdout.decode("utf-8"), done.stderr.decode("utf-8")
