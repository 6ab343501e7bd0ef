"""Erlang B exercises in all three directions: trunks for a traffic and grade of service, blocking for a traffic
and trunks, traffic for trunks and a grade of service; answered by `advisor.erlang`, as `advisor erlang` answers."""

from __future__ import annotations

import math
import random

from advisor import erlang, numbers
from advisor.exercises.exercise import Exercise, Steps
from advisor.explain import blocking, traffic, trunks
from advisor.explain.erlang import gos_text, prob

GOS = (0.01, 0.01, 0.02, 0.05, 0.005, 0.001)
DIRECTIONS = ("trunks", "blocking", "traffic")


def make(rng: random.Random, ex_id: str) -> Exercise:
    direction = rng.choice(DIRECTIONS)
    if direction == "trunks":
        return exercise(ex_id, traffic_e=round(rng.uniform(0.5, 40.0), 1), gos=rng.choice(GOS))
    if direction == "blocking":
        a = round(rng.uniform(0.5, 30.0), 1)
        return exercise(ex_id, traffic_e=a, trunks_n=max(1, erlang.trunks(a, 0.01) + rng.randint(-3, 2)))
    return exercise(ex_id, trunks_n=rng.randint(2, 40), gos=rng.choice(GOS))


def exercise(ex_id: str, *, traffic_e: float | None = None, trunks_n: int | None = None,
             gos: float | None = None) -> Exercise:
    """The exercise for two of traffic, trunks and grade of service; the third is the answer."""
    if trunks_n is None:
        a, g = traffic_e, gos
        e = trunks(a, g)
        question = (f"A trunk group (or a WAN link's call capacity) is offered {numbers.erlangs(a)} at the busy hour. "
                    f"How many trunks does it need for at most {gos_text(g)} blocking (Erlang B)?")
        given, answer = {"traffic": a, "gos": g}, {"trunks": e.result.value}
        text = numbers.counted(e.result.value, "trunk")
    elif gos is None:
        a, n = traffic_e, trunks_n
        e = blocking(a, n)
        question = (f"{numbers.erlangs(a)} is offered to {numbers.counted(n, 'trunk')} at the busy hour. What share of "
                    "the calls is blocked (Erlang B)?")
        given, answer = {"traffic": a, "trunks": n}, {"blocking": e.result.value}
        text = f"blocking {prob(e.result.value)} ({e.result.value:.6f})"
    else:
        n, g = trunks_n, gos
        e = traffic(n, g)
        question = (f"A site has {numbers.counted(n, 'trunk')}. How much busy-hour traffic can it be offered with at "
                    f"most {gos_text(g)} blocking (Erlang B)?")
        given, answer = {"trunks": n, "gos": g}, {"traffic": e.result.value}
        text = f"{numbers.erlangs_at_most(e.result.value)} ({math.floor(e.result.value * 1e6) / 1e6:.6f} E)"
    steps = Steps()
    steps.step(e.title, e.lines)
    if trunks_n is not None and gos is not None:
        steps.step("the answer, rounded down to stay within the grade of service", _rounded_down(e.result.value, n, g))
    return Exercise(id=ex_id, topic="erlang", question=question, given=given, answer=answer, answer_text=text,
                    solution=tuple(steps.lines), space_lines=3)


def _rounded_down(a: float, n: int, g: float) -> list[str]:
    """Why the key's traffic is cut, not rounded: the most traffic rounded up to the decimals shown blocks more than
    the grade of service asked for."""
    shown = numbers.traffic_cut(a)
    up = shown + 0.001
    lines = [f"A = {numbers.erlangs(shown)}: B({numbers.erlangs(shown)}, {numbers.count(n)}) = "
             f"{_below(erlang.blocking(shown, n), g)} ≤ {gos_text(g)}"]
    if erlang.blocking(up, n) > g:
        lines.append(f"(not {numbers.erlangs(up)}: B({numbers.erlangs(up)}, {numbers.count(n)}) = "
                     f"{prob(erlang.blocking(up, n), g)} > {gos_text(g)})")
    return lines


def _below(p: float, g: float) -> str:
    """A blocking within the grade of service with the digits that show it ('1.99956 %', not '2 % ≤ 2 %')."""
    for decimals in range(4, 13):
        text = f"{p * 100:.{decimals}f}".rstrip("0").rstrip(".")
        if float(text) < g * 100 or p == g:
            return f"{text} %"
    return prob(p, g)
