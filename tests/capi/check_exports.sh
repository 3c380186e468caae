#!/bin/sh
# The C API library exports the ts_* functions of timescales.h and nothing else: no C++ symbol of
# the library inside it, which would clash with a host's own copy.
set -eu
lib="$1"
command -v nm >/dev/null || { echo "check_exports: nm not found (binutils); not checked"; exit 0; }
exports=$(nm -D --defined-only "$lib" | awk '$2 ~ /^[TDBRVWiu]$/ { print $3 }' | sort)
others=$(printf '%s\n' "$exports" | grep -v '^ts_' | grep -v '^$' | grep -v -E '^(_init|_fini|_edata|_end|__bss_start)$' || true)
header="$(dirname "$0")/../../include/timescales/timescales.h"
declared=$(grep -o -E '\bts_[a-z_]+\(' "$header" | tr -d '(' | sort -u)
missing=$(printf '%s\n' "$declared" | while read -r f; do printf '%s\n' "$exports" | grep -qx "$f" || echo "$f"; done)
count=$(printf '%s\n' "$exports" | grep -c '^ts_' || true)
if [ -n "$others" ]; then
  echo "check_exports: $lib exports symbols outside the C API:"; printf '%s\n' "$others" | head -20; exit 1
fi
if [ -n "$missing" ]; then
  echo "check_exports: declared in timescales.h but not exported:"; printf '%s\n' "$missing"; exit 1
fi
echo "check_exports: $count ts_* functions exported, nothing else"
