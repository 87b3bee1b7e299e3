"""The type stubs hold: mypy --strict accepts typecheck_usage.py (skipped without mypy)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest


def test_stubs_pass_mypy_strict() -> None:
    pytest.importorskip("mypy")
    usage = Path(__file__).with_name("typecheck_usage.py")
    run = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", str(usage)],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stdout + run.stderr
