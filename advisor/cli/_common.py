"""Shared command-line plumbing: error exits with status 2 and a message, never a traceback."""

from __future__ import annotations

import json
import re
import sys
from unicodedata import combining, east_asian_width

from advisor.cli._streams import is_utf8, setup_streams  # noqa: F401  (re-exported; registers the handlers)


class UsageError(Exception):
    """Bad input from the user: printed as `advisor: error: …`, exit status 2."""


MAX_MESSAGE = 1000  # characters of an error message: 5,000 --vary options made a 1,500-digit count


def clip(message: str, limit: int = MAX_MESSAGE) -> str:
    """A message cut in its middle when longer than `limit` (its start names the problem, its end the fix)."""
    if len(message) <= limit:
        return message
    keep = (limit - 3) // 2
    return f"{message[:keep]} … {message[-keep:]}"


def quoted(value: object) -> str:
    """A value the user typed, quoted as Python writes it ('a\\tb'), an undecodable byte of it (a lone surrogate)
    as U+FFFD, as every message shows one: repr() wrote it '\\udcff', which no user typed. A number as repr()."""
    from advisor.io_errors import no_surrogates

    return repr(no_surrogates(value) if isinstance(value, str) else value)


# Signs of other scripts that stand for a sign of a number ('％' full width, '٪' Arabic, '−' the minus sign)
_LOOKALIKES = {"％": "%", "٪": "%", "﹪": "%", "−": "-", "–": "-", "－": "-", "﹣": "-", "＋": "+", "．": ".", "٫": ".",
               "，": ",", "٬": ",", "ｅ": "e", "Ｅ": "E"}


def numeral_problem(text: str) -> str | None:
    """Why a number as typed is refused although Python's int() or float() reads it, else None: a digit of another
    script ('١' was read as 1 hub, '１０' as 10 exercises) or a '_' between digits ('1_0' was 10 Erlangs). The
    site-list import refuses both in a cell, and --header-row on the command line; each option now does."""
    if not text.isascii():
        odd = [c for c in text if not c.isascii()]
        # a sign of another script beside plain digits: `erlang --gos 1％` (a full-width '%') or '1٪' said "write
        # numbers with the digits 0 to 9" of a number written with them
        if not any(c.isdigit() or c.isnumeric() for c in odd) and odd[0] in _LOOKALIKES:
            return f"write {quoted(odd[0])} as {quoted(_LOOKALIKES[odd[0]])}"
        return "write numbers with the digits 0 to 9"
    if "_" in text:
        return "write numbers without '_' (1000, not 1_000)"
    return None


def takes_numerals(convert):
    """Marks an option's `type=` function as reading a number, so that the parser refuses what `numeral_problem`
    names before the function sees it (int and float are known without the mark)."""
    convert.takes_numerals = True
    return convert


def fail(message: str, status: int = 2) -> int:
    """The error on one line: a line break or a control character from the user's input (`--hub 'Bern\\n'`)
    shows as '?', so the message never runs onto a second line nor drives the terminal; a character that shows
    nothing as its escape ("no site 'Zürich'" hid a zero-width space after the h)."""
    from advisor.io_errors import no_surrogates
    from advisor.validation import unseen_escaped

    try:
        print(f"advisor: error: {one_line(clip(problem_list(unseen_escaped(no_surrogates(message)))))}",
              file=sys.stderr)
    except (OSError, ValueError, AttributeError):  # `2>/dev/full`, `2>&-`: the exit status still says it
        pass
    return status


class Outcome:
    """The exit status a command has settled on before it writes (`decided`): a reader that closes the pipe early
    (`advisor check x | head`) cuts the output, not the verdict, so a design with error findings still exits 1."""

    status = 0

    @classmethod
    def decided(cls, status: int) -> int:
        cls.status = status
        return status


_LISTED = re.compile(r"(.*, ([\d,]+) problems):\n  ")


