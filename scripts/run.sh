#!/usr/bin/env bash
# Set up (system libraries, .venv, the package) if needed, then open the tp_explorer window.
# Arguments are passed to tp-explorer, e.g. scripts/run.sh --site pelvis --side left
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
ensure_debian_packages "${RUNTIME_PACKAGES[@]}"
ensure_venv ""
exec "$VENV/bin/tp-explorer" "$@"
