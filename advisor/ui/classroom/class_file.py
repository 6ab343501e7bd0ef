"""Class files: a design with the quiz an instructor set on it (what is hidden, the tolerances), as one JSON file
to share with students. Written atomically (`advisor.io.write_atomic`); read with messages that name the file and
the field, never a traceback. The design inside is read by `advisor.io.parse`, migrations included."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import Field, ValidationError

from advisor import io, json_bounds
from advisor.json_words import json_kind
from advisor.model import Design
from advisor.ui.classroom.quiz import Hidden, QuizSettings, StrictModel, Tolerances
from advisor.validation import describe

FORMAT = "uc-design-advisor-class"
VERSION = 1
SUFFIX = ".class.json"
FILE_FILTER = "Class files (*.class.json *.json);;All files (*)"


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
    """Write atomically: a reader sees the old file or the whole new one. OSError when it cannot be written."""
    try:
        data = dumps(class_file).encode("utf-8")
    except (ValueError, UnicodeError) as exc:
        raise ClassFileError(f"{Path(path).name}: cannot be written as UTF-8 JSON: {io.short(str(exc))}") from None
    io.write_atomic(path, data)


def load(path: str | os.PathLike) -> ClassFile:
    """Read a class file; ClassFileError (with the file's name and what is wrong) for anything else."""
    name = Path(path).name
    try:
        raw = io.read_file(path)
    except io.DesignFileError as exc:
        raise ClassFileError(str(exc)) from None
    return parse(raw, name)


def parse(raw: bytes | str, name: str = "class file") -> ClassFile:
    # as for a design (advisor.io): a file of millions of brackets is refused before json.loads builds them all
    # (60 MB of them took 10 s and 1.5 GB)
    if json_bounds.containers_over_limit(raw):
        raise ClassFileError(f"{name}: holds more than {json_bounds.MAX_CONTAINERS:,} JSON objects and lists, far more than "
                             "any class file")
    values = json_bounds.values_over_limit(raw)
    if values is not None:  # millions of short strings: gigabytes once parsed
        raise ClassFileError(f"{name}: holds {values:,} JSON values, far more than any class file (at most "
                             f"{json_bounds.MAX_VALUES:,})")
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise ClassFileError(f"{name}: not valid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}") from None
    except RecursionError:
        raise ClassFileError(f"{name}: the JSON is nested too deeply") from None
    except ValueError as exc:
        raise ClassFileError(f"{name}: cannot be read as JSON: {io.short(str(exc))}") from None
    if not isinstance(data, dict):
        raise ClassFileError(f"{name}: a class file holds a JSON object, not {json_kind(data)}")
    if data.get("format") != FORMAT:
        if "sites" in data or "schema_version" in data:
            raise ClassFileError(f"{name}: this is a design, not a class file: open it with File ▸ Open, then "
                                 "start a quiz with Classroom ▸ Quiz mode…")
        raise ClassFileError(f"{name}: not a class file (its \"format\" should be \"{FORMAT}\")")
    if "design" not in data:
        raise ClassFileError(f"{name}: holds no design (the \"design\" field is missing)")
    header_data = {k: v for k, v in data.items() if k != "design"}
    try:
        header = _Header.model_validate(header_data)
    except ValidationError as exc:
        raise ClassFileError(f"{name}: " + "; ".join(describe(exc, header_data)[:6])) from None
    if not isinstance(data["design"], dict):
        raise ClassFileError(f"{name}: \"design\" should be a design object")
    try:
        design = io.parse(json.dumps(data["design"], ensure_ascii=False), f"{name}, its design")
    except io.DesignFileError as exc:
        raise ClassFileError(str(exc)) from None
    quiz = QuizSettings(title=header.title, hidden=header.hidden, tolerances=header.tolerances,
                        findings_question=header.findings_question)
    return ClassFile(design, quiz)


def default_name(design: Design) -> str:
    """A file name from the design's name: 'HQ + 12 branches' -> 'HQ-12-branches.class.json'."""
    stem = "-".join("".join(ch if ch.isalnum() else " " for ch in design.name).split()) or "class"
    return stem[:60] + SUFFIX
