#!/usr/bin/env bash
# The test suite under sanitizers, with GCC's (libasan, libubsan and libtsan come with g++):
#   1. build-asan/: everything (library, tool, C API, tests, the C example) under AddressSanitizer
#      and UndefinedBehaviorSanitizer; the whole ctest suite runs, the tool's tests included, but
#      the three [large] tests (tests/CMakeLists.txt says why).
#   2. build-tsan/: the thread-safety tests ([threads]: 8 threads sharing one rulebook, through the
#      C++ API and through the C API; the engine's own threads) under ThreadSanitizer, built alone
#      as timescales-thread-tests.
# Any report fails the run (halt_on_error; -fno-sanitize-recover=all). Build directories and
# parallelism can be changed with ASAN_BUILD_DIR, TSAN_BUILD_DIR and JOBS; SANITIZERS=address runs
# the first alone (CI's time), SANITIZERS=thread the second.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
generator=()
command -v ninja >/dev/null && generator=(-G Ninja)
jobs="${JOBS:-$(nproc)}"
asan_dir="${ASAN_BUILD_DIR:-build-asan}"
tsan_dir="${TSAN_BUILD_DIR:-build-tsan}"
started=$SECONDS
# Line tables only (-g1): enough for the sanitizers' stack traces to name files and lines, and a
# little less to compile and link than full debug information (CI's time is mostly compiling).
debug_info=(-DCMAKE_CXX_FLAGS_DEBUG=-g1 -DCMAKE_C_FLAGS_DEBUG=-g1)

which="${SANITIZERS:-address,thread}"
case ",$which," in *,address,*|*,thread,*) ;; *) echo "sanitizers: SANITIZERS is address, thread or both, not '$which'" >&2; exit 2;; esac

if [[ ",$which," == *,address,* ]]; then
echo "sanitizers: AddressSanitizer + UndefinedBehaviorSanitizer, the whole test suite ($asan_dir)" >&2
cmake -S . -B "$asan_dir" "${generator[@]}" -DCMAKE_BUILD_TYPE=Debug "${debug_info[@]}" -DTIMESCALES_SANITIZE=address,undefined >/dev/null
cmake --build "$asan_dir" --parallel "$jobs"
export ASAN_OPTIONS="detect_leaks=1:detect_stack_use_after_return=1:check_initialization_order=1:strict_init_order=1:halt_on_error=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
ctest --test-dir "$asan_dir" --output-on-failure --parallel "$jobs"
echo "sanitizers: ASan+UBSan clean after $((SECONDS - started)) s" >&2
fi
[[ ",$which," == *,thread,* ]] || exit 0

echo "sanitizers: ThreadSanitizer, the thread-safety tests ($tsan_dir)" >&2
cmake -S . -B "$tsan_dir" "${generator[@]}" -DCMAKE_BUILD_TYPE=Debug "${debug_info[@]}" -DTIMESCALES_SANITIZE=thread \
  -DTIMESCALES_BUILD_CLI=OFF >/dev/null
cmake --build "$tsan_dir" --parallel "$jobs" --target timescales-thread-tests  # two test files, not the suite
export TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1"
# A precaution: GCC 12's TSan runtime dies with "unexpected memory mapping" on kernels that
# randomise mmap with more bits than it knows (vm.mmap_rnd_bits above 28). Running these two test
# processes without address-space randomisation avoids it; setarch needs no privilege, and where
# it is missing or refused the tests run as they are.
run=()
if command -v setarch >/dev/null && setarch "$(uname -m)" -R true 2>/dev/null; then
  run=(setarch "$(uname -m)" -R)
fi
"${run[@]}" "$tsan_dir/tests/timescales-thread-tests" "[threads]"
echo "sanitizers: TSan clean; every sanitizer run clean in $((SECONDS - started)) s" >&2
