"""What the Inspector's editors are built from: one FieldSpec per scalar pydantic field, with its title, unit,
range and description (the tooltip), and the figures (decimals, steps) the editors show it with; a share the rest
of the app writes in percent is shown and typed in percent, while the design keeps the fraction."""

from __future__ import annotations

import math
import types
import typing
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

import annotated_types as at
from pydantic import BaseModel

from advisor import numbers
from advisor.validation import bound

EMPTY_TEXT = "(empty)"
# (decimals, single step) where the generic guess would be clumsy to edit, in the design's own figures (a share as
# a fraction: (2, 0.01) is a box of whole percents, a step of 1 %).
STEPS: dict[str, tuple[int, float]] = {
    "ptime_ms": (1, 10), "gos": (3, 0.005), "llq_share": (2, 0.01), "intra_site_share": (2, 0.05),
    "on_net_share": (2, 0.05), "pstn_share": (2, 0.05), "capacity_kbps": (0, 64), "rtt_ms": (1, 5),
    "holding_time_s": (0, 10), "calls_per_user": (1, 0.5), "x": (0, 10), "y": (0, 10),
    "signalling_bps_per_phone": (0, 10),
}
INT_LIMIT = 2**31 - 1
COMBO_CHARS = 12  # a list box's width, in characters, before the form widens it
MAX_DECIMALS = 9  # a box shows a file's figure with up to this many decimals (a gos of 0.000000001)
LINE_MAX_UNITS = 1_000_000  # a text box's cap, in UTF-16 units: far above any text a design holds
# Shares the links table, the plots, the findings and the PDF write in percent ("33 %", as Cisco's QoS design guide
# does): the Inspector shows and takes them in percent too, the file keeps the fraction. Name -> (what the field
# is, what 100 % is); the traffic defaults and a site's overrides of them alike.
PERCENT_SHARES: dict[str, tuple[str, str]] = {
    "llq_share": ("Max voice share of a link: voice above it in the priority queue (LLQ) is a warning; Cisco's QoS "
                  "design guidance keeps it at 33 % or less", "of the link's capacity"),
    "intra_site_share": ("Share of the busy-hour calls that stay within the site; the intra-site, on-net and PSTN "
                         "shares add up to 100 %", "of the busy-hour calls"),
    "on_net_share": ("Share of the busy-hour calls to phones at other sites; the three shares add up to 100 %",
                     "of the busy-hour calls"),
    "pstn_share": ("Share of the busy-hour calls to and from the PSTN; the three shares add up to 100 %",
                   "of the busy-hour calls"),
}
PERCENT_EXAMPLE = 0.5  # the fraction a tooltip's example converts where the field has no default (a site's override)


@dataclass
class FieldSpec:
    name: str
    title: str
    kind: str  # bool | choice | int | float | str
    optional: bool = False
    unit: str = ""
    description: str = ""
    choices: list[Any] = field(default_factory=list)
    minimum: float | None = None
    maximum: float | None = None
    exclusive_min: bool = False
    exclusive_max: bool = False
    percent: bool = False  # the design holds a fraction; the editor, its range and its tooltip are in percent
    example: str = ""  # a percent field's example, in the tooltip: "33 % is 0.33 in the design file"

    def shown(self, value: Any) -> Any:
        """A design value as the editor shows it: a percent field's fraction × 100, exact in decimal (0.07 → 7.0,
        never 7.000000000000001); any other value as it is."""
        return _scaled(value, 2) if self.percent else value

    def stored(self, figure: Any) -> Any:
        """A figure the editor shows as the design holds it: a percent field's figure ÷ 100, the fraction the user
        meant (33 → 0.33, never 0.33000000000000004: the file reads as if 0.33 had been typed)."""
        return _scaled(figure, -2) if self.percent else figure

    @property
    def empty_label(self) -> str:
        """What "empty" means for this field, from its description ("empty = one per user" -> "(one per user)")."""
        lowered = self.description.lower()
        if "empty = " in lowered:
            start = lowered.index("empty = ") + len("empty = ")
            meaning = self.description[start:].split(";")[0].split(". ")[0].rstrip(".")
            return f"({meaning})"
        return EMPTY_TEXT

    @property
    def range_text(self) -> str:
        """The field's bounds as the tooltip and a refusal say them: "≥ 1 % and ≤ 100 %" ("" without bounds)."""
        bounds = []  # written out and grouped as a refusal says them: "≤ 1,000,000,000", never "≤ 1e+09"
        sign = " %" if self.percent else ""  # "≥ 1 %": a bare "≥ 1" read as the fraction 1
        if self.minimum is not None:
            bounds.append(f"{'>' if self.exclusive_min else '≥'} {bound(self.minimum)}{sign}")
        if self.maximum is not None:
            bounds.append(f"{'<' if self.exclusive_max else '≤'} {bound(self.maximum)}{sign}")
        return " and ".join(bounds)

    @property
    def tooltip(self) -> str:
        parts = [self.description or self.title]
        if self.percent:
            parts.append(f"Unit: % {PERCENT_SHARES[self.name][1]}; {self.example}.")
        elif self.unit:
            parts.append(f"Unit: {self.unit}.")
        if self.range_text:
            parts.append(f"Range: {self.range_text}.")
        if self.optional:
            parts.append("May be left empty.")
        return " ".join(parts)


