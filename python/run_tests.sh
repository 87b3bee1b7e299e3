#!/usr/bin/env bash
# Installs the Python package as a user would, into a fresh virtual environment
# (`pip install ./python`: pip fetches maturin from PyPI, which builds the Rust extension in
# release mode), with pytest and pandas, then runs python/tests.
#
#   python/run_tests.sh            # venv in target/py-venv, made anew each run
#
# PYTHON picks the interpreter (python3 by default); WHOSAID_PY_VENV the venv folder.
# The build shares the root crate's target folder (CARGO_TARGET_DIR, else target/), so the
# dependencies the root build compiled are not compiled again. The test that compares the
# package's rows with the command line's CSV rows uses WHOSAID_BIN, else the release binary
# of that target folder when there is one (it is skipped without).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
python=${PYTHON:-python3}
venv=${WHOSAID_PY_VENV:-$root/target/py-venv}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$root/target}

rm -rf "$venv"
"$python" -m venv "$venv"
start=$(date +%s)
"$venv/bin/python" -m pip install -q --disable-pip-version-check ./python pytest pandas mypy
echo "pip install ./python pytest pandas mypy: $(($(date +%s) - start)) s"

if [ -z "${WHOSAID_BIN:-}" ] && [ -x "$CARGO_TARGET_DIR/release/whosaid" ]; then
  export WHOSAID_BIN="$CARGO_TARGET_DIR/release/whosaid"
fi
# From the repository root, so that `import whosaid` is the installed package and not
# the sources in python/whosaid (which lack the compiled extension).
"$venv/bin/pytest" python/tests -q -p no:cacheprovider