def problem_list(message: str, limit: int = MAX_MESSAGE) -> str:
    """A design's several problems (`…, 3 problems:` then one indented line each, as the app lists them) on one
    line: `…, 3 problems: a; b; c`, as many whole problems as fit in `limit`, then how many more. Joined by the
    line breaks' '?' and cut in the middle of a problem, they read `problems:?  links[0]…?  links[1]… … ustom`."""
    head = _LISTED.match(message)
    if head is None:
        return message
    total = int(head.group(2).replace(",", ""))
    items = [line.strip() for line in message[head.end():].split("\n")]
    items = [item for item in items if item and not item.startswith("… and ")]
    shown: list[str] = []
    size = len(head.group(1)) + 2
    for item in items:
        if shown and size + len(item) + 2 + 20 > limit:  # room for "; … and 1,000,000 more"
            break
        shown.append(item)
        size += len(item) + 2
    more = f"; … and {total - len(shown):,} more" if total > len(shown) else ""
    return f"{head.group(1)}: {'; '.join(shown)}{more}"


class ClosedOutput(OSError):
    """Something was written to a standard output that is closed (`advisor check x >&-`)."""


class _Closed:
    """Standard output when the process started without one: Python sets sys.stdout to None, and print() then
    drops every line in silence, so `check FILE >&-` exited 0 having written nothing. Writing here raises instead;
    stderr stays None (print(file=None) goes to stdout)."""

    encoding, errors = "utf-8", "strict"

    def write(self, text: str) -> int:
        raise ClosedOutput("standard output is closed")

    def writelines(self, lines) -> None:
        raise ClosedOutput("standard output is closed")

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False

    @property
    def buffer(self):
        return self


def closed_stdout() -> None:
    """Give a closed standard output a stream that says so when written to (see _Closed)."""
    if sys.stdout is None:
        sys.stdout = _Closed()


class OutputFailed(OSError):
    """Standard output refused what was written: a full disk (`> /dev/full`), an I/O error."""


class _Guarded:
    """Standard output (or its byte stream) whose write errors are `OutputFailed`: `calc > /dev/full` ended as an
    "unexpected internal error", the OSError coming from any print. A closed pipe stays a BrokenPipeError (the
    reader had enough: not an error) and everything else is the stream's own."""

    def __init__(self, stream) -> None:
        self._stream = stream

    def __getattr__(self, name: str):
        return getattr(self._stream, name)

    @property
    def buffer(self):
        return _Guarded(self._stream.buffer)

    def write(self, data):
        return self._guarded(self._stream.write, data)

    def writelines(self, lines) -> None:
        return self._guarded(self._stream.writelines, lines)

    def flush(self) -> None:
        return self._guarded(self._stream.flush)

    @staticmethod
    def _guarded(call, *args):
        try:
            return call(*args)
        except (BrokenPipeError, ClosedOutput):
            raise
        except OSError as exc:
            raise OutputFailed(exc.errno, exc.strerror or str(exc)) from None


def guard_stdout():
    """Wrap standard output in `_Guarded`; returns the stream to put back."""
    stream = sys.stdout
    if stream is not None and not isinstance(stream, (_Closed, _Guarded)):
        sys.stdout = _Guarded(stream)
    return stream


def print_json(obj: object) -> None:
    """Indented JSON on stdout; plain ASCII (\\u escapes) when stdout is not UTF-8, so it stays valid JSON."""
    print(json.dumps(obj, indent=2, ensure_ascii=not is_utf8(sys.stdout)))


