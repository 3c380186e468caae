#!/usr/bin/env bash
# The main job on the bundled sample: builds, then evaluates the sample events and prints
# compliance by rule (obligations are written to build/sample-obligations.csv), then the worklist
# by team: what is overdue and what falls due in the next 10 working days, then writes the
# dashboard (build/sample-dashboard.html: open it in a browser) with the example targets.
#   bash scripts/demo.sh            in English
#   bash scripts/demo.sh --lang cy  in Welsh (Cymraeg): every command's --lang, and this script's own lines
set -euo pipefail
cd "$(dirname "$0")/.."
lang=en
case "${1:-}" in
  "") ;;
  --lang) lang="${2:-}" ;;
  --lang=*) lang="${1#--lang=}" ;;
  *) echo "usage: bash scripts/demo.sh [--lang en|cy]" >&2; exit 2 ;;
esac
# The script's own two lines, in the language chosen; the commands say everything else.
case "$lang" in
  en) said_obligations="obligations with explanations"
      said_dashboard="dashboard: build/sample-dashboard.html (open it in a browser; examples/dashboard/targets.toml sets its targets)" ;;
  cy) said_obligations="rhwymedigaethau gydag esboniadau"
      said_dashboard="dangosfwrdd: build/sample-dashboard.html (agorwch ef mewn porwr; mae examples/dashboard/targets.toml yn gosod ei dargedau)" ;;
  *) echo "demo: --lang must be en or cy, not '$lang'" >&2; exit 2 ;;
esac
bash scripts/build.sh >&2
build/timescales evaluate examples/data/sample-events.csv --summary --lang "$lang"
build/timescales evaluate examples/data/sample-events.csv --out build/sample-obligations.csv --explain --lang "$lang" 2>/dev/null
echo "$said_obligations: build/sample-obligations.csv"
echo
build/timescales worklist examples/data/sample-events.csv --by team --format markdown --lang "$lang" 2>/dev/null
echo
# The page carries both languages with a switch; --lang chooses the one it opens in.
build/timescales dashboard examples/data/sample-events.csv --by team --definition examples/dashboard/targets.toml \
    --title "Sample dashboard (synthetic children)" --title-cy "Dangosfwrdd enghreifftiol (plant synthetig)" \
    --lang "$lang" --out build/sample-dashboard.html 2>/dev/null
echo "$said_dashboard"
