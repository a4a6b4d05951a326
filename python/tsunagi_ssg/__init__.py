"""tsunagi (つなぎ) for pip users: the wheel installs the compiled `tsunagi` program with the
environment's scripts. This package only finds it, so that `python -m tsunagi_ssg …` works where
the scripts folder is not on PATH (as after `pip install --user` on Windows)."""

import os
import sys
import sysconfig


def _user_scheme():
    if sys.version_info >= (3, 10):
        return sysconfig.get_preferred_scheme("user")
    if os.name == "nt":
        return "nt_user"
    if sys.platform == "darwin" and getattr(sys, "_framework", None):
        return "osx_framework_user"
    return "posix_user"


def find_tsunagi():
    """The path of the installed `tsunagi` program."""
    name = "tsunagi" + (sysconfig.get_config_var("EXE") or "")
    folders = [sysconfig.get_path("scripts"), sysconfig.get_path("scripts", _user_scheme())]
    for folder in folders:
        path = os.path.join(folder, name)
        if os.path.isfile(path):
            return path
    raise FileNotFoundError(
        "tsunagi: the program is not in " + " or ".join(folders)
        + " (reinstall: python -m pip install --force-reinstall tsunagi-ssg)"
    )
