#!/usr/bin/env bash
# Runs the Python layer's tests (python/tests) with Debian's python3 when pandas and pytest are
# importable there (apt-get install python3-pandas python3-pytest); otherwise says so and exits 0,
# so `dotnet test && scripts/test-python.sh` works on machines with only the .NET SDK.
# Never installs anything from the internet. ONEPROXY_REQUIRE_PYTHON=1 turns the skip into a failure.
set -euo pipefail
cd "$(dirname "$0")/.."
py="${ONEPROXY_PYTHON:-/usr/bin/python3}"
if [[ ! -x "$py" ]] || ! "$py" -c 'import pandas, numpy, pytest' 2>/dev/null; then
  msg="python tests skipped: $py lacks pandas/numpy/pytest (Debian: apt-get install python3-pandas python3-pytest)"
  if [[ "${ONEPROXY_REQUIRE_PYTHON:-}" == 1 ]]; then echo "error: $msg" >&2; exit 1; fi
  echo "$msg" >&2; exit 0
fi
# The package is imported from the checkout (no pip install needed); its CLI tests run ./oneproxy.
export PYTHONPATH="$PWD/python${PYTHONPATH:+:$PYTHONPATH}"
export ONEPROXY_CLI="${ONEPROXY_CLI:-$PWD/oneproxy}"
exec "$py" -m pytest -q -p no:cacheprovider python/tests "$@"