def table(rows: list[list[str]], header: list[str], align: str | None = None) -> str:
    """Align a text table; `align` is one char per column, 'l' or 'r'. A header cell may hold several lines
    ("voice\\nkbps"): the header lines are bottom-aligned, so the units sit on the last line above the rule.
    Widths are terminal columns: a CJK character takes two, a combining accent none."""
    align = align or "l" * len(header)
    head = [cell.split("\n") for cell in header]
    depth = max(len(lines) for lines in head)
    head = [[""] * (depth - len(lines)) + lines for lines in head]  # bottom-aligned
    body = [[lines[i] for lines in head] for i in range(depth)] + [[one_line(cell) for cell in row] for row in rows]
    sizes = [list(map(display_width, row)) for row in body]
    widths = [max(size[i] for size in sizes) for i in range(len(header))]

    def fmt(row: list[str], size: list[int]) -> str:
        cells = [" " * (w - n) + cell if side == "r" else cell + " " * (w - n)
                 for cell, n, w, side in zip(row, size, widths, align, strict=True)]
        return "  ".join(cells).rstrip()

    lines = [fmt(row, size) for row, size in zip(body, sizes, strict=True)]
    lines.insert(depth, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def display_width(text: str) -> int:
    """Terminal columns `text` takes: East Asian wide and full-width characters count two, combining marks none."""
    if text.isascii():
        return len(text)
    return len(text) + sum((1 if east_asian_width(c) in "WF" else 0) - (1 if combining(c) else 0)
                           for c in text if c > "\x7f")


# C0 and C1 control characters (and DEL) except the newline, and the bidirectional overrides: a name holding
# ESC [2J must not clear the terminal, nor a right-to-left override turn the rest of a table row around.
_CONTROLS = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """`text` with each control character replaced by '?' (one column for one, so tables stay aligned)."""
    return _CONTROLS.sub("?", text)


_BREAKS = re.compile("[\n\r\x0b\x0c\x85\u2028\u2029]")


def one_line(text: str) -> str:
    """`text` for one line of a table or a heading: printable, and a line break in it (a site name may hold one)
    a '?' too; kept, it cut a table row in two and left the rest of the row under the next row's first column."""
    return printable(_BREAKS.sub("?", text))




# The options that name a file (or, for `configs -o`, a folder) a sub-command writes, as the user types them.
OUTPUT_OPTIONS = {"output": "-o", "csv": "--csv", "xlsx": "--xlsx", "answers": "--answers"}


def check_outputs(args) -> None:
    """Refuse, before any work, an output name that is empty (it was taken as no option at all), that the system
    cannot use (too long, in a folder it may not enter), or that is the input file itself under any name (a link
    too): `check FILE --csv FILE` wrote the table over the design. `-` (standard output) passes. Each sub-command
    still checks what only it knows (the folder exists, the extension). The user's limit tables are checked here
    too (`check_tables`): this runs before every sub-command."""
    import os

    from advisor.tabular import STDOUT

    check_tables()
    source = getattr(args, "file", None)
    if source == STDOUT and not os.path.lexists(source):  # '-' names standard output for an output, but no input
        what = "site list" if getattr(args, "command", None) == "import" else "design"
        raise UsageError(f"-: a {what} is not read from standard input; give its file name (a file called '-' is "
                         "read as ./-)")
    if source and _stdout_is(source):  # `advisor report d.json -o - >> d.json`, `1<>d.json`: written into it
        what = "the site list" if getattr(args, "command", None) == "import" else "the input design"
        raise UsageError(f"standard output is {what} {printable(source)} itself: the output would be written into "
                         "it; send it to another file")
    for attr, option in OUTPUT_OPTIONS.items():
        target = getattr(args, attr, None)
        if target is None or target == STDOUT:
            continue
        if not target:  # configs writes its sketches into a folder
            kind = "folder" if getattr(args, "command", None) == "configs" and attr == "output" else "file"
            raise UsageError(f"{option}: the {kind} name is empty")
        from advisor.cli._kinds import misnamed, unnamed

        folder_out = getattr(args, "command", None) == "configs" and attr == "output"
        if not folder_out and os.path.basename(target) in (".", ".."):  # 'notes.txt/.' wrote notes.txt itself
            end = target[-3:] if target.endswith("..") else target[-2:]
            raise UsageError(printable(f"{option}: {target}: ends in '{end}', so it names a folder; give a file "
                                       "name"))
        if (problem := unnamed(getattr(args, "command", None), attr, target)) is not None:
            raise UsageError(printable(f"{target}: {problem}"))
        try:
            os.stat(target)
        except (FileNotFoundError, NotADirectoryError, ValueError):
            pass  # nothing there yet (or a name the command refuses itself)
        except OSError as exc:
            raise UsageError(f"{printable(target)}: not a usable file name: {exc.strerror or exc}") from None
        if source and _same_file(target, source):
            what = "the site list" if getattr(args, "command", None) == "import" else "the input design"
            raise UsageError(f"{printable(target)}: the output would overwrite {what}; choose another name")
        if (problem := misnamed(getattr(args, "command", None), attr, option, target)) is not None:
            raise UsageError(printable(f"{target}: {problem}"))


def _stdout_is(source: str) -> bool:
    """Whether standard output is the regular file `source` (the same file, under any name)."""
    import os
    import stat

    try:
        out, src = os.fstat(1), os.stat(source)
    except (OSError, ValueError):
        return False
    return stat.S_ISREG(out.st_mode) and (out.st_dev, out.st_ino) == (src.st_dev, src.st_ino)


def check_tables() -> None:
    """Refuse, before any work, the user's copies of the limit tables (the folder ADVISOR_TABLES_DIR names) when
    one is unreadable or malformed: the message names the file and the field. A rule reads some tables only for
    some designs, and a table error met there ended as an internal error. Nothing is read without the variable."""
    import os

    if not os.environ.get("ADVISOR_TABLES_DIR", "").strip():
        return
    from advisor.tables import TableError, check_user_tables

    try:
        check_user_tables()
    except TableError as exc:
        raise UsageError(printable(one_line(str(exc)))) from None


def _same_file(a: str, b: str) -> bool:
    import os

    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):
        return False


