"""Class files: a design with the quiz an instructor set on it (what is hidden, the tolerances), as one JSON file
to share with students. Written atomically (`advisor.io.write_atomic`); read with messages that name the file and
the field, never a traceback. The design inside is read by `advisor.io.parse`, migrations included."""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import Field, ValidationError

from advisor import io, json_bounds
from advisor.io_text import _decode, bad_text, load_problem
from advisor.json_words import json_kind
from advisor.model import Design
from advisor.ui.classroom.quiz import Hidden, QuizSettings, StrictModel, Tolerances
from advisor.validation import describe

FORMAT = io.CLASS_FILE_FORMAT
VERSION = 1
SUFFIX = ".class.json"
FILE_FILTER = "Class files (*.class.json *.json);;All files (*)"
MAX_LISTED = 6  # problems named in one message; a file of 3,000 unknown fields would make a line of kilobytes


class ClassFileError(ValueError):
    """A class file that cannot be read or written; the message names the file and the problem."""


class _Header(StrictModel):
    """Everything in a class file but the design."""

    format: Literal["uc-design-advisor-class"]  # noqa: A003 - the file's own key
    version: Literal[1]
    title: str = Field("", max_length=200)
    hidden: Hidden = Hidden()
    tolerances: Tolerances = Tolerances()
    findings_question: Literal["counts", "codes", "both"] = "both"


@dataclass(frozen=True)
class ClassFile:
    design: Design
    quiz: QuizSettings


def dumps(class_file: ClassFile) -> str:
    quiz = class_file.quiz
    header = _Header(format=FORMAT, version=VERSION, title=quiz.title, hidden=quiz.hidden,
                     tolerances=quiz.tolerances, findings_question=quiz.findings_question)
    data = header.model_dump(mode="json") | {"design": json.loads(io.dumps(class_file.design))}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def save(class_file: ClassFile, path: str | os.PathLike) -> None:
    """Write atomically: a reader sees the old file or the whole new one. OSError when it cannot be written,
    ClassFileError when the quiz cannot be written as UTF-8 JSON or the name cannot be a file's name here."""
    try:
        data = dumps(class_file).encode("utf-8")
    except (ValueError, UnicodeError) as exc:
        raise ClassFileError(f"{shown(Path(path).name)}: cannot be written as UTF-8 JSON: {io.short(str(exc))}") \
            from None
    try:
        io.write_atomic(path, data)
    except ValueError:  # a name this system cannot encode (a lone surrogate): os.open raises UnicodeEncodeError
        raise ClassFileError(f"{shown(path)}: cannot be written: the file name holds characters this system cannot "
                             "use; choose another file name") from None


def load(path: str | os.PathLike) -> ClassFile:
    """Read a class file; ClassFileError (with the file's name and what is wrong) for anything else."""
    raw = io.read_file(path, what="class file", error=ClassFileError)
    return parse(raw, shown(Path(path).name))


def shown(path: str | os.PathLike) -> str:
    """A file's name or path for a message: bytes that are not UTF-8 as replacement characters (Qt would drop
    them), a line break as its escape, a very long one cut."""
    text = os.fspath(path)
    with contextlib.suppress(UnicodeError, ValueError):  # a lone surrogate no file name holds: short() escapes it
        text = os.fsencode(text).decode("utf-8", "replace")
    return io.short(text, 200)


