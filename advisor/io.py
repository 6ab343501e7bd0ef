"""Load and save design files: JSON with a schema version, atomic saves with a backup.

A PDF written by `advisor report` carries its design as an attachment; `load` opens those too.

This module reads a file (`read_file`, `load`), parses it (`parse`: the limits, then the fast path or the
checked one) and saves it (`save`, `write_atomic`). Its parts live beside it and are re-exported from here,
where callers import them from: the errors, and how values and paths are shown in their messages, in
`advisor.io_errors`; the text checks and the compiled-parser fast path in `advisor.io_text`; the migrations
of older schema versions in `advisor.io_migrate`.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import re
import shutil
import stat
from pathlib import Path

from pydantic import ValidationError

from advisor import atomic, json_bounds
from advisor.atomic import remove_stale_temps
from advisor.io_errors import MAX_MESSAGE_VALUE, MAX_SHOWN_PATH, BackupError, DesignFileError, _shown, short
from advisor.io_migrate import MIGRATIONS, migrate, old_names
from advisor.io_text import (
    _SURROGATE_HINT,
    MAX_INT_DIGITS,
    _decode,
    _fast,
    bad_text,
    load_problem,
    loads_once,
    too_deep,
)
from advisor.json_words import json_kind
from advisor.model import Design
from advisor.validation import describe, format_path

MAX_FILE_BYTES = 64 * 1024 * 1024  # a 20,000-site design (the most the model takes) is about 35 MB
# How a design is opened to be read: never waiting (a file the system calls regular whose read waits, /proc/kmsg),
# never taking a terminal; the file watch reads the same way (advisor.ui.file_watch)
READ_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOCTTY", 0)
MAX_CONTAINERS = json_bounds.MAX_CONTAINERS  # JSON objects and lists in one file
MAX_PDF_ATTACHMENTS = 16  # "/EmbeddedFile" in a PDF: advisor's own name it twice (the name tree and the file)
CLASS_FILE_FORMAT = "uc-design-advisor-class"  # the "format" of the app's class files (a design and a quiz's settings)


__all__ = ["MAX_CONTAINERS", "MAX_FILE_BYTES", "MAX_INT_DIGITS", "MAX_MESSAGE_VALUE", "MAX_PDF_ATTACHMENTS",
           "MAX_SHOWN_PATH", "MIGRATIONS", "BackupError", "DesignFileError", "dumps", "load", "migrate",
           "parse", "read_file", "remove_stale_temps", "save", "short", "write_atomic"]


def parse(text: str | bytes, source: str = "design") -> Design:
    """Validate a JSON document (text) into a Design, migrating older versions.

    Raises DesignFileError, and nothing else, for any content: its message names the source and the problem.

    A current-version document that passes the cheap checks is validated straight from its UTF-8 bytes in
    pydantic's compiled parser (`_fast`, in `advisor.io_text`); anything else, and every document that fails
    there, takes the checked path (`_checked`), so each problem gets the same message either way.
    """
    if isinstance(text, (bytes, bytearray)):
        raw = text
        text = _decode(text, source)
        if json.detect_encoding(raw) != "utf-8":
            raw = None  # UTF-16/32 or a byte-order mark: the compiled parser takes plain UTF-8 only
    else:
        raw = None
    if len(text) > MAX_FILE_BYTES:
        shown, most = megabytes(len(text), MAX_FILE_BYTES)
        raise DesignFileError(f"{source}: {shown} of text is too large for a design (at most {most})")
    values = json_bounds.values_over_limit(text)
    if values is not None:
        raise DesignFileError(f"{source}: holds {values:,} JSON values, far more than any design (at most "
                              f"{json_bounds.MAX_VALUES:,})")
    design = _fast(text, raw) if json_bounds.compiled_parse_safe(text) else None
    return design if design is not None else _checked(text, source)


def _checked(text: str, source: str) -> Design:
    """The container limit, json.loads, the digit limit, a field named twice in one object, lone surrogates,
    migrations, then validation, each with its own message. (No valid design comes near the container limit, so a
    file over it has failed `_fast`'s validation and is refused here, before json.loads builds its objects.)"""
    if json_bounds.containers_over_limit(text):
        raise DesignFileError(f"{source}: holds more than {MAX_CONTAINERS:,} JSON objects and lists, far more than "
                              "any design")
    try:
        data, twice = loads_once(text)
    except RecursionError:
        raise DesignFileError(f"{source}: {too_deep(text)}") from None
    except (ValueError, MemoryError) as exc:  # a JSONDecodeError is a ValueError
        raise DesignFileError(f"{source}: {load_problem(text, exc)}") from None
    if not isinstance(data, dict):
        raise DesignFileError(f"{source}: a design file must hold a JSON object, not {json_kind(data)}")
    if data.get("format") == CLASS_FILE_FORMAT:  # File ▸ Open, a drop or `advisor check` given a quiz's file
        raise DesignFileError(f"{source}: this is a class file (a design with a quiz's settings), not a design file: "
                              "open it in the app with Classroom ▸ Open Class File…")
    if twice:  # json.loads kept the value given last, in silence: the one edited may be the other
        raise DesignFileError(f"{source}: invalid design: {twice}")
    too_long = json_bounds.list_over_limit(data)
    if too_long:  # refused before its items are validated: millions of items were millions of problems
        raise DesignFileError(f"{source}: invalid design: {too_long}")
    if (crowded := json_bounds.crowded_object(data)) is not None:  # likewise millions of unknown fields
        where = short(format_path(crowded[0]), MAX_MESSAGE_VALUE) if crowded[0] else "the design"
        raise DesignFileError(f"{source}: invalid design: {where}: holds {crowded[1]:,} fields, far more than any "
                              f"part of a design (at most {json_bounds.MAX_FIELDS:,})")
    if _SURROGATE_HINT.search(text):
        problem = bad_text(data)
        if problem:
            raise DesignFileError(f"{source}: {problem}")
    renamed = old_names(data)
    try:
        data = migrate(data)
    except DesignFileError as exc:
        raise DesignFileError(f"{source}: {exc}") from None
    try:
        return Design.model_validate(data)
    except ValidationError as exc:
        lines = describe(exc, data)
        if renamed:  # a field a migration renamed, by the name the file gives it
            lines = [next((line.replace(new, old, 1) for new, old in renamed.items() if line.startswith(new + ":")),
                          line) for line in lines]
        if len(lines) == 1:  # one problem, one line
            raise DesignFileError(f"{source}: invalid design: {lines[0]}") from None
        more = f"\n  … and {len(lines) - 20} more" if len(lines) > 20 else ""
        raise DesignFileError(f"{source}: invalid design, {len(lines):,} problems:\n  " + "\n  ".join(lines[:20])
                              + more) from None
    except RecursionError:
        raise DesignFileError(f"{source}: the design is nested too deeply") from None


def read_file(path: str | os.PathLike, limit: int = MAX_FILE_BYTES, what: str = "design file",
              error: type[Exception] = DesignFileError) -> bytes:
    """The bytes of a regular file of at most `limit` bytes, or `error` naming the file and `what` it should be.

    Only regular files: a FIFO, a device (/dev/zero) or a socket is refused before it is read, and the file is
    opened without blocking, so a FIFO swapped in after the check cannot hang the read either. The size is
    checked while reading, not taken from the file system's word. Shared by design files and site lists
    (`advisor.importer`).
    """
    given = os.fspath(path)
    if not given:  # Path("") is "." (the current folder): say what is wrong instead
        raise error(f"no file name given: name a {what}")
    name = _shown(path)
    if ("\x00" if isinstance(given, str) else b"\x00") in given:  # Save's words (advisor.atomic), not Python's
        raise error(f"{name}: cannot be read: the file name contains a NUL character; choose another file")
    not_regular = f"{name}: is not a regular file (a device, pipe or socket); open a {what} saved on disk"
    try:
        st = os.stat(path)
        if stat.S_ISDIR(st.st_mode):
            raise error(f"{name}: is a folder, not a {what}")
        if not stat.S_ISREG(st.st_mode):
            raise error(not_regular)
        if st.st_size > limit:
            shown, most = megabytes(st.st_size, limit)
            raise error(f"{name}: {shown} is too large for a {what} (at most {most})")
        fd = os.open(path, READ_FLAGS)
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise error(not_regular)
            chunks, total = [], 0
            while total <= limit:
                chunk = os.read(fd, min(1 << 20, limit + 1 - total))
                if not chunk:
                    break
                chunks.append(chunk)
                total += len(chunk)
        finally:
            os.close(fd)
    except error:
        raise
    except IsADirectoryError:
        raise error(f"{name}: is a folder, not a {what}") from None
    except OSError as exc:
        raise error(f"{name}: cannot be read: {exc.strerror or exc}") from None
    except ValueError as exc:  # e.g. a name the system cannot encode
        raise error(f"{name}: cannot be read: {exc}") from None
    if total > limit:
        raise error(f"{name}: more than {limit // 2**20} MB is too large for a {what}")
    return b"".join(chunks)


def megabytes(size: int, limit: int) -> tuple[str, str]:
    """(`size`, `limit`) in MB of 2^20 bytes, as the limits are set and as file managers round them ("210 MB",
    "64 MB"); with as many decimals as a size just over the limit needs to read above it ("64.01 MB" beside
    "64.00 MB"). The size was given in MB of 10^6 bytes beside a limit in MB of 2^20: 68 MB read as too large for
    64 MB."""
    shown = (f"{size / 2**20:,.0f} MB", f"{limit / 2**20:,.0f} MB")
    if shown[0] != shown[1] or size <= limit:
        return shown
    for places in range(1, 4):  # the size rounded up, the limit down, to the first place where they part
        scale = 10**places / 2**20
        shown = (f"{math.ceil(size * scale) / 10**places:,.{places}f} MB",
                 f"{math.floor(limit * scale) / 10**places:,.{places}f} MB")
        if shown[0] != shown[1]:
            return shown
    return f"{size:,} bytes", f"{limit:,} bytes"


_DAMAGED_PDF = "this PDF is damaged where the design is attached; open the design file it was made from"


def load(path: str | os.PathLike) -> Design:
    """Read a design from a .json file or from a PDF made by `advisor report`."""
    raw = read_file(path)  # before Path(): Path("") would read as the current folder
    path = Path(path)
    name = _shown(path)
    if raw.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        raise DesignFileError(f"{name}: a zip file such as an XLSX workbook, not a design file; a site list in a "
                              "workbook is imported instead")
    if raw.startswith(b"%PDF"):
        from advisor.report.embed import EmbeddedDesignTooLarge, extract_design, names_design  # only for PDFs

        named = raw.count(b"/EmbeddedFile")
        if named > MAX_PDF_ATTACHMENTS:  # each one is looked for through the rest of the file: refused at once
            raise DesignFileError(f"{name}: this PDF carries no design (only PDFs made by advisor do, naming one "
                                  f"attachment; this one names {named:,})")

        try:
            text = extract_design(raw, max_bytes=MAX_FILE_BYTES)
        except EmbeddedDesignTooLarge:
            raise DesignFileError(f"{name}: the design inside this PDF is larger than "
                                  f"{MAX_FILE_BYTES // 2**20} MB once unpacked; it is refused") from None
        except (ValueError, OverflowError, MemoryError, RecursionError):  # e.g. a /Length of 5,000 digits
            raise DesignFileError(f"{name}: {_DAMAGED_PDF}") from None
        if text is None and names_design(raw):  # ours, but the attachment no longer reads (a copy cut short)
            raise DesignFileError(f"{name}: {_DAMAGED_PDF}")
        if text is None and b"%%EOF" not in raw[-1024:]:  # cut before the part that names the attachment
            raise DesignFileError(f"{name}: this PDF is cut short (it stops before its end: a copy that stopped "
                                  "early?); open the design file it was made from")
        if text is None and re.search(rb"/Title \((Exercise sheet|Answer key), set -?\d+\)", raw):
            # `advisor exercises` makes it: "carries no design (only PDFs made by advisor do)" read as wrong
            raise DesignFileError(f"{name}: an exercise sheet or answer key made by advisor, which carries no design; "
                                  "open a design document made by advisor report, or the design file")
        if text is None:
            raise DesignFileError(f"{name}: this PDF carries no design (only PDFs made by advisor do)")
        return parse(text, name)
    try:
        return parse(raw, name)
    except DesignFileError as exc:  # a '.pdf' that is no PDF said only "not valid JSON at line 1, column 1"
        said = str(exc)
        if path.suffix.lower() != ".pdf":
            raise
        if said.startswith(f"{name}: the file is empty"):  # "not valid JSON" said nothing of the PDF it was to be
            raise DesignFileError(f"{name}: the file is empty: not a PDF, nor a design file") from None
        if not said.startswith(f"{name}: not valid JSON at "):
            raise
        raise DesignFileError(f"{name}: not a PDF (a PDF starts with '%PDF'; this file does not), nor a design file "
                              f"({said[len(name) + 2:]})") from None


def dumps(design: Design) -> str:
    return design.model_dump_json(indent=2, exclude_defaults=False) + "\n"


def save(design: Design, path: str | os.PathLike, *, backup: bool = True) -> None:
    """Save a design atomically, keeping the previous file as FILE.bak.

    Raises OSError when the file cannot be written (the previous file is then untouched), DesignFileError when the
    design cannot be turned into UTF-8 JSON, and BackupError (a DesignFileError) when the design WAS saved but
    FILE.bak could not be: see `write_atomic`.
    """
    try:
        data = dumps(design).encode("utf-8")
    except (ValueError, UnicodeError) as exc:  # pydantic's serialization errors are ValueErrors
        raise DesignFileError(f"{_shown(path)}: the design cannot be written as UTF-8 JSON: {short(str(exc))}") \
            from None
    write_atomic(path, data, backup=backup)


def write_atomic(path: str | os.PathLike, data: bytes, *, backup: bool = False, sync_folder: bool = True) -> None:
    """Temp file in the same folder, fsync, replace: readers see the old file or the whole new one, never half.

    A symbolic link is followed (the file it points to is replaced, the link stays); a folder or a device in the
    way is refused with OSError. With `backup`, the previous file is first copied to FILE.bak, itself atomically
    (a temporary copy, fsync, replace), so a kill at any moment leaves the old or the new FILE and a whole
    FILE.bak (the previous one or the new one). Temporaries that killed saves of this file left are removed
    first, at once (`advisor.atomic.remove_stale_temps`).

    A backup that cannot be written does not stop the save: the user's current work matters more than the
    previous version. The new file is still written, and then BackupError is raised so that the caller tells the
    user that FILE.bak does not hold the previous version; the previous FILE.bak, if any, is left as it was.

    `sync_folder=False` leaves the folder's own flush to the caller, who writes many files into it and flushes it
    once at the end (`advisor.atomic.fsync_dir`): each file is still flushed before it replaces the old one.
    """
    backup_problem, kept, tmp, made = None, None, None, False
    try:
        with atomic.deferred_signals():  # made and recorded here, or not at all
            path, folder, fd, tmp = temporary(path)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
            if backup:
                fresh = not os.path.lexists(_backup_path(path))
                backup_problem, kept = _write_backup(path, folder)
                made = fresh and backup_problem is None  # a FILE.bak this save made, where there was none
            atomic.replace_locked(tmp, path)
        atomic.replace_unlocked(tmp, path)
        if sync_folder:
            atomic.fsync_dir(folder)
    except BaseException:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        if kept is not None:  # the file was not replaced: its older backup goes back in FILE.bak's place
            atomic.put_back(kept, _backup_path(path))
        elif made:  # nor a copy of a file that never changed left as FILE.bak
            with contextlib.suppress(OSError):
                os.unlink(_backup_path(path))
        raise
    finally:
        if kept is not None:
            atomic.release(kept)
    if backup_problem:
        raise BackupError(f"{_shown(path)}: saved, but the previous version could not be kept as "
                          f"{_shown(path.name)}.bak: {backup_problem}")


def temporary(path: str | os.PathLike) -> tuple[Path, Path, int, str]:
    """(the file a save of `path` replaces, its folder, the descriptor and name of a new locked temporary beside it
    with the file's permissions), once the temporaries killed saves of it left are removed."""
    target = atomic.target(Path(path))
    folder = target.parent if str(target.parent) else Path(".")
    remove_stale_temps(target)
    mode = atomic.new_file_mode(target)
    fd, tmp = atomic.locked_temp(folder, atomic.temp_prefix(target.name))
    with contextlib.suppress(OSError, AttributeError):  # no fchmod (Windows), a file system without modes
        os.fchmod(fd, mode)
    return target, folder, fd, tmp


def write_temporaries(items: list[tuple[Path, bytes]], held: list[tuple[int, str, Path]]) -> None:
    """Each file's new bytes into a locked temporary beside it, recorded in `held` as (descriptor, temporary, file it
    replaces) as each is made, so the caller removes them all if a later one fails. Made and recorded together, or
    not at all: Ctrl-C waits for the lot, a few milliseconds (holding it costs ~20 µs, once rather than per file)."""
    with atomic.deferred_signals():
        for path, data in items:
            target, _folder, fd, tmp = temporary(path)
            held.append((fd, tmp, target))
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]