def write_problem(exc: OSError, path) -> str:
    """Why `path` could not be written, naming the part of the path at fault (`io_errors.write_reason`)."""
    from advisor.io_errors import write_reason

    return write_reason(exc, path)


def folder_problem(folder) -> str | None:
    """Why `folder` cannot take a new file, or None: a part of its path that is a file (it read as a folder that
    "does not exist"), or a folder that does not exist."""
    import os

    from advisor.io_errors import file_in_the_way

    if os.path.isdir(folder):
        return None
    part = file_in_the_way(folder)
    if part is not None:
        return f"{part} is a file, not a folder; give a file name in a folder"
    return f"the folder {folder} does not exist"


def file_problem(path: str, example: str) -> str | None:
    """Why no file can be written at `path`, found before any work is done, or None: a folder, or a name ending in
    '/' (it names one: `-o out/` wrote a file called 'out'), a device, a link into a folder that does not exist, a
    missing folder, or one that takes no new file (read-only). These were found only when the finished document
    was written, after the work; and `exercises` had then written its sheet and refused its answer key."""
    import contextlib
    import os
    from pathlib import Path

    from advisor.atomic import deferred_signals, locked_temp, temp_prefix
    from advisor.atomic import target as replaced

    given = Path(path)
    try:
        folder = given.is_dir()
    except OSError as exc:  # a name longer than the system takes ('File name too long')
        return f"not a usable file name: {exc.strerror or exc}"
    if folder:
        return f"is a folder; give a file name such as {given / example}"
    if path.endswith(("/", os.sep)) or (os.altsep and path.endswith(os.altsep)):
        return f"ends in '{path[-1]}', so it names a folder; give a file name such as {given / example}"
    if os.path.basename(path) in (".", ".."):  # 'notes.txt/.': the path ignores the '.', and wrote notes.txt
        end = path[-3:] if path.endswith("..") else path[-2:]
        return f"ends in '{end}', so it names a folder; give a file name such as {given / example}"
    try:
        real = replaced(given)  # a link's target; a device or a loop of links refused
    except OSError as exc:
        return str(exc.strerror or exc)
    if (problem := folder_problem(real.parent)) is not None:
        return problem if real == given else f"is a link to {real}, and {problem}"
    try:  # a file can be made there (a read-only folder refuses it): one of the file's own temporaries, so one
        # left by a kill right here is removed by the write that follows, as a killed save's would be
        with deferred_signals():  # made and removed, or not made (Ctrl-C waits the few microseconds)
            fd, probe = locked_temp(real.parent if str(real.parent) else Path("."), temp_prefix(real.name))
            with contextlib.suppress(OSError):
                os.unlink(probe)
            os.close(fd)
    except OSError as exc:  # the path as given: a link to a pipe (/dev/stdout) is said to be one
        return f"cannot be written: {write_problem(exc, given)}"
    return None


def shown_output(path) -> str:
    """An output file as a message names it: '-' is standard output."""
    from advisor.io_errors import no_surrogates
    from advisor.tabular import STDOUT

    return "standard output" if str(path) == STDOUT else no_surrogates(str(path))


def wrote(path, detail: str = "") -> None:
    """Say what was written, unless it went to standard output (the line would join the data)."""
    from advisor.tabular import STDOUT

    if str(path) != STDOUT:
        print(f"wrote {named(path)}{detail}")


def named(path) -> str:
    """A file the command wrote, for a line of standard output: on one line (a line break in the name as '?'),
    an undecodable byte as U+FFFD, as error messages show it."""
    from advisor.io_errors import no_surrogates

    return one_line(no_surrogates(str(path)))


def refuse_terminal(what: str, option: str = "-o") -> None:
    """`-o -` names standard output; a binary file (a PDF) would print as garbage on a terminal: refused there,
    before any work."""
    if sys.stdout.isatty():
        raise UsageError(f"{option} -: {what} is binary and cannot be shown in a terminal; redirect standard output "
                         "to a file (> out.pdf) or give a file name")
