"""Checks an sdist against the build it must be able to repeat (scripts/wheel.sh).

Usage: check-sdist.py SDIST CHECKOUT BUILD_DIR
Every file of CHECKOUT that the wheel's build in BUILD_DIR read (what ninja knows: CMake's own
input files, every source and every header the compiler reported) must be in the sdist with the
same content, as must the pure-Python package and the package metadata; and the sdist, unpacked
elsewhere, must configure with CMake as scikit-build-core configures it. Together: it builds.
"""
import pathlib
import re
import subprocess
import sys
import tarfile
import tempfile

sdist, checkout, build_dir = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]).resolve(), pathlib.Path(sys.argv[3])


def ninja(*args):
    return subprocess.run(["ninja", "-C", str(build_dir), *args], check=True, capture_output=True, text=True).stdout


read = set()
for line in ninja("-t", "inputs").splitlines() + ninja("-t", "deps").splitlines():
    line = line.strip()
    if line and not line.endswith(")") and ":" not in line:  # deps' "target: #deps N, ..." headers
        read.add(line)
rerun = re.search(r"RERUN_CMAKE [^|]*\|(.*)", (build_dir / "build.ninja").read_text())
read.update(rerun.group(1).split())
needed = set()
for name in read:
    path = (build_dir / name).resolve()
    if path.is_relative_to(checkout) and not path.relative_to(checkout).parts[0].startswith("build"):
        needed.add(path.relative_to(checkout).as_posix())
needed.update(p.relative_to(checkout).as_posix() for p in (checkout / "bindings/python/timescales").rglob("*.py"))
needed.update(["pyproject.toml", "README.md", "LICENSE", "CMakeLists.txt"])
if not any(n.startswith("rules/") for n in needed) or not any(n.startswith("src/") for n in needed):
    sys.exit(f"check-sdist: read no rules/ or src/ files from {build_dir}'s ninja files: not a build of this checkout?")

with tarfile.open(sdist) as tar:
    members = {m.name.split("/", 1)[1]: m for m in tar.getmembers() if "/" in m.name and m.isfile()}
    missing = sorted(n for n in needed if n not in members)
    differing = sorted(n for n in needed if n in members and tar.extractfile(members[n]).read() != (checkout / n).read_bytes())
    if missing or differing:
        sys.exit("check-sdist: the sdist lacks files the build reads: " + " ".join(missing[:20]) +
                 ("; differs from the checkout in: " + " ".join(differing[:20]) if differing else ""))
    with tempfile.TemporaryDirectory() as tmp:
        tar.extractall(tmp, filter="data")
        source = next(pathlib.Path(tmp).iterdir())
        # What pyproject.toml's cmake.define gives scikit-build-core's build.
        defines = re.search(r"cmake\.define = \{(.*)\}", (source / "pyproject.toml").read_text()).group(1)
        args = [f"-D{k}={v}" for k, v in re.findall(r'(\w+) = "(\w+)"', defines)]
        result = subprocess.run(["cmake", "-S", str(source), "-B", str(pathlib.Path(tmp) / "build"), "-G", "Ninja",
                                 f"-DPython_EXECUTABLE={sys.executable}", *args], capture_output=True, text=True)
        if result.returncode != 0:
            sys.exit("check-sdist: the unpacked sdist does not configure:\n" + result.stdout[-3000:] + result.stderr[-3000:])
print(f"check-sdist: {sdist.name}: {len(members)} files, the {len(needed)} the build reads among them, unchanged; it configures")
