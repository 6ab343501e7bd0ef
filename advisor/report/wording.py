"""The words of a customer document: the analysis explains itself with references a customer does not have (rule
ids such as "[VPN-R1]", limit-table file names, "docs/…", the product specification, "the seed" for the article the
rules follow). `plain` removes or rewords them; `for_customer` applies it to every text of the results the PDF
prints. Sources stay cited by title: Cisco's guides, RFCs, ITU-T recommendations and T. Mlakar's article.
"""

from __future__ import annotations

import functools
import re

from advisor.references import INTERNAL
from advisor.results import Results
from advisor.rules.seed import SEED as ARTICLE

_REPLACEMENTS = (
    *((pattern, "") for pattern in INTERNAL),  # rule ids and limit-table file names
    (re.compile(r"\s*\((?:see )?docs/[\w./-]+\)"), ""),  # " (docs/rules.md)"
    (re.compile(r"\s*\((?:see )?(?:the )?(?:SPEC|product specification)\s*§?\s*[\d.]*\d\)", re.IGNORECASE), ""),
    (re.compile(r"\b(?:SPEC|the product specification)\s*§\s*[\d.]*\d", re.IGNORECASE), "the advisor's conventions"),
    (re.compile(r"\bthe seed(?: article)?'s\b"), "the article's"),
    (re.compile(r"\b[Tt]he seed(?: article)? calls\b"), "the article calls"),
    (re.compile(r"\bseed:\s*"), f"{ARTICLE}: "),
    (re.compile(r"\b[Tt]he seed article\b|\b[Tt]he seed\b"), ARTICLE),
)
_HINTS = ("-R", "-C", ".json", "docs/", "SPEC", "spec", "§", "seed")


@functools.lru_cache(maxsize=4096)
def plain(text: str) -> str:
    """Text with internal references removed or reworded; text without any is returned as it is (the fast path:
    most texts hold none)."""
    if not any(h in text for h in _HINTS):
        return text
    for pattern, replacement in _REPLACEMENTS:
        text = pattern.sub(replacement, text)
    return text


def for_customer(results: Results) -> Results:
    """The results with every explanatory text in plain words; figures, ids and codes untouched. Items whose texts
    need no change are kept as they are (a large design's checklist has hundreds of thousands)."""
    rec = results.recommendation
    ranking = tuple(_reworded(c, reasons=tuple(_reworded(r, "text", "source") for r in c.reasons))
                    for c in rec.ranking)
    checks = tuple((plain(check), verdict, plain(detail)) for check, verdict, detail in results.model.checks)
    update: dict = {
        "findings": tuple(_reworded(f, "message", "rationale", "remedy", "source") for f in results.findings),
        "recommendation": _reworded(rec, ranking=ranking),
        "checklist": _reworded_alike(results.checklist, "title", "threat", "rationale"),
        "model": _reworded(results.model, checks=checks),
        "conventions": {key: plain(value) for key, value in results.conventions.items()},
    }
    if results.delay is not None:
        update["delay"] = _reworded(results.delay, "coder_source")
    if results.mtu is not None:
        update["mtu"] = _reworded(results.mtu, "text")
    return results.model_copy(update=update)


def _reworded_alike(items, *texts: str) -> tuple:
    """`_reworded(item, *texts)` for each item, the rewording worked out once per distinct set of texts (a large
    design's checklist repeats a few dozen controls' texts for every site)."""
    changes: dict[tuple, dict] = {}
    out = []
    for item in items:
        key = tuple(getattr(item, name) for name in texts)
        changed = changes.get(key)
        if changed is None:
            changed = changes[key] = {name: new for name, old in zip(texts, key, strict=True)
                                      if (new := plain(old)) != old}
        out.append(item.model_copy(update=changed) if changed else item)
    return tuple(out)


def _reworded(item, *texts: str, **values):
    """`item` with its `texts` in plain words and the given `values`; itself when nothing changes."""
    update = {name: plain(getattr(item, name)) for name in texts} | values
    changed = {name: value for name, value in update.items() if value != getattr(item, name)}
    return item.model_copy(update=changed) if changed else item
