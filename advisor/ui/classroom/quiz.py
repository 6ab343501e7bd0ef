"""Quiz mode's rules, without Qt: what the instructor hides, the tolerances, the questions a design asks, how an
answer is checked, and the worked solution (from `advisor.explain`) revealed once it is."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from advisor import numbers
from advisor.explain import Context, Explanation, explain_finding, explain_findings, explain_link
from advisor.findings import CATALOGUE
from advisor.io_errors import short
from advisor.model import Design
from advisor.results import Results
from advisor.rules._names import Names, tech_label

FIELDS = ("kbps", "calls", "recommendation", "findings")
FIELD_TEXT = {"kbps": "link bandwidth (kbps)", "calls": "concurrent calls per link",
              "recommendation": "the recommended VPN technology", "findings": "the findings"}
# The technologies a student may answer, in the order the recommendation breaks ties (advisor.rules.vpn).
TECHNOLOGIES = ("getvpn", "dmvpn", "flexvpn", "vti", "gre-ipsec", "ipsec", "mpls-isolation", "none")


class StrictModel(BaseModel):
    """Frozen, and no field it does not know (a typo in a class file is named, not ignored)."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class Hidden(StrictModel):
    """What the students must work out: each field hides its figure everywhere in the window."""

    kbps: bool = False
    calls: bool = False
    recommendation: bool = False
    findings: bool = False

    def names(self) -> tuple[str, ...]:
        return tuple(f for f in FIELDS if getattr(self, f))

    def any(self) -> bool:  # noqa: A003 - reads as English at the call site: hidden.any()
        return bool(self.names())

    def describe(self) -> str:
        return ", ".join(FIELD_TEXT[f] for f in self.names()) or "nothing"


MAX_KBPS_PERCENT, MAX_CALLS = 50.0, 1000  # the widest tolerances a quiz (and a class file) may set


class Tolerances(StrictModel):
    """How far an answer may be from the sizing's figure and still be right."""

    kbps_percent: float = Field(1.0, ge=0.0, le=MAX_KBPS_PERCENT)  # ± this share of the sizing's kbps
    calls: int = Field(0, ge=0, le=MAX_CALLS)  # ± this many calls; 0: exact

    def describe(self, hidden: Hidden | None = None) -> str:
        """The tolerances that apply to the questions these hidden fields ask (all of them without `hidden`)."""
        hidden = hidden or Hidden(kbps=True, calls=True, recommendation=True, findings=True)
        parts = []
        if hidden.kbps:
            parts.append(f"kbps within ± {self.kbps_percent:g} % of the sizing's figure")
        if hidden.calls:
            parts.append("calls exact" if self.calls == 0 else f"calls within ± {numbers.count(self.calls)}")
        exact = [name for flag, name in ((hidden.recommendation, "the technology"),
                                         (hidden.findings, "the counts, the codes")) if flag]
        if exact:
            parts.append(f"{', '.join(exact)} exact")
        return "; ".join(parts)


class QuizSettings(StrictModel):
    """One quiz: what is hidden, the tolerances, which questions about the findings, and its title."""

    title: str = Field("", max_length=200)
    hidden: Hidden = Hidden()
    tolerances: Tolerances = Tolerances()
    findings_question: Literal["counts", "codes", "both"] = "both"


Kind = Literal["calls", "kbps", "technology", "errors", "warnings", "codes"]


@dataclass(frozen=True)
class Question:
    key: str  # stable across re-analyses: "l-br01:kbps", "technology", "errors", …
    kind: Kind
    subject: str  # the link id for link questions, else ""
    text: str


def questions(design: Design, settings: QuizSettings) -> list[Question]:
    """The questions the hidden fields ask, links first (in the design's order), then the VPN and the findings."""
    hidden = settings.hidden
    names = Names(design)
    out: list[Question] = []
    for link in design.links if (hidden.calls or hidden.kbps) else ():
        name = names.link_name(link.id)
        if hidden.calls:
            out.append(Question(f"{link.id}:calls", "calls", link.id,
                                f"{name}: concurrent calls (busy hour)"))
        if hidden.kbps:
            out.append(Question(f"{link.id}:kbps", "kbps", link.id, f"{name}: bandwidth per direction (kbps)"))
    if hidden.recommendation:
        out.append(Question("technology", "technology", "", "The VPN technology the advisor recommends"))
    if hidden.findings:
        if settings.findings_question in ("counts", "both"):
            out.append(Question("errors", "errors", "", "How many errors do the checks report?"))
            out.append(Question("warnings", "warnings", "", "How many warnings do the checks report?"))
        if settings.findings_question in ("codes", "both"):
            out.append(Question("codes", "codes", "", "Which finding codes fire as errors or warnings?"))
    return out


# -- the right answers ----------------------------------------------------------------------------------------------
def problem_codes(results: Results) -> tuple[str, ...]:
    """Every error and warning code, once each, sorted (as the exercise sheets ask them)."""
    return tuple(sorted({f.code for f in results.findings if f.severity in ("error", "warning")}))


def expected(question: Question, results: Results) -> float | int | str | tuple[str, ...]:
    if question.kind in ("calls", "kbps"):
        link = next((r for r in results.links if r.id == question.subject), None)
        if link is None:
            raise KeyError(question.subject)
        return link.calls if question.kind == "calls" else link.kbps
    if question.kind == "technology":
        return results.recommendation.technology
    if question.kind == "errors":
        return results.errors
    if question.kind == "warnings":
        return results.warnings
    return problem_codes(results)


