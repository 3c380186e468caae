#!/usr/bin/env bash
# Fuzzing with libFuzzer: builds the targets of tests/fuzz with Clang (-fsanitize=fuzzer,address,
# undefined) in build-fuzz/ and runs each for FUZZ_SECONDS (default 60):
#   fuzz-csv     the CSV reader (csv::Reader: next() and next_plain_fields() compared) and read_events_csv, then the engine on what they accept
#   fuzz-rules   the rule compiler (load_rulebook) on one rule file (up to 128 KB), with the built-in calendars
#   fuzz-period  the period parser (parse_period)
# They run side by side, each from its seed corpus, tests/fuzz/corpus/<target>/ (left unchanged: what a run finds
# goes to build-fuzz/fuzz-work/). A crash, a sanitizer report, a timeout or running out of memory
# fails the run: the input is copied into tests/fuzz/corpus/<target>/, where it fails every later
# run (and the test suite's corpus replay) until the bug is fixed; commit it with the fix.
# Installs Clang 16 and its compiler-rt (libFuzzer) from Debian when missing. FUZZ_SECONDS,
# FUZZ_BUILD_DIR and JOBS can be set.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

# Clang 16: the oldest Debian 12 Clang whose C++23 support builds the project with libstdc++ 12
# (see CMakeLists.txt); libclang-rt-16-dev holds libFuzzer and the sanitizer runtimes.
clang_version=16
packages=("clang-$clang_version" "libclang-rt-$clang_version-dev")
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]} > 0)); then
  echo "fuzz: installing ${missing[*]}" >&2
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi

seconds="${FUZZ_SECONDS:-60}"
build="${FUZZ_BUILD_DIR:-build-fuzz}"
jobs="${JOBS:-$(nproc)}"
targets=(csv rules period)
generator=()
command -v ninja >/dev/null && generator=(-G Ninja)

cmake -S . -B "$build" "${generator[@]}" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_COMPILER="clang++-$clang_version" \
  -DTIMESCALES_BUILD_FUZZERS=ON -DTIMESCALES_SANITIZE=address,undefined \
  -DTIMESCALES_BUILD_TESTS=OFF -DTIMESCALES_BUILD_CLI=OFF -DTIMESCALES_BUILD_CAPI=OFF >/dev/null
cmake --build "$build" --parallel "$jobs" --target "${targets[@]/#/fuzz-}"

export ASAN_OPTIONS="halt_on_error=1:detect_leaks=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
# The targets run side by side (libFuzzer runs one process each), so the run takes FUZZ_SECONDS of
# wall time whatever their number; on fewer cores than targets each gets a share of one.
run_target() {
  local t="$1" work="$build/fuzz-work/$1" seeds="tests/fuzz/corpus/$1"
  rm -rf "$work/artifacts"
  mkdir -p "$work/corpus" "$work/artifacts"
  # The rule compiler's inputs go up to 128 KB, so that nesting deep enough to overflow a parser's
  # stack (issue 19: 40,000 dotted key parts in 80 KB) is within reach; the others keep the default.
  local max_len=()
  [ "$t" = rules ] && max_len=(-max_len=131072)
  "$build/tests/fuzz/fuzz-$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 "${max_len[@]}" \
    -dict="tests/fuzz/$t.dict" -artifact_prefix="$work/artifacts/" "$work/corpus" "$seeds" >"$work/log.txt" 2>&1
}
declare -A pids
for t in "${targets[@]}"; do
  echo "fuzz: $t for $seconds s (seeds: tests/fuzz/corpus/$t)" >&2
  run_target "$t" &
  pids[$t]=$!
done
failed=()
for t in "${targets[@]}"; do
  status=0
  wait "${pids[$t]}" || status=$?
  work="$build/fuzz-work/$t"
  seeds="tests/fuzz/corpus/$t"
  grep -E "^(#[0-9]+.*DONE|stat::number_of_executed_units|stat::new_units_added)" "$work/log.txt" | sed "s/^/$t: /" >&2 || true
  if ((status != 0)); then
    failed+=("$t")
    echo "fuzz: $t FAILED (exit $status); the end of its log ($work/log.txt):" >&2
    tail -n 40 "$work/log.txt" >&2
    for a in "$work"/artifacts/*; do
      [ -f "$a" ] || continue
      kept="$seeds/$(basename "$a")"
      cp "$a" "$kept"
      echo "fuzz: the failing input is now $kept (add it to the repository with the fix)" >&2
    done
  fi
done
if ((${#failed[@]} > 0)); then
  echo "fuzz: failed: ${failed[*]}" >&2
  exit 1
fi
echo "fuzz: ${targets[*]}: no crash in $seconds s each" >&2
