"""The long sections are written when the layout reaches them, not all before it starts.

Every section's flowables used to be made before the first page was laid out: a 20,000-site document then held its
sites, links, findings, bill of materials and configuration sketches at once (some 450 MB) before any was placed.
Made when the layout reaches it, a section is placed and let go before the next is made. What the document needs
of it beforehand is known without writing it: its title (for the contents) and a guess of its layout work (for the
progress bar, corrected once the section is made).
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from reportlab.platypus import Flowable

from advisor.model import Design
from advisor.report.measured import MeasuredTable
from advisor.results import Results

# The sections made late: the name of their maker, their title and a guess of their layout work in table rows.
LATE: dict[str, tuple[str, Callable[[Design, Results], int]]] = {
    "sites": ("Sites", lambda d, r: len(d.sites) + 5),
    "links": ("Links", lambda d, r: len(d.links) + 20),
    "deployment": ("Deployment-model checks", lambda d, r: len(r.model.checks) + len(r.model.clusters) + 5),
    "plan": ("Quality of service, admission control and delay", lambda d, r: len(r.links) + 20),
    "materials": ("Bill of materials", lambda d, r: len(d.sites) + 20),
    "checklist": ("Security checklist", lambda d, r: len(d.sites) + 40),
    "findings": ("Findings", lambda d, r: len(r.findings) + 10),
    "appendix": ("Appendix: configuration sketches", lambda d, r: 50),
}


def late(make) -> tuple[str, Callable[[Design, Results], int]] | None:
    """The title and work guess of a section maker (a function or a partial of one) made late, else None."""
    func = getattr(make, "func", make)
    entry = LATE.get(func.__name__)
    if entry is None or func.__module__ not in _MODULES:
        return None
    return entry


_MODULES = frozenset({"advisor.report.sections", "advisor.report.checks", "advisor.report.plan",
                      "advisor.report.materials", "advisor.report.appendix", "advisor.report.sketches"})


class Deferred(Flowable):
    """A section not yet written: the document (advisor.report.doc) replaces it with its flowables when the layout
    reaches it. Never grouped with what comes before it (locChanger, as the page break it starts with)."""

    locChanger = 1

    def __init__(self, make: Callable[[], list], title: str, units: int):
        super().__init__()
        self.make, self.title, self.units = make, title, units

    def expand(self) -> list:
        """The section's flowables, headings kept with what follows them; the maker is let go."""
        from advisor.report import keep
        from advisor.report.doc import SectionHeading

        make, self.make = self.make, None
        part = make()
        titles = [f.title for f in part if isinstance(f, SectionHeading)]
        if titles != [self.title]:  # the contents were drawn with this title
            raise RuntimeError(f"the section written late is titled {titles}, not [{self.title!r}]")
        return keep.keep_headings(keep.keep_openings(part))

    def wrap(self, avail_width, avail_height):  # never laid out itself: expanded first
        raise RuntimeError("a deferred section reached the page unexpanded")

    def draw(self):
        raise RuntimeError("a deferred section reached the page unexpanded")


class LazyTable(MeasuredTable):
    """A table made when the layout first asks anything of it (a section of 30,000 findings in one table among
    others: each is made, placed and let go in turn). Made, it becomes the table `make` returns, class and all,
    keeping what was set on it before (the frame, the canvas). `units` is its rows, for the progress bar."""

    def __init__(self, make: Callable[[], MeasuredTable], units: int):  # noqa: D107 - no Table.__init__: made later
        self.__dict__.update(_make=make, units=units)

    def made(self) -> MeasuredTable:
        make = self.__dict__.pop("_make", None)
        if make is not None:
            table = make()
            before = {key: value for key, value in self.__dict__.items() if key != "units"}
            self.__class__ = type(table)
            self.__dict__ = {**table.__dict__, **before}
        return self

    def __getattr__(self, name):  # only for what the placeholder does not have
        if "_make" in self.__dict__ and name in _table_fields():
            return getattr(self.made(), name)
        raise AttributeError(name)


def _method(name: str):
    def made_first(self, *args, **kwargs):
        return getattr(self.made(), name)(*args, **kwargs)

    made_first.__name__ = name
    return made_first


for _name in {n for k in MeasuredTable.__mro__ for n, v in vars(k).items()
              if callable(v) and not isinstance(v, staticmethod) and not (n.startswith("__") and n.endswith("__"))}:
    setattr(LazyTable, _name, _method(_name))  # any method makes the table first, then runs its own


@functools.cache
def _table_fields() -> frozenset[str]:
    """The attributes a made table has of its own (the rest a table reads from its class, as the placeholder does)."""
    from advisor.report.tables import data_table

    return frozenset(data_table(["a", "b"], [["x", "1"]], [50.0, 50.0]).__dict__)
