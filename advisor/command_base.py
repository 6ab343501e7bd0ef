"""What every edit shares: the error an edit raises, and building a model or the design again in the Inspector's words
(`advisor.commands`)."""

from __future__ import annotations

from pydantic import BaseModel, ValidationError

from advisor import command_words as cw
from advisor.model import Design
from advisor.validation import describe, format_path, problems

DESIGN_TARGETS = ("design", "design.voice", "design.vpn", "design.traffic")


class CommandError(ValueError):
    """An edit that cannot apply; the message names the item, the field and the problem in the Inspector's words:
    "Site 'Branch Nord': CUCM cluster may only use letters, digits, '.', '_' and '-' (1–64 characters)"."""


def validate(model: type[BaseModel], data: dict, where: str = "", design: Design | None = None) -> BaseModel:
    """``model`` built from ``data``; else CommandError. With ``design``, ``where`` is the command's target in it and
    the message names the item and its fields in words; without, ``where`` is a place in pasted data (nodes[0])."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        if design is not None:
            words = cw.item_words(design, where)
            raise CommandError("; ".join(cw.said(words, cw.field_title(model, loc), message)
                                         for loc, message in problems(exc))) from None
        lines = describe(exc)
        if where:  # "nodes[0].x: must be ≤ 1,000,000" for a field; "nodes[0]: phones in public areas ..." for an item
            lines = [f"{where}.{line}" if format_path(err.get("loc", ())) else f"{where}: {line}"
                     for err, line in zip(exc.errors(include_url=False), lines, strict=True)]
        raise CommandError("; ".join(lines)) from None


def rebuild(design: Design, **changes) -> Design:
    # dict(model) keeps nested models as instances, so unchanged parts are not re-validated.
    data = dict(design)
    data.update(changes)
    try:
        return Design.model_validate(data)
    except ValidationError as exc:
        raise CommandError("; ".join(cw.design_problems(design, data, exc))) from None


def plural(count: int, word: str) -> str:
    """ "1 item", "1,200 items": grouped as every count shown."""
    return f"{count:,} {word}" if count == 1 else f"{count:,} {word}s"
