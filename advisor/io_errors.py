"""The errors of reading and saving design files, and how a user's value or a path is shown in their messages.

Re-exported by `advisor.io`, which callers import them from.
"""

from __future__ import annotations

import os
import re

from advisor.validation import visible

MAX_MESSAGE_VALUE = 60  # characters of a user's value quoted in a message
MAX_SHOWN_PATH = 240  # characters of a path in a message: its start and its end (the file's name) are kept


class DesignFileError(Exception):
    """A design file that cannot be read; the message is for the user and names the file and the problem."""


class BackupError(DesignFileError):
    """The design was saved, but FILE.bak (the previous version) could not be written; the message says why."""


def short(value: object, limit: int = MAX_MESSAGE_VALUE) -> str:
    """A user's value for a message: on one line (`validation.visible`), cut to `limit` characters and always
    encodable (no lone surrogates)."""
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 200:
        text = "a number of more than 60 digits"
    else:
        text = visible(value if isinstance(value, str) else repr(value))
    return text if len(text) <= limit else text[:limit - 1] + "…"


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def no_surrogates(text: str) -> str:
    """`text` with the undecodable bytes of a file name (Python holds them as lone surrogates) shown as U+FFFD, as
    the app shows them: one way everywhere. Printed as they came, one message showed '\\udcff', the next line
    '?' and a third U+FFFD for the same byte of the same name. Bytes that together make valid UTF-8 read as it."""
    if not _LONE_SURROGATE.search(text):
        return text
    try:
        text = text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeEncodeError:  # a lone surrogate that is no escaped byte ('\\ud800')
        pass
    return _LONE_SURROGATE.sub("\ufffd", text)


def shown_path(path: str | os.PathLike | bytes) -> str:
    """A path for a one-line message: undecodable bytes of a file name shown as U+FFFD (never a lone surrogate),
    a line break or another control character in a name as its escape, and a very long path cut in the middle."""
    text = os.fsdecode(path) if isinstance(path, (bytes, os.PathLike)) else str(path)
    text = visible(no_surrogates(text))
    if len(text) > MAX_SHOWN_PATH:
        head = MAX_SHOWN_PATH // 3
        text = text[:head] + "…" + text[len(text) - (MAX_SHOWN_PATH - head - 1):]
    return text


_shown = shown_path  # the name `advisor.io` and the importer know it by


def write_reason(exc: OSError, path: str | os.PathLike) -> str:
    """Why `path` could not be written, in words that point at the cause: the system's own 'No such file or
    directory' and 'Not a directory' did not say which part of the path is wrong, and a folder such as /proc that
    exists but takes no new file answers 'No such file or directory' too."""
    import errno

    given = os.path.abspath(os.fspath(path))
    # A link is written through to its target: the folder that counts is the target's (a link into a missing
    # folder was said to be in a folder that 'takes no new files')
    folder = os.path.dirname(os.path.realpath(given) if os.path.islink(given) else given) or "."
    if exc.errno == errno.ENOTDIR and (part := file_in_the_way(folder)) is not None:
        return f"{_shown(part)} is a file, not a folder; choose a file name in a folder"
    if exc.errno == errno.ENOENT:
        if _pipe(given):  # `check --csv /dev/stdout | less`: "the folder /proc/4711/fd takes no new files"
            return "it leads to a pipe (as /dev/stdout does when the output goes to another program), not a file; " \
                   "give - to write to standard output"
        if os.path.isdir(folder):
            return (f"the folder {_shown(folder)} takes no new files (a system folder such as /proc or /sys); "
                    "choose another")
        return f"the folder {_shown(folder)} does not exist; choose a file name in an existing folder"
    return str(getattr(exc, "strerror", None) or exc)


def _pipe(path: str) -> bool:
    """Whether `path` leads, through its links, to a pipe or a socket."""
    import stat

    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        return False
    return stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode)


def file_in_the_way(folder: str | os.PathLike) -> str | None:
    """The nearest existing part of `folder`'s path when it is a file, not a folder (why no file can be made
    there), else None."""
    part = os.fspath(folder)
    while part and not os.path.exists(part) and os.path.dirname(part) != part:
        part = os.path.dirname(part)
    return part if os.path.exists(part) and not os.path.isdir(part) else None
