#!/usr/bin/env bash
# The main job on bundled examples: builds, then computes deadlines with their explanations.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh >&2
tool=build/timescales
echo "# ICPC: 15 working days from a strategy discussion just before Christmas (C2)"
"$tool" due 2019-12-20 "15 working days" --explain
echo
echo "# Part 3 assessment: 42 working days from a referral before Easter"
"$tool" due 2024-03-01 "42 working days" --explain
echo
echo "# LAC visit: 6 weeks, a deadline on a bank holiday stands (C3)"
"$tool" due 2024-02-19 "6 weeks" --explain
echo
echo "# CP review conference: 3 months from 30 November, clamped to February's last day (C4)"
"$tool" due 2019-11-30 "3 months" --explain
