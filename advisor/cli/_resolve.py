"""An input and an output path resolved each on its own, so a failure names the file it concerns: an input that is a
link to itself 'cannot be read' (as every command reading it says), an output name that cannot be resolved is 'not
a usable file name'. Both were worded as the output's problem, with Python's own words ('Symlink loop from …')."""

from __future__ import annotations

from pathlib import Path

from advisor.cli._common import UsageError, printable


def why(exc: Exception) -> str:
    """An error resolving a path, in the system's words."""
    if isinstance(exc, RuntimeError) and "loop" in str(exc).lower():
        return "Too many levels of symbolic links"
    if isinstance(exc, OSError):
        return exc.strerror or str(exc)
    return str(exc)


def _resolved(path: Path, problem: str) -> Path:
    try:
        return path.resolve()
    except (OSError, ValueError, RuntimeError) as exc:
        raise UsageError(f"{printable(str(path))}: {problem}: {why(exc)}") from None


def same_file(target: Path, source: Path) -> bool:
    """Whether the output names the input (each resolved on its own, a failure naming its file: the input first)."""
    source = _resolved(source, "cannot be read")
    return _resolved(target, "not a usable file name") == source
