"""The `timescales` console script the wheel installs: the same tool as build/timescales."""

from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

import timescales
from timescales import _cli


def console_script() -> Path:
    path = Path(sysconfig.get_path("scripts")) / "timescales"
    if not path.exists():
        found = shutil.which("timescales")
        assert found, "the timescales console script is not installed"
        path = Path(found)
    return path


def test_console_script_prints_the_c2_deadline() -> None:
    out = subprocess.run([str(console_script()), "due", "2019-12-20", "15 working days"], capture_output=True,
                         text=True, check=False)
    assert out.returncode == 0, out.stderr
    assert out.stdout == "2020-01-15\n"


def test_console_script_passes_the_exit_status_and_messages_through() -> None:
    out = subprocess.run([str(console_script()), "due", "2019-12-20", "15 wrking days"], capture_output=True,
                         text=True, check=False)
    assert out.returncode == 2
    assert "malformed period '15 wrking days'" in out.stderr


def test_python_dash_m_and_main() -> None:
    out = subprocess.run([sys.executable, "-m", "timescales", "due", "2019-11-30", "3 months"], capture_output=True,
                         text=True, check=False)
    assert (out.returncode, out.stdout) == (0, "2020-02-29\n")
    assert _cli.main(["rules", "list"]) == 0


def test_the_tool_and_the_package_agree_on_rules() -> None:
    out = subprocess.run([str(_cli.executable()), "rules", "list"], capture_output=True, text=True, check=False)
    assert out.returncode == 0
    for rule in timescales.rules()["id"].unique():
        assert rule in out.stdout


@pytest.mark.parametrize("args", [["--help"], ["due", "--help"]])
def test_help(args: list[str]) -> None:
    out = subprocess.run([str(console_script()), *args], capture_output=True, text=True, check=False)
    assert out.returncode == 0 and "timescales" in out.stdout
