"""What an explanation is: a computed figure as its formula with the actual inputs, the result and the sources it
rests on. Plain data, so the app, the PDF and the command line render the same words."""

from __future__ import annotations

import math
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Quantity:
    """A figure with its unit, and the text it is printed as (through `advisor.numbers`)."""

    value: float
    unit: str
    text: str

    def to_json(self) -> dict:
        return {"value": self.value, "unit": self.unit, "text": self.text}


@dataclass(frozen=True)
class Explanation:
    """How one number was computed.

    `lines` read top to bottom, each a formula with its numbers substituted; `terms` holds the inputs and
    intermediate figures at full precision (name -> value), so a program can redo the arithmetic; `sources` are the
    titles the convention comes from; `quotes` the source sentences themselves, where a rule applies one.
    """

    title: str
    lines: tuple[str, ...]
    result: Quantity
    terms: dict[str, float | int | str | bool] = field(default_factory=dict)
    sources: tuple[str, ...] = ()
    quotes: tuple[str, ...] = ()
    subject: str = ""  # the id of the link, site or finding explained ("" for a stand-alone calculation)
    figure: str = ""  # which figure: kbps, calls, erlangs, per_call_kbps, utilization, llq_share, ...

    def text(self, indent: str = "  ", shown=None) -> str:
        """The explanation as plain text: the title, the formula lines, the quoted sentences and the sources.
        `shown`: how each of them is written (the command line keeps each on one line, whatever names it holds)."""
        out = [self.title]
        out += [f"{indent}{line}" for line in self.lines]
        out += [f"{indent}{quote}" for quote in self.quotes]
        if self.sources:
            out.append(f"{indent}sources: {'; '.join(self.sources)}")
        return "\n".join(out if shown is None else map(shown, out))

    def to_json(self) -> dict:
        return {"title": self.title, "subject": self.subject, "figure": self.figure, "lines": list(self.lines),
                "result": self.result.to_json(), "terms": {k: _plain(v) for k, v in self.terms.items()},
                "sources": list(self.sources), "quotes": list(self.quotes)}


def _plain(value: float | int | str | bool) -> float | int | str | bool | None:
    """JSON has no infinity or NaN: those become null."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def unique(items) -> tuple[str, ...]:
    """Items in first-seen order, without repeats or empties."""
    return tuple(dict.fromkeys(x for x in items if x))
