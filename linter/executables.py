"""Finding an external program (ShellCheck) without importing shutil or pathlib.

Those modules cost several milliseconds at start-up, paid by every run that merely
asks whether ShellCheck is there.
"""

from __future__ import annotations

import os
import sys


def _runnable(path: str) -> bool:
    return os.path.isfile(path) and os.access(path, os.X_OK)


def find_executable(name: str) -> str | None:
    """`name` on PATH, or beside this Python (where `pip install` puts scripts)."""
    suffixes = [""]
    if sys.platform == "win32":
        suffixes += os.environ.get("PATHEXT", ".EXE;.BAT;.CMD").lower().split(";")
    if os.path.dirname(name):
        return name if _runnable(name) else None
    directories = os.environ.get("PATH", "").split(os.pathsep)
    directories.append(os.path.dirname(sys.executable))
    for directory in directories:
        if not directory:
            continue
        for suffix in suffixes:
            candidate = os.path.join(directory, name + suffix)
            if _runnable(candidate):
                return candidate
    return None
