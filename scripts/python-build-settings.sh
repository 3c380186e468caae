# Sourced by scripts/test-python.sh and scripts/wheel.sh, after $py is set: the pip arguments that
# build the Python package from this checkout, the same in both so that the second only relinks.
#  - One build directory per interpreter (its prefix), so that switching interpreters never reuses
#    a CMake cache made for another.
#  - ccache where installed (scripts/setup.sh installs it), with the compiler scripts/build.sh's
#    build uses (CMake's default, c++; scikit-build-core would take Python's, often g++, which
#    ccache counts as another compiler): the library's and the tool's objects, compiled the same
#    way there, are taken from the cache instead of compiled again (in CI, pip install . fell
#    from 338 s to 56 s).
python_build_prefix=$("$py" -c 'import hashlib, sys; print(hashlib.sha1(sys.prefix.encode()).hexdigest()[:8])')
python_build_settings=(--config-settings=build-dir="build-python/{wheel_tag}-$python_build_prefix")
if command -v ccache >/dev/null; then
  python_build_settings+=(
    --config-settings=cmake.define.CMAKE_CXX_COMPILER="$(command -v "${CXX:-c++}")"
    --config-settings=cmake.define.CMAKE_CXX_COMPILER_LAUNCHER="$(bash "$(dirname "${BASH_SOURCE[0]}")/ccache-launcher.sh")")
fi
