"""Qt settings from the environment that Qt itself cannot survive, dropped before Qt reads them, with a warning.

- QT_FONT_DPI below 10 (1, 2, 5): the Fusion style the app uses divides by a size that rounds to 0 when it paints a
  tool button, and the process ends on a floating-point exception (SIGFPE) at the first paint of the toolbar.
- QT_SCALE_FACTOR of 0 or below: every paint fails, with thousands of painter warnings on standard error and no
  usable window.

Values Qt reads as junk (not a number) are left to Qt, which ignores them itself.

And HOME unset or empty (a service, `env -i`, some cron jobs): Qt then takes the root folder for the home folder and
puts the settings and the autosaves under `/.config` and `/.local` (as root: written there; else refused), while
Python's own paths (`~`) came from the user database. HOME is set from the user database first, as Python does."""

from __future__ import annotations

import logging
import math
import os

log = logging.getLogger("advisor")

MIN_FONT_DPI, MAX_FONT_DPI = 10, 10_000
MAX_SCALE_FACTOR = 100.0

_LIMITS = {
    "QT_FONT_DPI": (lambda v: MIN_FONT_DPI <= v <= MAX_FONT_DPI,
                    f"Qt's style crashes below {MIN_FONT_DPI} dots per inch; from {MIN_FONT_DPI} to {MAX_FONT_DPI:,}"),
    "QT_SCALE_FACTOR": (lambda v: 0.0 < v <= MAX_SCALE_FACTOR,
                        f"nothing can be painted at 0 or below; above 0, up to {MAX_SCALE_FACTOR:g}"),
}


def home_known() -> str | None:
    """Set HOME from the user database where it is unset or empty (before the QApplication is made); the folder set,
    or None when HOME was set already or the user has no entry (then Qt's choice stands, and is logged)."""
    if os.name != "posix" or os.environ.get("HOME"):  # (Windows keeps its folders elsewhere)
        return None
    try:
        import pwd

        home = pwd.getpwuid(os.getuid()).pw_dir
    except (KeyError, OSError):  # no entry for this user (a container's numeric user)
        home = ""
    if not home:
        log.warning("HOME is not set and this user has no home folder on record: settings and autosaves go where Qt "
                    "puts them")
        return None
    os.environ["HOME"] = home
    log.warning("HOME is not set: %s, this user's home folder, is used", home)
    return home


def drop_unusable() -> list[str]:
    """Remove each such variable from the environment (before the QApplication is made); the names dropped."""
    dropped = []
    for name, (usable, allowed) in _LIMITS.items():
        raw = os.environ.get(name)
        if raw is None:
            continue
        try:
            value = float(raw)
        except ValueError:
            continue  # junk: Qt ignores it
        if math.isfinite(value) and usable(value):
            continue
        del os.environ[name]
        dropped.append(name)
        shown = raw if len(raw) <= 20 else raw[:19] + "…"
        log.warning("%s=%s is ignored: %s", name, shown, allowed)
    return dropped