def answer_text(question: Question, results: Results) -> str:
    """The right answer as the app prints it."""
    value = expected(question, results)
    if question.kind == "kbps":
        return numbers.kbps(float(value))
    if question.kind == "technology":
        return tech_label(str(value))
    if question.kind == "codes":
        return ", ".join(value) or "none"  # type: ignore[arg-type]
    if question.kind == "calls":
        return numbers.counted(int(value), "call")  # type: ignore[arg-type]
    return numbers.count(int(value))  # type: ignore[arg-type]


# -- checking -------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Verdict:
    state: Literal["right", "wrong", "invalid", "blank"]
    text: str  # what the result column says


_UNIT = re.compile(r"\s*(kbps|kbit/s|calls?|E)\s*$", re.IGNORECASE)
_THOUSANDS = re.compile(r"^\d{1,3}(,\d{3})+(\.\d*)?$")
_DIGITS = re.compile(r"[+-]?(\d[\d_]*\.?\d*|\.\d+)([eE][+-]?\d+)?")


def parse_number(text: str) -> float:
    """'388.68', '388.68 kbps', '1,234.5', '388,68' -> a float; ValueError naming the text otherwise."""
    raw = text.strip()
    cleaned = _UNIT.sub("", raw).replace("\u202f", "").replace("\u00a0", "").replace(" ", "")
    if _THOUSANDS.match(cleaned):
        cleaned = cleaned.replace(",", "")
    elif cleaned.count(",") == 1 and "." not in cleaned:
        cleaned = cleaned.replace(",", ".")  # a decimal comma
    try:
        value = float(cleaned)
    except ValueError:
        raise ValueError(f"not a number: '{short(raw, 40)}'") from None
    if value != value or value in (float("inf"), float("-inf")):
        if _DIGITS.fullmatch(cleaned):  # 400 digits, or 1e999: a number, beyond any answer
            raise ValueError(f"far too large a number: '{short(raw, 40)}'")
        raise ValueError(f"not a number: '{short(raw, 40)}'")
    return value


def parse_codes(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(known codes, unknown words) from 'BW-MTU, dep-srst-missing …' (any separators, any case)."""
    words = [w for w in re.split(r"[\s,;]+", text.strip().upper()) if w]
    known = tuple(sorted({w for w in words if w in CATALOGUE}))
    unknown = tuple(dict.fromkeys(w for w in words if w not in CATALOGUE))
    return known, unknown


def check(question: Question, answer: str, results: Results, tolerances: Tolerances) -> Verdict:
    """Is `answer` right for `question` on these results, within the tolerances?"""
    if not answer.strip():
        return Verdict("blank", "")
    right = answer_text(question, results)
    if question.kind == "technology":
        ok = answer.strip() == expected(question, results)
        return Verdict("right" if ok else "wrong", "right" if ok else f"wrong: the advisor recommends {right}")
    if question.kind == "codes":
        return _check_codes(answer, problem_codes(results))
    try:
        value = parse_number(answer)
    except ValueError as exc:
        return Verdict("invalid", str(exc))
    target = expected(question, results)
    if question.kind == "kbps":
        margin = max(float(target) * tolerances.kbps_percent / 100.0, 0.005)  # a zero load: "0.00" is right
        low, high = max(float(target) - margin, 0.0), float(target) + margin  # no load is below 0 kbps
        ok = low <= value <= high
        top = numbers.kbps(high)  # its unit is the low end's too, unless that is kbps and this Tbps
        bottom = numbers.kbps_before(low, top)
        span = f"{bottom} to {top}" if tolerances.kbps_percent else ""
        return Verdict("right" if ok else "wrong",
                       f"right (the sizing: {right})" if ok else f"wrong: the sizing gives {right}"
                       + (f", accepted {span}" if span else ""))
    if value != int(value):
        return Verdict("invalid", f"a whole number is expected, not '{short(answer.strip(), 40)}'")
    allowed = tolerances.calls if question.kind == "calls" else 0
    ok = value >= 0 and abs(int(value) - int(target)) <= allowed  # type: ignore[arg-type]  # no count is below 0
    return Verdict("right" if ok else "wrong", "right" if ok else f"wrong: the answer is {right}")


def _check_codes(answer: str, wanted: tuple[str, ...]) -> Verdict:
    given, unknown = parse_codes(answer)
    if unknown and answer.strip().lower() not in ("none", "-", "—"):
        more = f" and {len(unknown) - 4:,} more" if len(unknown) > 4 else ""
        return Verdict("invalid", f"not a finding code: {', '.join(short(w, 40) for w in unknown[:4])}{more}")
    if set(given) == set(wanted):
        return Verdict("right", "right")
    missing = [c for c in wanted if c not in given]
    extra = [c for c in given if c not in wanted]
    parts = ([f"missing {', '.join(missing)}"] if missing else []) + ([f"not firing {', '.join(extra)}"] if extra
                                                                      else [])
    return Verdict("wrong", "wrong: " + "; ".join(parts))


# -- the worked solution --------------------------------------------------------------------------------------------
def solution(question: Question, ctx: Context) -> list[Explanation]:
    """How the right answer is worked out: the same explanations as `advisor explain` prints."""
    if question.kind == "calls":
        return explain_link(ctx, question.subject, "erlangs") + explain_link(ctx, question.subject, "calls")
    if question.kind == "kbps":
        return explain_link(ctx, question.subject, "kbps") + explain_link(ctx, question.subject, "per_call_kbps")
    if question.kind == "technology":
        return explain_findings(ctx, "VPN-RECOMMENDATION")
    severities = {"errors": ("error",), "warnings": ("warning",)}.get(question.kind, ("error", "warning"))
    return [explain_finding(ctx, f) for f in ctx.results.findings if f.severity in severities]
