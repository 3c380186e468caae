#!/usr/bin/env bash
# Prints the compiler launcher for CMake (CMAKE_CXX_COMPILER_LAUNCHER) when ccache is installed,
# and nothing otherwise: ccache in depend mode, which takes the compiler's own dependency list
# (-MD, as CMake's Makefile and Ninja builds pass) instead of running the preprocessor a second
# time, so that a build whose objects are not in the cache (CI's first) pays only the hashing.
set -euo pipefail
command -v ccache >/dev/null || exit 0
echo "env;CCACHE_DEPEND=1;ccache"
