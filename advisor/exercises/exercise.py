"""One exercise: the question in words, the inputs a program can check it with (`given`), the answer as the tool's
engines compute it, and the worked solution (the same explanation lines the app and `advisor explain` print)."""

from __future__ import annotations

from dataclasses import dataclass, field

TOPICS = ("packet", "erlang", "link", "vpn", "deployment", "flaws")
TOPIC_TITLES = {"packet": "Per-call packet and bandwidth", "erlang": "Erlang B", "link": "Sizing a link",
                "vpn": "Choosing the VPN", "deployment": "Deployment model and its checks",
                "flaws": "Find the flaws"}


@dataclass(frozen=True)
class Exercise:
    id: str
    topic: str
    question: str  # the task, one paragraph
    given: dict  # machine-checkable inputs: `advisor calc` option names, traffic/trunks/gos, or a design
    answer: dict  # the answer under the names `advisor calc --json` / `advisor erlang --json` / `check --json` use
    answer_text: str  # the answer as the key prints it
    solution: tuple[str, ...]  # the worked solution, line by line (indented lines belong to the one above)
    facts: tuple[str, ...] = ()  # the situation described point by point, printed under the question
    choices: tuple[str, ...] = ()  # for "which of these" questions: the options offered
    sources: tuple[str, ...] = ()
    space_lines: int = 4  # room the sheet leaves for the student's answer

    @property
    def full_question(self) -> str:
        """The question with its facts and choices, as plain text."""
        parts = [self.question, *(f"- {fact}" for fact in self.facts)]
        if self.choices:
            parts += ["Choose from:", *(f"  {choice}" for choice in self.choices)]
        return "\n".join(parts)

    def to_json(self) -> dict:
        solution = list(self.solution)
        if self.sources:
            solution.append(f"sources: {'; '.join(self.sources)}")
        return {"id": self.id, "topic": self.topic, "question": self.full_question, "given": self.given,
                "answer": self.answer, "solution": solution}


@dataclass
class Steps:
    """A worked solution under construction: numbered steps, each with its lines."""

    lines: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    _step: int = 0

    def step(self, heading: str, lines=(), sources=()) -> None:
        self._step += 1
        self.lines.append(f"Step {self._step}: {heading}")
        self.lines += [f"  {line}" for line in lines]
        for source in sources:
            if source not in self.sources:
                self.sources.append(source)