def write_atomic_many(items: list[tuple[Path, bytes]], *, batch: int = 128) -> None:
    """`write_atomic` (without backups, the folders' own flush left to the caller) for many files: each still
    replaces its old file only once its new content is on disk, but the flushes come in batches. A batch's
    temporaries are written, one flush of the system (`os.sync`) puts them all on disk, then each replaces its
    file: a flush per file took ~3.4 ms here, 34 s for 10,000 configuration sketches. Where there is no `os.sync`
    (Windows) each file is written by `write_atomic`. Files replaced before an error stay replaced; the batch's
    other temporaries are removed."""
    if not hasattr(os, "sync"):
        for path, data in items:
            write_atomic(path, data, sync_folder=False)
        return
    for start in range(0, len(items), batch):
        held: list[tuple[int, str, Path]] = []  # (descriptor, temporary, file it replaces), locked while held
        try:
            write_temporaries(items[start:start + batch], held)
            os.sync()
            with atomic.deferred_signals():  # the batch's files replaced together
                for _fd, tmp, target in held:
                    atomic.replace_locked(tmp, target)
        except BaseException:
            for _fd, tmp, _target in held:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)  # (one already in its file's place is gone under this name)
            raise
        finally:
            for fd, _tmp, _target in held:
                os.close(fd)


