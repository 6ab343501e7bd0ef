"""Exercise sheets with answer keys: generators per topic, deterministic for a seed, each answer computed by the
tool's own engines (the packet engine, Erlang B, the analysis) and each solution the explanation `advisor explain`
prints. The PDFs live in `advisor.exercises.pdf` (reportlab is imported only there).

    exercises = generate(count=6, seed=42, topics=("packet", "erlang"))
    {"exercises": [e.to_json() for e in exercises]}
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence

from advisor.exercises import (
    deployment_topic,
    erlang_topic,
    flaws_topic,
    link_topic,
    packet_topic,
    vpn_topic,
)
from advisor.exercises.exercise import TOPIC_TITLES, TOPICS, Exercise

__all__ = ["TOPICS", "TOPIC_TITLES", "Exercise", "generate", "parse_topics", "to_json", "MAX_COUNT"]

MAX_COUNT = 200
MAKERS: dict[str, Callable[[random.Random, str], Exercise]] = {
    "packet": packet_topic.make, "erlang": erlang_topic.make, "link": link_topic.make, "vpn": vpn_topic.make,
    "deployment": deployment_topic.make, "flaws": flaws_topic.make}


def parse_topics(text: str | None) -> tuple[str, ...]:
    """'packet,erlang' -> ('packet', 'erlang'); None or '' -> every topic. Raises ValueError naming a bad one."""
    if not text or not text.strip():
        return TOPICS
    typed = [t.strip() for t in text.split(",") if t.strip()]
    bad = [t for t in typed if t.lower() not in TOPICS]
    if bad:
        raise ValueError(f"unknown topic '{_shown(bad[0])}'; topics: {', '.join(TOPICS)}")
    return tuple(dict.fromkeys(t.lower() for t in typed)) or TOPICS


def _shown(text: str, limit: int = 40) -> str:
    """A topic as typed, for the message: an invisible character (a zero-width space, ESC, a right-to-left
    override) as its escape, so the user sees why 'packet' was not taken, and cut when long."""
    import unicodedata

    text = "".join(c.encode("unicode_escape").decode("ascii") if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp")
                   or "\ud800" <= c <= "\udfff" else c for c in text)
    return text if len(text) <= limit else text[:limit - 1] + "…"


def generate(count: int, seed: int, topics: Sequence[str] = TOPICS) -> list[Exercise]:
    """`count` exercises taking the topics in turn; the same seed gives the same exercises."""
    if not 1 <= count <= MAX_COUNT:
        raise ValueError(f"count must be from 1 to {MAX_COUNT} (got {count})")
    topics = tuple(topics) or TOPICS
    # random.Random(-5) is random.Random(5) (it seeds from the absolute value): sets -5 and 5 were the same
    # exercises under two numbers. A negative set number draws from its own seed, past every positive one.
    rng = random.Random(seed if seed >= 0 else (1 << 63) - seed)
    return [MAKERS[topics[k % len(topics)]](rng, f"ex{k + 1:02d}") for k in range(count)]


def to_json(exercises: Sequence[Exercise]) -> dict:
    return {"exercises": [e.to_json() for e in exercises]}
