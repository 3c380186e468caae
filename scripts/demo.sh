#!/usr/bin/env bash
# The main job on the bundled sample: builds, then evaluates the sample events and prints
# compliance by rule (obligations are written to build/sample-obligations.csv), then the worklist
# by team: what is overdue and what falls due in the next 10 working days, then writes the
# dashboard (build/sample-dashboard.html: open it in a browser) with the example targets.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh >&2
build/timescales evaluate examples/data/sample-events.csv --summary
build/timescales evaluate examples/data/sample-events.csv --out build/sample-obligations.csv --explain 2>/dev/null
echo "obligations with explanations: build/sample-obligations.csv"
echo
build/timescales worklist examples/data/sample-events.csv --by team --format markdown 2>/dev/null
echo
build/timescales dashboard examples/data/sample-events.csv --by team --definition examples/dashboard/targets.toml \
    --title "Sample dashboard (synthetic children)" --out build/sample-dashboard.html 2>/dev/null
echo "dashboard: build/sample-dashboard.html (open it in a browser; examples/dashboard/targets.toml sets its targets)"
