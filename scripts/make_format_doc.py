"""Write docs/design-format.md from the model's own fields (titles, units, ranges, defaults) and an example."""

from __future__ import annotations

import json
import types
import typing
from pathlib import Path

from pydantic import BaseModel

from advisor import io, json_bounds
from advisor.model import (
    MAX_CAPACITY_KBPS,
    MAX_CLOUDS,
    MAX_LINKS,
    MAX_NAME,
    MAX_SHORT_TEXT,
    MAX_SIGNALLING_BPS,
    MAX_SITES,
    MAX_SRST_CAPACITY,
    MIN_CAPACITY_KBPS,
    MIN_LLQ_SHARE,
    SCHEMA_VERSION,
    Cloud,
    Design,
    Link,
    Scenario,
    SecurityControls,
    Site,
    SiteTraffic,
    TrafficPolicy,
    VoicePolicy,
    VpnPolicy,
)

ROOT = Path(__file__).resolve().parent.parent
INTRO = f"""# Design file format (schema version {SCHEMA_VERSION})

A design is one JSON object, UTF-8, human-diffable. Nothing in it is ever executed. Unknown fields are refused;
missing fields take the defaults below. Positions (`x`, `y`) are canvas coordinates in pixels.

- `schema_version`: older versions are migrated on load; a newer version is refused with a message asking for a
  newer advisor.
- Ids (`id`) use letters, digits, `.`, `_`, `-` and are unique across sites, clouds and links.
- Scenario names (`scenarios[].name`) are unique too, upper and lower case alike (the options are compared by name).
- A link joins two nodes (`a`, `b`): a site and a cloud (an access link) or two sites (a leased line). Both ends must
  exist, and a link cannot join a node to itself or two clouds.
- Errors name the path: `sites[3].users: must be ≥ 0 (site 'Zürich')`.
- `advisor check FILE --json` analyses a file; `advisor report FILE -o OUT.pdf` writes the design document, which
  carries the design as an attachment (`design.json`), so `advisor OUT.pdf` reopens it.
- `issued` is the document's date: the PDF's creation date and the date on its pages. `advisor report --issued
  YYYY-MM-DD` sets it; otherwise the report and the app's Export PDF keep the design's own, or use today. The
  design inside the PDF carries it; the same design and day always give the same PDF, byte for byte.

"""

LIMITS = f"""## Limits

Every limit is far beyond any real design. Each keeps the analysis finite, the PDF printable and memory bounded;
a file beyond one is refused with a message that names the field (or the file) and the limit.

| what | limit | why |
|---|---|---|
| file size | {io.MAX_FILE_BYTES // 2**20} MB, checked while reading | a 20,000-site design is about 35 MB |
| what is read | regular files only | a pipe, a device (`/dev/zero`) or a socket is refused before it is read, \
so nothing can hang or fill the memory |
| design inside a PDF | {io.MAX_FILE_BYTES // 2**20} MB once inflated, checked while inflating | a small PDF cannot \
unpack into gigabytes |
| JSON objects and lists in one file | {io.MAX_CONTAINERS:,} | the largest design holds about 120,000 |
| JSON values in one file | {json_bounds.MAX_VALUES:,} (commas inside texts do not count) | the largest design holds about 1.5 million; 60 MB of short strings where sites belong took 22 GB before its refusal |
| digits of a whole number | {io.MAX_INT_DIGITS:,} | Python's own limit; the message gives the line and column |
| text | valid Unicode | a lone surrogate escape such as `\\ud800` is refused with the field's path |
| `sites` | at most {MAX_SITES:,} | |
| `clouds` | at most {MAX_CLOUDS:,} | |
| `links` | at most {MAX_LINKS:,} | 2.5 per site at the largest size |
| `name`, `customer`, `author`, site, cloud and link names | at most {MAX_NAME} characters | table cells and the \
diagram labels |
| `date` | at most 40 characters | the cover page |
| `issued` | a calendar day written YYYY-MM-DD, or null | the PDF's date; a timestamp or a date with a time is refused |
| `cucm_release` | at most 20 characters | |
| `notes` | at most 20,000 characters | |
| `sites[].srst_platform`, `voice.codec`, `links[].l2`, `links[].a`/`b`, `vpn.hub_site`, \
`traffic.central_pstn_site` | at most {MAX_SHORT_TEXT} characters | a 100,000-character platform name made a table \
row taller than a page |
| ids | 1 to 64 letters, digits, `.`, `_`, `-` | |
| `traffic.llq_share` | at least {MIN_LLQ_SHARE} | the priority queue is sized as voice ÷ share: a share near 0 \
overflowed |
| `traffic.signalling_bps_per_phone` | at most {MAX_SIGNALLING_BPS:,} bps | about 50 times a busy SIP phone; \
1e308 overflowed |
| `links[].capacity_kbps` | {MIN_CAPACITY_KBPS:g} kbps to {MAX_CAPACITY_KBPS:,.0f} kbps (1 Tbps) | a denormal \
capacity made utilisation infinite |
| `sites[].srst_capacity` | at most {MAX_SRST_CAPACITY:,} phones | the largest SRST platforms serve a few thousand |
| every number | finite | `NaN`, `Infinity` and `-Infinity` are refused |

Time grows with the design, with one exception within these limits: sites joined into one large mesh are routed
with one lowest-delay path search per site, so the time grows with the square of that mesh's size. Such a mesh is
made of site-to-site links (a ring, a grid, a random partial mesh, with no cloud or hub between them: about 1 s for
2,000 such sites; for 10,000, 3 to 6 s when their links' round-trip times are alike and about 25 s when they all
differ), or of many clouds each site reaches several of (2,000 sites homed on two or three of 50 clouds, round-trip
times all differing: about 2 s). These figures are with the optional compiled routing loops (the `fast` extra, which
`make` installs); without them a large mesh takes about 3 times as long when its round-trip times are alike and about
10 times when they differ. The app stays responsive and shows
the progress in its status bar; on a terminal `advisor` shows it on stderr. Sites on one or a few clouds, sites
homed on an MPLS and an Internet cloud, hub-and-spoke overlays, trees and chains of leased lines, and meshes made of
small rings are worked out in time proportional to the design.

The ranges of the other fields are in the tables below.

"""


