"""Checks what a process that ran the installed wheel had mapped (scripts/wheel.sh).

Usage: check-loaded.py MAPS VENV CHECKOUT WHEEL
MAPS is a copy of the process's /proc/self/maps. Fails when any mapped file is under CHECKOUT, when
the extension module was not the one installed in VENV, or when a shared library outside VENV is
neither the interpreter's own (its standard library, and what those modules need) nor one the
wheel's manylinux policy lets a wheel take from the system (libc, libm, libstdc++, libgcc_s, ...).
toml++, libxlsxwriter and Boost, or anything else of the build machine, would be caught here.
"""
import json
import os
import pathlib
import re
import sys

import auditwheel
from elftools.elf.dynamic import DynamicSection
from elftools.elf.elffile import ELFFile

maps, venv, checkout, wheel = sys.argv[1], pathlib.Path(sys.argv[2]).resolve(), pathlib.Path(sys.argv[3]).resolve(), sys.argv[4]
mapped = set()
for line in open(maps):
    fields = line.split(maxsplit=5)
    if len(fields) == 6 and fields[5].startswith("/"):
        mapped.add(pathlib.Path(fields[5].strip().removesuffix(" (deleted)")).resolve())


def dynamic(path, tag):
    """The values of one tag of an ELF file's dynamic section; None if it is no ELF file."""
    try:
        with open(path, "rb") as f:
            elf = ELFFile(f)
            section = next((s for s in elf.iter_sections() if isinstance(s, DynamicSection)), None)
            entries = [t for t in section.iter_tags() if t.entry.d_tag == tag] if section else []
            return [t.needed if tag == "DT_NEEDED" else t.soname for t in entries]
    except Exception:  # not an ELF file
        return None


def needed(path):
    return dynamic(path, "DT_NEEDED")


def soname(path):
    """The name other files ask for it by (libstdc++.so.6 for libstdc++.so.6.0.30)."""
    return next(iter(dynamic(path, "DT_SONAME") or []), path.name)


policy_name = re.search(r"-(manylinux_\d+_\d+)_", os.path.basename(wheel)).group(1)
policies = json.loads((pathlib.Path(auditwheel.__file__).parent / "policy" / "manylinux-policy.json").read_text())
allowed = set(next(p for p in policies if p["name"] == policy_name)["lib_whitelist"]) | {"ld-linux-x86-64.so.2", "ld-linux-aarch64.so.1"}
# The interpreter and its standard library: the venv's base installation, but not its site-packages
# (the venv must not see packages installed there).
home = next(line.split("=", 1)[1].strip() for line in (venv / "pyvenv.cfg").read_text().splitlines() if line.startswith("home"))
interpreter_root = pathlib.Path(home).resolve().parent
interpreter_own = {p for p in mapped if p.is_relative_to(interpreter_root) and "site-packages" not in p.parts}
# What those need, and what that needs in turn (libssl's libcrypto, say).
wanted_by_interpreter = set()
for p in interpreter_own:
    wanted_by_interpreter.update(needed(p) or [])
grew = True
while grew:
    before = len(wanted_by_interpreter)
    for p in mapped:
        if soname(p) in wanted_by_interpreter:
            wanted_by_interpreter.update(needed(p) or [])
    grew = len(wanted_by_interpreter) > before
allowed |= wanted_by_interpreter

problems = []
core = [p for p in mapped if p.name.startswith("_core.") and p.parent.name == "timescales"]
if len(core) != 1 or not core[0].is_relative_to(venv):
    problems.append(f"the extension module mapped is {core}, not the one installed in {venv}")
for p in sorted(mapped):
    if p.is_relative_to(checkout):
        problems.append(f"{p}: under the checkout")
    elif re.search(r"tomlplusplus|xlsxwriter|boost", p.name):
        problems.append(f"{p}: a build machine's library")
    elif p.is_relative_to(venv) or p in interpreter_own:
        continue
    elif needed(p) is None:
        if not str(p).startswith(("/usr/lib/locale/", "/usr/lib/x86_64-linux-gnu/gconv/")):
            problems.append(f"{p}: a file mapped from outside the environment")
    elif soname(p) not in allowed:
        problems.append(f"{p}: a system library that {policy_name} does not allow and the interpreter does not need")
if problems:
    sys.exit("check-loaded:\n  " + "\n  ".join(problems))
outside = sorted(soname(p) for p in mapped if not p.is_relative_to(venv) and p not in interpreter_own)
print(f"check-loaded: {len(mapped)} files mapped; the extension from the venv; from the system only {', '.join(outside)}")
