#!/bin/sh
# The project as its users get it, from an installed prefix (tests/CMakeLists.txt runs each step
# as a ctest test; `install` is the fixture the others need):
#   install BUILD PREFIX            cmake --install BUILD into PREFIX, afresh
#   find-package PREFIX WORK GEN CC examples/embed built as a standalone C-only project against
#                                   PREFIX (find_package), with toml++ and range-v3 unfindable, and run
#   pkg-config PREFIX LIBDIR WORK CC CXX PKG_CONFIG
#                                   embed.c built with `CC $(pkg-config --cflags --libs timescales_c)`
#                                   and tests/install/consumer.cpp with timescales.pc, and both run
#   needed LIB                      LIB's NEEDED entries name no toml++, Boost or libxlsxwriter
#   subproject WORK GEN CC          a parent project that takes this one with FetchContent
#                                   (add_subdirectory underneath) keeps its own empty CMAKE_BUILD_TYPE
set -eu
here=$(cd "$(dirname "$0")" && pwd)
source_dir=$(cd "$here/../.." && pwd)
step="$1"
shift
fail() { echo "check_install: $*" >&2; exit 1; }

case "$step" in
install)
  build="$1" prefix="$2"
  rm -rf "$prefix"
  cmake --install "$build" --prefix "$prefix" >/dev/null
  # Nothing of the C++ development packages may be asked for by the installed CMake package.
  if grep -r -n -E '^[^#]*(tomlplusplus|range-v3)' "$prefix"/lib*/cmake/timescales "$prefix"/lib*/pkgconfig; then
    fail "the installed package files above name toml++ or range-v3"
  fi
  # Nor any compiler flag (a GCC-only -W..., say) that a host's compiler would be handed: the
  # exported interface is include directories, cxx_std_23 and the libraries (docs/install.md).
  if grep -r -n 'INTERFACE_COMPILE_OPTIONS\|INTERFACE_LINK_OPTIONS' "$prefix"/lib*/cmake/timescales; then
    fail "the installed targets hand their users the compiler or linker options above"
  fi
  if grep -h -E '^(Cflags|Libs)' "$prefix"/lib*/pkgconfig/timescales*.pc | tr ' ' '\n' | grep -E '^-' | grep -v -E '^-(I|L|l)'; then
    fail "the pkg-config files hand their users the flags above"
  fi
  echo "check_install: installed into $prefix"
  ;;
find-package)
  prefix="$1" work="$2" generator="$3" cc="$4"
  rm -rf "$work"
  # LANGUAGES C only (examples/embed/CMakeLists.txt), and a find_package of toml++ or range-v3,
  # were the package to ask for one, fails: these are what a C host does not have.
  cmake -S "$source_dir/examples/embed" -B "$work" -G "$generator" -DCMAKE_C_COMPILER="$cc" \
        -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF \
        -DCMAKE_DISABLE_FIND_PACKAGE_tomlplusplus=ON -DCMAKE_DISABLE_FIND_PACKAGE_range-v3=ON >"$work.log" 2>&1 ||
    { cat "$work.log"; fail "examples/embed does not configure against $prefix"; }
  grep -q "^timescales_DIR:PATH=$prefix/" "$work/CMakeCache.txt" ||
    fail "find_package(timescales) found another copy than $prefix: $(grep '^timescales_DIR' "$work/CMakeCache.txt")"
  cmake --build "$work" >"$work.log" 2>&1 || { cat "$work.log"; fail "examples/embed does not build against $prefix"; }
  "$work/timescales-embed-example"
  ;;
pkg-config)
  prefix="$1" libdir="$2" work="$3" cc="$4" cxx="$5" pkg_config="$6"
  rm -rf "$work"
  mkdir -p "$work"
  export PKG_CONFIG_PATH="$prefix/$libdir/pkgconfig"
  # Word splitting of pkg-config's output is what a Makefile does with it.
  # shellcheck disable=SC2046
  "$cc" -std=c11 -Wall -Wextra -Wpedantic -Werror "$source_dir/examples/embed/embed.c" -o "$work/embed" \
        $("$pkg_config" --cflags --libs timescales_c)
  LD_LIBRARY_PATH="$prefix/$libdir" "$work/embed"
  # shellcheck disable=SC2046
  "$cxx" -std=c++23 "$here/consumer.cpp" -o "$work/consumer" $("$pkg_config" --cflags --libs --static timescales)
  "$work/consumer"
  ;;
needed)
  lib="$1"
  needed=$(readelf -d "$lib" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
  echo "check_install: $lib needs: $(echo $needed)"
  echo "$needed" | grep -q '^libc\.so' || fail "no NEEDED entries read from $lib"
  if echo "$needed" | grep -E 'tomlplusplus|boost|xlsxwriter'; then
    fail "$lib needs the libraries above at run time"
  fi
  ;;
subproject)
  work="$1" generator="$2" cc="$3"
  rm -rf "$work"
  cmake -S "$here/parent" -B "$work" -G "$generator" -DCMAKE_C_COMPILER="$cc" \
        -DTIMESCALES_SOURCE="$source_dir" >"$work.log" 2>&1 ||
    { cat "$work.log"; fail "a parent project cannot take timescales with FetchContent"; }
  # Unset here (no -DCMAKE_BUILD_TYPE): the parent's cache must still say so, not Release.
  build_type=$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$work/CMakeCache.txt")
  [ -z "$build_type" ] || fail "timescales set the parent's CMAKE_BUILD_TYPE to '$build_type'"
  grep -q '^TIMESCALES_BUILD_TESTS:BOOL=OFF' "$work/CMakeCache.txt" || fail "the tests are built inside a parent project"
  echo "check_install: a parent project takes timescales by FetchContent; its build type stays its own"
  ;;
*)
  fail "unknown step $step"
  ;;
esac
