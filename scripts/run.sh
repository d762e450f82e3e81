#!/usr/bin/env bash
# Set up (system libraries, .venv, the package) if needed, then open the tp_explorer window.
# Arguments are passed to tp-explorer, e.g. scripts/run.sh --site pelvis --side left
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
ensure_debian_packages "${RUNTIME_PACKAGES[@]}"
ensure_venv "[atlas]"
# The detailed anatomy, once: from the shared folder when it is here, else the download. Being
# offline never fails set-up: the built-in anatomy serves until the install succeeds.
if ! "$VENV/bin/tp-explorer" atlas status --json 2>/dev/null | grep -q '"installed": true'; then
  ATLAS_SOURCE="$REPO/../shared/bodyparts3d"
  if [ -d "$ATLAS_SOURCE" ]; then
    "$VENV/bin/tp-explorer" atlas install --from "$ATLAS_SOURCE" ||
      echo "setup: the detailed anatomy was not installed; using the built-in one" >&2
  else
    "$VENV/bin/tp-explorer" atlas install ||
      echo "setup: offline? the detailed anatomy was not installed; using the built-in one" \
        "(install later: tp-explorer atlas install)" >&2
  fi
fi
exec "$VENV/bin/tp-explorer" "$@"
