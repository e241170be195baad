"""Shared fixtures: the repository, the conformance files, the `ia87` binary."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import List

import pytest

ROOT = Path(__file__).resolve().parents[2]
CONFORMANCE = ROOT / "tests" / "conformance"


def conformance_files() -> List[Path]:
    return sorted(CONFORMANCE.rglob("*.case"))


def _build_cli() -> Path:
    """The release `ia87` binary from target/, built (or brought up to date)
    with cargo when cargo is there; IA87_CLI names another binary."""
    env = os.environ.get("IA87_CLI")
    if env:
        return Path(env)
    binary = ROOT / "target" / "release" / "ia87"
    cargo = shutil.which("cargo")
    if cargo is not None:
        r = subprocess.run(
            [cargo, "build", "--release", "-q", "-p", "ia87-cli"],
            cwd=ROOT, capture_output=True, text=True,
        )
        if r.returncode != 0 and not binary.exists():
            pytest.fail(f"cargo build -p ia87-cli failed:\n{r.stderr}")
    if not binary.exists():
        pytest.skip("no ia87 binary in target/release and no cargo to build it")
    return binary


@pytest.fixture(scope="session")
def cli() -> Path:
    return _build_cli()


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT
