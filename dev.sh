#!/usr/bin/env bash
# The two commands of a fresh machine, each self-sufficient:
#   ./dev.sh demo [dukao demo options]   generate the demo year once, serve /graphql
#   ./dev.sh test [pytest options]       ruff format --check, ruff check, mypy, pytest
set -euo pipefail
cd "$(dirname "$0")"

VENV=.venv
STAMP="$VENV/.dukao-installed"

# Install only when pyproject.toml changed since the last install: a rerun starts at once.
ensure_env() {
  if [ ! -x "$VENV/bin/python" ]; then
    echo "creating $VENV" >&2
    python3 -m venv "$VENV"
  fi
  local wanted
  wanted="$(sha256sum pyproject.toml | cut -d' ' -f1)"
  if [ ! -f "$STAMP" ] || [ "$(cat "$STAMP")" != "$wanted" ]; then
    echo "installing dukao and its dev tools into $VENV" >&2
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -e ".[dev]"
    echo "$wanted" >"$STAMP"
  fi
}

run_tests() {
  echo "== ruff format --check" >&2
  "$VENV/bin/ruff" format --check .
  echo "== ruff check" >&2
  "$VENV/bin/ruff" check .
  echo "== mypy (strict)" >&2
  "$VENV/bin/mypy"
  echo "== pytest" >&2
  "$VENV/bin/pytest" "$@"
}

case "${1:-}" in
  demo)
    shift
    ensure_env
    exec "$VENV/bin/dukao" demo "$@"
    ;;
  test)
    shift
    ensure_env
    run_tests "$@"
    ;;
  *)
    echo "usage: ./dev.sh demo [options] | ./dev.sh test [pytest options]" >&2
    exit 2
    ;;
esac