def field_specs(model: type[BaseModel], skip: tuple[str, ...] = ()) -> list[FieldSpec]:
    """One FieldSpec per scalar field of `model`, in declaration order; nested models are left to the caller."""
    specs = []
    for name, info in model.model_fields.items():
        if name in skip:
            continue
        ann, optional = _strip_optional(info.annotation)
        kind, choices = _kind(ann)
        if kind is None:
            continue
        extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
        spec = FieldSpec(name=name, title=info.title or name.replace("_", " ").capitalize(), kind=kind,
                         optional=optional, unit=str(extra.get("unit", "")), description=info.description or "",
                         choices=choices)
        spec = with_bounds(spec, info.metadata)
        if name in PERCENT_SHARES and kind == "float":
            spec = in_percent(spec, info.default if isinstance(info.default, float) else PERCENT_EXAMPLE)
        specs.append(spec)
    return specs


def in_percent(spec: FieldSpec, example: float = PERCENT_EXAMPLE) -> FieldSpec:
    """`spec` shown in percent: its unit "%", its bounds × 100, its description the Inspector's (the model's says
    "add up to 1"); `example` is a fraction the tooltip converts (0.33 → "33 % is 0.33 in the design file")."""
    spec.percent = True
    spec.unit = "%"
    spec.description = PERCENT_SHARES[spec.name][0] + "."
    spec.example = f"{bound(_scaled(example, 2))} % is {example!r} in the design file"
    spec.minimum = _scaled(spec.minimum, 2)
    spec.maximum = _scaled(spec.maximum, 2)
    return spec


def steps_of(spec: FieldSpec) -> tuple[int, float]:
    """(decimals, single step) of the field's editor, in the figures it shows: a percent field keeps the resolution
    of its fraction (two decimals of a fraction are whole percents; a step of 0.05 is one of 5 %)."""
    decimals, step = STEPS.get(spec.name, (0 if spec.kind == "int" else 2, 1.0))
    if spec.percent:
        return max(decimals - 2, 0), _scaled(step, 2)
    return decimals, step


def _scaled(value: Any, shift: int) -> Any:
    """A figure × 10^shift, exact in decimal on its shortest text; anything but a finite float or int as it is."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        return value
    return numbers.scaled(value, shift)


def with_bounds(spec: FieldSpec, metadata: list[Any]) -> FieldSpec:
    """`spec` with the range a pydantic field's constraints (ge, gt, le, lt) give it."""
    for meta in metadata:
        if isinstance(meta, at.Ge):
            spec.minimum = float(meta.ge)
        elif isinstance(meta, at.Gt):
            spec.minimum, spec.exclusive_min = float(meta.gt), True
        elif isinstance(meta, at.Le):
            spec.maximum = float(meta.le)
        elif isinstance(meta, at.Lt):
            spec.maximum, spec.exclusive_max = float(meta.lt), True
    return spec


def _strip_optional(ann: Any) -> tuple[Any, bool]:
    if typing.get_origin(ann) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(ann) if a is not type(None)]
        if len(args) == 1 and len(typing.get_args(ann)) == 2:
            return args[0], True
    return ann, False


def _kind(ann: Any) -> tuple[str | None, list[Any]]:
    if typing.get_origin(ann) is typing.Annotated:  # Real | None: Annotated[float, Strict()] inside the Optional
        ann = typing.get_args(ann)[0]
    if typing.get_origin(ann) is Literal:
        return "choice", list(typing.get_args(ann))
    if ann is bool:
        return "bool", []
    if ann is int:
        return "int", []
    if ann is float:
        return "float", []
    if ann is str:
        return "str", []
    return None, []


def decimals_of(value: float) -> int:
    """How many decimals the shortest text that reads back as `value` has: 1000.4 → 1, 0.0004 → 4, 12.0 → 0."""
    if not isinstance(value, (int, float)) or not math.isfinite(value):
        return 0
    text = format(Decimal(repr(float(value))), "f")
    return len(text.partition(".")[2].rstrip("0"))


def max_length(model: type[BaseModel], name: str) -> int | None:
    """The most characters the model's text field `name` holds (None: no limit, or not a field of it)."""
    info = model.model_fields.get(name)
    return next((m.max_length for m in info.metadata if isinstance(m, at.MaxLen)), None) if info else None
