#!/usr/bin/env bash
# scripts/ci/python.sh — the Python package: build the wheel (maturin, abi3),
# install it into the venv, run the pytest suite (unit tests, the conformance
# suite through Python against the `ia87` binary, the bulk replay), and run
# the analyst example. Run from anywhere; uses .venv/ at the repo root if it
# exists (.ci/run creates it), else the python3 on PATH.
set -Eeuo pipefail
cd "$(dirname "$0")/../.."

if [[ -x .venv/bin/python ]]; then
  PY=.venv/bin/python
  PIP=(.venv/bin/pip)
  MATURIN=.venv/bin/maturin
else
  PY=python3
  PIP=(python3 -m pip)
  MATURIN=maturin
fi

rm -rf target/wheels
"$MATURIN" build --release -m python/Cargo.toml -o target/wheels
wheels=(target/wheels/ia87-*.whl)
(( ${#wheels[@]} == 1 )) || { echo "expected one wheel in target/wheels, found ${#wheels[@]}"; exit 1; }
"${PIP[@]}" install -q --force-reinstall --no-deps "${wheels[0]}"

# The conformance tests compare against the release CLI (built here if missing).
cargo build --release -q -p ia87-cli

# From the repo root, so that `import ia87` finds the installed wheel, not python/ia87/.
"$PY" -m pytest -q python/tests
"$PY" examples/python/audit.py
