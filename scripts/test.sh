#!/usr/bin/env bash
# Set up from nothing (system libraries, Xvfb, .venv with the test and build extras), then run
# every check: lint, format, layer contracts, the type checker, the knowledge file, and the whole
# test suite under a virtual display that pytest starts itself (pytest-xvfb). Extra arguments go
# to pytest.
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
ensure_debian_packages "${RUNTIME_PACKAGES[@]}" "${TEST_PACKAGES[@]}"
ensure_venv "[test,build,atlas]"
cd "$REPO"
export PATH="$VENV/bin:$PATH"
unset QT_QPA_PLATFORM # the 3D widget needs a real (virtual) X display, not Qt's offscreen plugin

echo "== ruff check";           ruff check .
echo "== ruff format --check";  ruff format --check .
echo "== import contracts";     lint-imports --no-cache
echo "== type check";           mypy   # [tool.mypy] in pyproject.toml: strict on knowledge, state, scene.layout
echo "== knowledge file";       tp-explorer check regions.yaml
# The atlas tests run on BodyParts3D installed from the shared folder into a temporary data
# dir (never the network); in CI that folder exists, so they must run, not skip.
ATLAS_SOURCE="${TP_EXPLORER_ATLAS_SOURCE:-$REPO/../shared/bodyparts3d}"
if [ -d "$ATLAS_SOURCE" ]; then
  ATLAS_DATA="$(mktemp -d)"
  trap 'rm -rf "$ATLAS_DATA"' EXIT
  echo "== atlas install (from $ATLAS_SOURCE)"
  TP_EXPLORER_DATA_DIR="$ATLAS_DATA" tp-explorer atlas install --from "$ATLAS_SOURCE"
  export TP_EXPLORER_TEST_ATLAS_DATA="$ATLAS_DATA" TP_EXPLORER_REQUIRE_ATLAS=1
  export TP_EXPLORER_ATLAS_SOURCE="$ATLAS_SOURCE"
fi
echo "== pytest";               python -m pytest "$@"
