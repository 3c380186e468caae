"""The ``timescales`` console script: runs the command-line tool installed inside the package.

The tool is the same C++ program as ``build/timescales`` (``timescales --help``); the wheel
carries it in ``timescales/bin/``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def executable() -> Path:
    """The path of the bundled ``timescales`` executable."""
    return Path(__file__).resolve().parent / "bin" / ("timescales.exe" if os.name == "nt" else "timescales")


def main(argv: list[str] | None = None) -> int:
    """Run the tool with ``argv`` (default: this process's arguments) and return its exit status.
    From the console script on POSIX the tool replaces this process."""
    exe = executable()
    if not exe.is_file():
        print(f"timescales: the command-line tool is missing from this installation ({exe}); "
              "reinstall the package with the tool enabled (TIMESCALES_BUILD_CLI=ON)", file=sys.stderr)
        return 2
    args = sys.argv[1:] if argv is None else list(argv)
    if argv is None and os.name == "posix":
        sys.stdout.flush()
        sys.stderr.flush()
        os.execv(exe, [str(exe), *args])
    return subprocess.call([str(exe), *args])


if __name__ == "__main__":
    sys.exit(main())