def _type(annotation) -> str:
    if typing.get_origin(annotation) is typing.Annotated:  # Annotated[float, Strict()]: the type it annotates
        return _type(typing.get_args(annotation)[0])
    args = typing.get_args(annotation)
    if typing.get_origin(annotation) in (typing.Union, types.UnionType) and any(
            typing.get_origin(a) is typing.Annotated for a in args):
        return " \\| ".join("null" if a is type(None) else _type(a) for a in args)
    if isinstance(annotation, type):
        return "object" if issubclass(annotation, BaseModel) else {"str": "string", "int": "integer",
                                                                   "float": "number", "bool": "boolean"}.get(
            annotation.__name__, annotation.__name__)
    if typing.get_origin(annotation) is tuple:
        return f"list of {typing.get_args(annotation)[0].__name__}"
    if typing.get_origin(annotation) is dict:
        key, value = typing.get_args(annotation)
        return f"object: key {_type(key)}, value {_type(value)}"
    text = str(annotation).replace("typing.", "").replace("advisor.model.", "")
    text = text.replace("datetime.date", "date (text YYYY-MM-DD)")
    if typing.get_origin(annotation) is typing.Literal:
        return " \\| ".join(json.dumps(a) for a in typing.get_args(annotation))
    args = typing.get_args(annotation)
    if args and all(typing.get_origin(a) is typing.Literal or a is type(None) for a in args):
        lits = [json.dumps(x) for a in args if a is not type(None) for x in typing.get_args(a)]
        return " \\| ".join(lits + (["null"] if type(None) in args else []))
    text = text.replace("str", "string").replace("float", "number").replace("int", "integer").replace("bool", "boolean")
    return text.replace("None", "null").replace(" | ", " \\| ")


def table(model: type[BaseModel]) -> str:
    rows = ["| field | type | default | unit | range | meaning |", "|---|---|---|---|---|---|"]
    for name, f in model.model_fields.items():
        extra = f.json_schema_extra or {}
        bounds = [f"{sym} {getattr(m, attr)}" for m in f.metadata for attr, sym in
                  (("ge", "≥"), ("gt", ">"), ("le", "≤"), ("lt", "<")) if hasattr(m, attr)]
        longest = next((m.max_length for m in f.metadata if getattr(m, "max_length", None) is not None), None)
        if longest is not None:
            what = "items" if typing.get_origin(f.annotation) is tuple else "characters"
            bounds.append(f"at most {longest:,} {what}")
        default = "(required)" if f.is_required() else (
            "{…}" if f.default_factory else json.dumps(f.default, ensure_ascii=False))
        meaning = " — ".join(x for x in (f.title or "", f.description or "") if x)
        rows.append(f"| `{name}` | {_type(f.annotation)} | {default} | {extra.get('unit', '')} | "
                    f"{', '.join(bounds)} | {meaning} |")
    return "\n".join(rows)


def main() -> None:
    parts = [INTRO, LIMITS]
    for title, model in (("Design (top level)", Design), ("voice", VoicePolicy), ("vpn", VpnPolicy),
                         ("traffic", TrafficPolicy), ("sites[]", Site), ("sites[].security", SecurityControls),
                         ("sites[].traffic (overrides; empty fields inherit)", SiteTraffic),
                         ("clouds[]", Cloud), ("links[]", Link),
                         ("scenarios[] (options compared side by side; empty fields keep the design's)", Scenario)):
        parts.append(f"## {title}\n\n{table(model)}\n")
    example = (ROOT / "resources/examples/two-dc-clustering-over-wan.json").read_text(encoding="utf-8")
    parts.append("## A complete example\n\n`resources/examples/two-dc-clustering-over-wan.json`:\n\n```json\n"
                 + example.rstrip() + "\n```\n")
    (ROOT / "docs/design-format.md").write_text("\n".join(parts), encoding="utf-8")


if __name__ == "__main__":
    main()
