"""The design document's building blocks: its limits, the number and flag types every field uses, and the frozen
base model (split from `advisor.model`, which re-exports every name).
"""

from __future__ import annotations

import re
import sys
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Strict,
)

SCHEMA_VERSION = 1

# Limits no real design meets; they keep every later computation finite and every page of the PDF printable
# (docs/design-format.md, "Limits", lists them with their reasons).
MAX_SITES = 20_000
MAX_CLOUDS = 1_000
MAX_LINKS = 50_000
MAX_NAME = 200  # names, customer, author
MAX_SHORT_TEXT = 64  # codec, layer 2, SRST platform, id references
MIN_LLQ_SHARE = 0.01  # 1 % of a link: below it the priority queue sizing divides by almost nothing
MAX_SIGNALLING_BPS = 100_000  # 100 kbps of signalling per phone, about 50 × a busy SIP phone
MIN_CAPACITY_KBPS = 1.0  # 1 kbps: slower than any WAN link ever sold
MAX_CAPACITY_KBPS = 1e9  # 1 Tbps
MAX_SCENARIOS = 100  # options compared side by side
MAX_SRST_CAPACITY = 1_000_000  # phones one SRST router serves; the largest platforms serve a few thousand

# A decimal written as a number: strict, so `true` or "2048" in a file is refused (lax mode reads true as 1 kbps);
# a whole number (24) is still accepted where a decimal is expected. Whole-number fields refuse true and false
# (`Whole`) and read "24" as 24.
_NORMAL = sys.float_info.min  # the smallest normal float, about 2.2e-308


def denormal(value: float) -> bool:
    """Whether `value` is closer to 0 than the smallest normal float, but not 0: a number a design refuses."""
    return bool(value) and -_NORMAL < value < _NORMAL


def _real(value: float) -> float:
    """-0.0 read as 0.0 (IEEE: -0 + 0 = 0): a range such as ≥ 0 lets -0.0 through, and every figure it led to
    printed "-0" ("-0 calls/h", "-0.000 E"). A number closer to 0 than the smallest normal float (about 2.2e-308;
    a denormal such as 5e-324) is refused, as the command line refuses it: it holds fewer digits than any other,
    and a grade of service of 1e-320 printed blocking figures such as "2.124 × 10⁻³¹⁹ % ≤ 1 × 10⁻³¹⁸ %"."""
    if denormal(value):
        raise ValueError("is too close to 0 to compute with: a number here must be 0 or at least about 2.2e-308 "
                         "away from it")
    return value + 0.0


Real = Annotated[float, Strict(), AfterValidator(_real)]
# A yes/no setting: JSON's true or false only. Lax reading would also take "yes", "off", "t", 1 and 0, which a file
# written by hand can hold by mistake ("false" typed in quotes is true to some tools): refused with a message instead.
Flag = Annotated[bool, Strict()]


def whole(value):
    """For a whole-number field, before validation: `true` and `false` are refused (lax reading takes true as 1
    user), and so is text other than plain digits ("1_000", " 24 ": lax reading takes them, the command line and
    the import do not); "24" and 24.0 are still read as 24."""
    if value.__class__ is bool:
        raise ValueError(f"must be a whole number, not {str(value).lower()}")
    if isinstance(value, str) and ("_" in value or value != value.strip()) and _LAX.fullmatch(value):
        raise ValueError(f"must be a whole number in plain digits, not {value[:24]!r}")
    return value


_LAX = re.compile(r"\s*[+-]?[0-9][0-9_]*\s*")  # what lax reading would take as a number: the rest gets its message


# Every whole-number field of a design (not the schema version); the optional ones keep `None` inside the
# annotation, where the field's bounds still read as minimum and maximum in the JSON schema
Whole = Annotated[int, BeforeValidator(whole)]
WholeOrNone = Annotated[int | None, BeforeValidator(whole)]


SiteKind = Literal["hq", "branch", "datacenter"]
CloudKind = Literal["mpls", "internet", "private-wan"]
Technology = Literal["recommend", "none", "mpls-isolation", "ipsec", "vti", "flexvpn", "gre-ipsec", "dmvpn", "getvpn"]
DeploymentModel = Literal["auto", "single-site", "centralized", "distributed", "clustering-over-wan"]
Survivability = Literal["none", "srst", "e-srst", "sip-srst", "mgcp-fallback"]


def _unit(unit: str) -> dict:
    return {"unit": unit}


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", validate_default=True, allow_inf_nan=False)