def _backup_path(path: Path) -> Path:
    return path.with_name(path.name + ".bak")


def _write_backup(path: Path, folder: Path) -> tuple[str | None, tuple[int, str] | None]:
    """Copy the current FILE to FILE.bak atomically: (the reason it failed, or None, also when there is no FILE;
    a second, locked name of the FILE.bak it replaced, or None), so that a save that then fails can put the older
    backup back (`atomic.put_back`) rather than leave FILE.bak a copy of a FILE that never changed."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return None, None  # nothing to keep (and a FIFO must not be read)
    except FileNotFoundError:
        return None, None
    except OSError as exc:
        return exc.strerror or str(exc), None
    bak = _backup_path(path)
    if os.path.isdir(bak) and not os.path.islink(bak):  # said as such: not "Is a directory (… still holds …)"
        return "it is a folder", None
    older = os.path.isfile(bak)  # an older backup to keep (a file, or a link to one)
    if len(atomic.encoded_name(bak.name)) > atomic.NAME_MAX_BYTES:
        return f"the file name is too long to add '.bak' to it{_still(older, path)}", None
    tmp = kept = None
    try:
        with atomic.deferred_signals():  # made and recorded, or not at all
            fd, tmp = atomic.locked_temp(folder, atomic.temp_prefix(path.name, True))
            kept = atomic.linked_temp(bak, folder, atomic.temp_prefix(path.name, True)) if older else None
        with os.fdopen(fd, "wb") as dst:
            with open(path, "rb") as src:
                shutil.copyfileobj(src, dst, 1 << 20)
            dst.flush()
            os.fsync(dst.fileno())
            with contextlib.suppress(OSError):
                shutil.copystat(path, tmp)  # the backup keeps the previous version's time stamp
            atomic.replace_locked(tmp, bak)
        atomic.replace_unlocked(tmp, bak)
    except BaseException as exc:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        if kept is not None:
            atomic.release(kept)  # FILE.bak was not replaced: it still is the older backup
        if isinstance(exc, OSError):
            return (exc.strerror or str(exc)) + _still(older, path), None
        raise
    return None, kept


def _still(older: bool, path: Path) -> str:
    """What FILE.bak holds when a new backup could not be made."""
    return f" ({_shown(path.name)}.bak still holds an older version)" if older else ""