def parse(raw: bytes | str, name: str = "class file") -> ClassFile:
    """The class file in `raw` (its bytes: UTF-8, or UTF-16/32 with a byte-order mark, as a design's), or
    ClassFileError naming `name`, the field and the problem. The design inside is read as a design file is."""
    # strict, as a design's (json.loads would let the UTF-8 bytes of a lone surrogate through)
    text = _decode(raw, name, ClassFileError, "class file") if isinstance(raw, (bytes, bytearray)) else raw
    # as for a design (advisor.io): a file of millions of brackets is refused before json.loads builds them all
    # (60 MB of them took 10 s and 1.5 GB)
    if json_bounds.containers_over_limit(text):
        raise ClassFileError(f"{name}: holds more than {json_bounds.MAX_CONTAINERS:,} JSON objects and lists, far more "
                             "than any class file")
    values = json_bounds.values_over_limit(text)
    if values is not None:  # millions of short strings: gigabytes once parsed
        raise ClassFileError(f"{name}: holds {values:,} JSON values, far more than any class file (at most "
                             f"{json_bounds.MAX_VALUES:,})")
    data = _json(text, name)
    if not isinstance(data, dict):
        raise ClassFileError(f"{name}: a class file holds a JSON object, not {json_kind(data)}")
    if data.get("format") != FORMAT:
        if "sites" in data or "schema_version" in data:
            raise ClassFileError(f"{name}: this is a design, not a class file: open it with File ▸ Open, then "
                                 "start a quiz with Classroom ▸ Quiz Mode…")
        raise ClassFileError(f"{name}: not a class file (its \"format\" should be \"{FORMAT}\")")
    if "version" in data:
        _check_version(data["version"], name)
    if "design" not in data:
        raise ClassFileError(f"{name}: holds no design (the \"design\" field is missing)")
    header_data = {k: v for k, v in data.items() if k != "design"}
    problem = bad_text(header_data, finite=True)
    if problem:
        raise ClassFileError(f"{name}: {problem}")
    try:
        header = _Header.model_validate(header_data)
    except ValidationError as exc:
        lines = describe(exc, header_data)
        more = f"; … and {len(lines) - MAX_LISTED:,} more" if len(lines) > MAX_LISTED else ""
        raise ClassFileError(f"{name}: " + "; ".join(lines[:MAX_LISTED]) + more) from None
    if not isinstance(data["design"], dict):
        raise ClassFileError(f"{name}: \"design\" should be a design object, not {json_kind(data['design'])}")
    try:
        design = io.parse(json.dumps(data["design"], ensure_ascii=False), f"{name}, its design")
    except io.DesignFileError as exc:
        raise ClassFileError(str(exc)) from None
    quiz = QuizSettings(title=header.title, hidden=header.hidden, tolerances=header.tolerances,
                        findings_question=header.findings_question)
    return ClassFile(design, quiz)


def _json(text: str, name: str) -> object:
    if not text.strip():
        raise ClassFileError(f"{name}: the file is empty (not valid JSON: a class file holds one JSON object)")
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data":  # json_problem's words are a design's
            where = f"not valid JSON at line {exc.lineno:,}, column {exc.colno:,}"
            raise ClassFileError(f"{name}: {where}: there is more text after the end of the class file") from None
        raise ClassFileError(f"{name}: {load_problem(text, exc)}") from None
    except (ValueError, RecursionError, MemoryError) as exc:
        raise ClassFileError(f"{name}: {load_problem(text, exc)}") from None


def _check_version(version: object, name: str) -> None:
    """Version 1, the one this advisor writes; a newer one asks for a newer advisor, anything else is named."""
    whole = isinstance(version, int) and not isinstance(version, bool) or (
        isinstance(version, float) and version.is_integer())
    if whole and version == VERSION:
        return
    if whole and version > VERSION:
        raise ClassFileError(f"{name}: this class file was saved with version {io.short(version)}, newer than this "
                             f"advisor understands ({VERSION}); update UC Design Advisor to open it")
    raise ClassFileError(f"{name}: version: must be {VERSION}, the class file version this advisor reads, not "
                         f"{io.short(json.dumps(version, ensure_ascii=False))}")


def default_name(design: Design) -> str:
    """A file name from the design's name: 'HQ + 12 branches' -> 'HQ-12-branches.class.json'."""
    stem = "-".join("".join(ch if ch.isalnum() else " " for ch in design.name).split()) or "class"
    return stem[:60] + SUFFIX
