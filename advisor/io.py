"""Load and save design files: JSON with a schema version, migrations, atomic saves with a backup.

A PDF written by `advisor report` carries its design as an attachment; `load` opens those too.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from pydantic import ValidationError

from advisor.model import SCHEMA_VERSION, Design
from advisor.validation import describe

MAX_FILE_BYTES = 200 * 1024 * 1024


class DesignFileError(Exception):
    """A design file that cannot be read; the message is for the user and names the file and the problem."""


def _migrate_0_to_1(data: dict) -> dict:
    """Version 0 (pre-release drafts) called the CUCM fields `publisher`/`subscribers`."""
    for site in data.get("sites", []) or []:
        if isinstance(site, dict):
            if "publisher" in site:
                site["cucm_publisher"] = site.pop("publisher")
            if "subscribers" in site:
                site["cucm_subscribers"] = site.pop("subscribers")
    return data


# MIGRATIONS[n] upgrades a version-n document to version n+1.
MIGRATIONS: dict[int, Callable[[dict], dict]] = {0: _migrate_0_to_1}


def migrate(data: dict) -> dict:
    version = data.get("schema_version", 0)
    if not isinstance(version, int) or isinstance(version, bool) or version < 0:
        raise DesignFileError(f"schema_version: must be a whole number ≥ 0, not {version!r}")
    if version > SCHEMA_VERSION:
        raise DesignFileError(
            f"this design was saved with schema version {version}, newer than this advisor understands "
            f"({SCHEMA_VERSION}); update UC Design Advisor to open it")
    while version < SCHEMA_VERSION:
        data = MIGRATIONS[version](data)
        version += 1
        data["schema_version"] = version
    return data


def parse(text: str | bytes, source: str = "design") -> Design:
    """Validate a JSON document (text) into a Design, migrating older versions."""
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        where = f" at line {exc.lineno}, column {exc.colno}" if isinstance(exc, json.JSONDecodeError) else ""
        raise DesignFileError(f"{source}: not valid JSON{where}: {getattr(exc, 'msg', exc)}") from None
    except RecursionError:
        raise DesignFileError(f"{source}: the JSON is nested too deeply") from None
    if not isinstance(data, dict):
        raise DesignFileError(f"{source}: a design file must hold a JSON object, not {type(data).__name__}")
    try:
        data = migrate(data)
    except DesignFileError as exc:
        raise DesignFileError(f"{source}: {exc}") from None
    try:
        return Design.model_validate(data)
    except ValidationError as exc:
        lines = describe(exc, data)
        more = f"\n  … and {len(lines) - 20} more" if len(lines) > 20 else ""
        raise DesignFileError(f"{source}: invalid design:\n  " + "\n  ".join(lines[:20]) + more) from None
    except RecursionError:
        raise DesignFileError(f"{source}: the design is nested too deeply") from None


def load(path: str | os.PathLike) -> Design:
    """Read a design from a .json file or from a PDF made by `advisor report`."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise DesignFileError(f"{path}: {size / 1e6:.0f} MB is too large for a design file")
        raw = path.read_bytes()
    except DesignFileError:
        raise
    except IsADirectoryError:
        raise DesignFileError(f"{path}: is a folder, not a design file") from None
    except OSError as exc:
        raise DesignFileError(f"{path}: cannot be read: {exc.strerror or exc}") from None
    if raw.startswith(b"%PDF"):
        from advisor.report.embed import extract_design  # only for PDFs

        text = extract_design(raw)
        if text is None:
            raise DesignFileError(f"{path}: this PDF carries no design (only PDFs made by advisor do)")
        return parse(text, str(path))
    return parse(raw, str(path))


def dumps(design: Design) -> str:
    return design.model_dump_json(indent=2, exclude_defaults=False) + "\n"


def save(design: Design, path: str | os.PathLike, *, backup: bool = True) -> None:
    """Save a design atomically, keeping the previous file as FILE.bak."""
    write_atomic(path, dumps(design).encode("utf-8"), backup=backup)


def write_atomic(path: str | os.PathLike, data: bytes, *, backup: bool = False) -> None:
    """Temp file in the same folder, fsync, replace: readers see the old file or the whole new one, never half.

    With `backup`, the previous file is first copied to FILE.bak (copied, not moved: the file never disappears).
    """
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if backup and path.exists():
            try:
                shutil.copy2(path, path.with_name(path.name + ".bak"))
            except OSError:
                pass  # a missing backup must never stop the save itself
        os.replace(tmp, path)
        _fsync_dir(folder)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
