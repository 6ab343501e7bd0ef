"""Whether the desktop app can open a window here, told in words before Qt is asked: with no display, or one that
names no server, Qt's platform plugin aborts the process (SIGABRT, exit 134) with a few lines about plugins.

Linux only (elsewhere Qt has one platform and no such failure). An explicit QT_QPA_PLATFORM is the user's choice and
is left to Qt. Otherwise a window can open when the Wayland compositor that WAYLAND_DISPLAY names, or the X server
that DISPLAY names, accepts a connection: X on this machine (":0", "unix:1.0") by its socket in /tmp/.X11-unix (the
file, or the abstract name Linux X servers also listen on), X elsewhere ("localhost:10.0", as ssh forwards it) on TCP
port 6000 + display number. A DISPLAY in a form not known here is left to Qt.
"""

from __future__ import annotations

import os
import sys

X11_DIR = "/tmp/.X11-unix"
TCP_TIMEOUT_S = 0.5  # a forwarded display answers at once; a wrong host must not hold the start for long
_HELP = ("Run the app in a desktop session, or under a virtual display (xvfb-run advisor); the command line "
         "(advisor calc, check, report) needs none")


def display_problem(env: dict | None = None, platform: str | None = None, x11_dir: str = X11_DIR) -> str:
    """Why no window can open here, in words; '' when one can (or when only Qt can tell)."""
    env = os.environ if env is None else env
    platform = sys.platform if platform is None else platform
    if not platform.startswith("linux") or env.get("QT_QPA_PLATFORM"):
        return ""
    wayland, x = env.get("WAYLAND_DISPLAY", ""), env.get("DISPLAY", "")
    if not wayland and not x:
        return f"no display found (DISPLAY and WAYLAND_DISPLAY are unset). {_HELP}"
    if wayland and _wayland_answers(wayland, env.get("XDG_RUNTIME_DIR", "")):
        return ""
    if x:
        answers = _x_answers(x, x11_dir)
        if answers is None or answers:
            return ""
    unreachable = [f"{name} {value!r}" for name, value in (("WAYLAND_DISPLAY", wayland), ("DISPLAY", x)) if value]
    return (f"cannot reach the display: no server answers at {' nor at '.join(unreachable)} "
            f"(the session has ended, or the variable names another machine's). {_HELP}")


def _connects(address) -> bool:
    """Whether a Unix stream socket connects to `address`. The socket module is imported here, when a display is
    checked: a run under QT_QPA_PLATFORM (offscreen, or a platform named) never needs it (~3 ms of the first
    window)."""
    import socket

    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
            s.connect(address)
    except OSError:
        return False
    return True


def _wayland_answers(name: str, runtime_dir: str) -> bool:
    """Whether the compositor's socket accepts a connection (a relative name lives in XDG_RUNTIME_DIR)."""
    path = name if os.path.isabs(name) else os.path.join(runtime_dir, name) if runtime_dir else ""
    return bool(path) and _connects(path)


def _x_answers(display: str, x11_dir: str) -> bool | None:
    """Whether the X server DISPLAY names accepts a connection; None for a form not known here."""
    host, colon, rest = display.rpartition(":")
    number = rest.split(".", 1)[0]
    if not colon or not number.isdigit() or len(number) > 5 or "/" in host:
        return None
    if host in ("", "unix"):
        path = os.path.join(x11_dir, f"X{int(number)}")
        return _connects(path) or _connects("\0" + path)
    port = 6000 + int(number)
    if port > 65535:
        return None
    import socket

    try:
        with socket.create_connection((host.strip("[]"), port), timeout=TCP_TIMEOUT_S):
            return True
    except (OSError, UnicodeError, ValueError):
        return False
