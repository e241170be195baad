#!/usr/bin/env bash
# scripts/ci/python.sh — the Python package: build the wheel (maturin, abi3)
# into a fresh folder, install it into the venv, run the pytest suite (unit
# tests, ia87.audit against the text path, the conformance suite through
# Python against the `ia87` binary, Dask on a LocalCluster, the plots), run
# the analyst example, and a small run of the s 128 benchmark (it fails if the
# variants' findings differ; its speeds are printed, never asserted). Run from anywhere; uses .venv/ at the repo root if it
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

# A folder of its own: an older wheel next to the new one would clash.
rm -rf target/wheels
"$MATURIN" build --release -m python/Cargo.toml -o target/wheels
wheels=(target/wheels/ia87-*.whl)
(( ${#wheels[@]} == 1 )) || { echo "expected one wheel in target/wheels, found ${#wheels[@]}"; exit 1; }
"${PIP[@]}" install -q --force-reinstall --no-deps "${wheels[0]}"
# What the tests import (.ci/run installs it too; a no-op then).
"${PIP[@]}" install -q --only-binary=:all: -r python/requirements-test.txt

# The conformance tests compare against the release CLI, as
# `cargo test --workspace --release` builds it (one parquet build, not two).
cargo test --workspace --release --no-run -q

# From the repo root, so that `import ia87` finds the installed wheel, not python/ia87/.
"$PY" -m pytest -q python/tests
MPLBACKEND=Agg "$PY" examples/python/audit.py --plots target/plots
"$PY" python/bench/s128_bench.py --cases 2000 --repeat 1
