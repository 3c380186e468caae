#!/usr/bin/env bash
# Runs one build of the tool over every kind of input the project ships (the sample, generated
# populations, tests/bad-input, the reconcile example, the rule catalogue) and keeps every output
# and message in OUTDIR, so two builds can be compared byte for byte:
#   scripts/snapshot-outputs.sh OLD/timescales /tmp/old
#   scripts/snapshot-outputs.sh build/timescales /tmp/new
#   diff -r /tmp/old /tmp/new
# A refactoring that changes none of the tool's behaviour leaves no difference.
set -uo pipefail
[ $# -eq 2 ] || { echo "usage: $0 TIMESCALES OUTDIR" >&2; exit 2; }
tool=$(realpath "$1")
out=$2
cd "$(dirname "$0")/.."
rm -rf "$out" && mkdir -p "$out"
out=$(realpath "$out")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Inputs are copied into in/ and named by relative paths, so messages that quote a path are the
# same whichever checkout the script runs from.
mkdir -p "$work/in/bad"
cp examples/data/sample-events.csv "$work/in/sample.csv"
cp examples/cp-visits-2018/events.csv "$work/in/cp2018.csv"
cp examples/reconcile/events.csv "$work/in/reconcile.csv"
cp examples/reconcile/council-report.csv "$work/in/council-report.csv"
cp -r tests/bad-input/. "$work/in/bad/"
cp -r rules "$work/in/rules"
"$tool" generate --children 3000 --seed 11 --out "$work/in/small.csv" 2>/dev/null
"$tool" generate --children 1500 --seed 5 --from 2015-04-01 --to 2021-03-31 --out "$work/in/old.csv" 2>/dev/null

# run NAME ARGS...: standard output, standard error and the exit status, under NAME.
run() {
  local name=$1 f; shift
  (cd "$work" && "$tool" "$@" >"$out/$name.out" 2>"$out/$name.err"; echo $? >"$out/$name.rc")
  # Files the command wrote into the work directory are kept too.
  for f in "$work"/*; do [ "$f" != "$work/in" ] && mv "$f" "$out/$name.$(basename "$f")"; done
}

for n in sample small old cp2018 reconcile; do
  f=in/$n.csv
  run "$n-evaluate" evaluate "$f" --rejected rejected.csv --findings findings.csv
  run "$n-evaluate-explain" evaluate "$f" --explain --as-of 2020-06-30
  run "$n-evaluate-jsonl" evaluate "$f" --format jsonl --explain
  run "$n-evaluate-summary" evaluate "$f" --summary
  run "$n-report-all" report "$f" --all --period quarter --drill-down drill.csv
  run "$n-report-md" report "$f" --all --by team --format markdown
  run "$n-report-json" report "$f" --all --period month --format json
  run "$n-local" evaluate "$f" --rules in/rules --summary
done
run reconcile-example reconcile in/reconcile.csv --rule wales.lac.visit --theirs in/council-report.csv
for bad in "$work"/in/bad/*; do
  [ -f "$bad" ] || continue; b=$(basename "$bad")
  run "bad-$b-evaluate" evaluate "in/bad/$b" --rejected rejected.csv --summary
  run "bad-$b-report" report "in/bad/$b" --all
done
run rules-list rules list
run rules-doc rules doc
run rules-check rules check in/rules
run rules-check-local rules check in/rules/local
for id in $("$tool" rules list | cut -f1 | sort -u); do
  run "rules-show-$id" rules show "$id"
done
for m in rules/wales/measures/*.toml; do run "validate-$(basename "$m")" validate-report "in/$m"; done
run due-1 due 2019-12-20 "15 working days" --explain
run due-2 due 2022-09-16 "1 working day" --explain
run due-3 due 2020-01-31 "1 month" --explain
run due-4 due 2019-03-01 "6 weeks" --explain
run due-5 due 2019-12-20 "3 months" --explain
run generate generate --children 50 --seed 3
exit 0
