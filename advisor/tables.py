"""User-editable limit tables (``resources/tables/<name>.json``): every table and every entry names its source.

A copy of a table in the folder named by ``ADVISOR_TABLES_DIR`` wins over the bundled one, so users can edit limits
without touching the installation. Tables are validated with pydantic and cached until the file changes.
"""

from __future__ import annotations

import errno
import json
import math
import os
import re
import stat
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, field_validator

from advisor.paths import resources_dir
from advisor.validation import describe

ENV_DIR = "ADVISOR_TABLES_DIR"
_NAME = re.compile(r"^[a-z0-9_]{1,64}$")

# Keys the rules read from each bundled table; a user copy without them is refused, naming the missing keys.
REQUIRED_KEYS: dict[str, tuple[str, ...]] = {
    "cow_rtt": ("0",),
    "cow_bandwidth": ("iccs_min_kbps", "iccs_kbps_per_10k_bhca", "iccs_delay_factor_per_ms",
                      "db_kbps_per_remote_server"),
    "cluster_limits": ("max_subscribers", "max_publishers", "local_failover_max_sites", "remote_failover_max_sites",
                       "max_devices", "devices_per_call_processing_node", "megacluster_max_primary_nodes",
                       "megacluster_max_standby_nodes", "megacluster_max_devices"),
    "signalling": ("sccp_fixed_bps", "sccp_per_bhca_bps", "sip_fixed_bps", "sip_per_bhca_bps", "sccp_tls_factor",
                   "sip_tls_factor"),
    "delay": ("cisco_good_one_way_ms", "cisco_limit_one_way_ms", "lfi_below_kbps", "lfi_fragment_ms",
              "lfi_data_packet_bytes", "max_one_way_ms"),  # coder_<codec> entries are optional (estimated)
    "vpn": ("mesh_max_tunnels", "getvpn_min_key_servers"),
    "srst_platforms": (),
}


# What a user's copy may hold, beyond the shape (Entry, Table): every value at most MAX_VALUE (far above any limit
# here; 1e308 overflowed the sums to infinity), and for the keys below a range the rules can use: (least, most,
# whole number). A limit of 0 tunnels divided by zero; 5e-324 devices per node made the node count infinite.
MAX_VALUE = 1e9
MAX_TABLE_BYTES = 4 * 1024 * 1024  # the bundled tables are a few kB each
_COUNT = (1, MAX_VALUE, True)
# The most GET VPN key servers a design may name (`model.VpnPolicy.getvpn_key_servers`, the COOP group sizes this
# tool sketches): the table's least count cannot ask for more. 1,000 asked the configuration sketches and the PDF
# for 1,000 key servers (12,680 pages for 13 sites), their addresses past the documentation range (192.0.2.867).
MAX_KEY_SERVERS = 8
MAX_SUBSCRIBERS = 64  # likewise the most CUCM subscribers one site may hold (`model.Site.cucm_subscribers`)
VALUE_RANGES: dict[str, dict[str, tuple[float, float, bool]]] = {
    "cluster_limits": {**{key: _COUNT for key in REQUIRED_KEYS["cluster_limits"]}, "megacluster_max_servers": _COUNT,
                       "max_subscribers": (1, MAX_SUBSCRIBERS, True),
                       "megacluster_max_standby_nodes": (0, MAX_VALUE, True)},
    "vpn": {"mesh_max_tunnels": _COUNT, "getvpn_min_key_servers": (0, MAX_KEY_SERVERS, True)},
    "delay": {"lfi_data_packet_bytes": (1, 65_535, True), "lfi_fragment_ms": (0.001, MAX_VALUE, False),
              "max_one_way_ms": (0.001, MAX_VALUE, False), "cisco_good_one_way_ms": (0.001, MAX_VALUE, False),
              "cisco_limit_one_way_ms": (0.001, MAX_VALUE, False)},
    "cow_rtt": {},  # every entry: see _KEY_PATTERNS
}
_KEY_PATTERNS = {"cow_rtt": (re.compile(r"\d{1,4}(?:\.\d{1,4}){0,2}"), "a CUCM release such as 6.1")}
MAX_KEY = 100


class TableError(ValueError):
    """A table file that is missing, unreadable or malformed; the message names the file and the field."""


class Entry(BaseModel):
    # strict: "45" or true where a number belongs is refused, not read as 45 or 1
    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)

    value: float = Field(ge=0, le=MAX_VALUE, allow_inf_nan=False)
    unit: str = ""
    source: str = Field(min_length=1)
    note: str = ""
    verify: bool = False  # the figure changes between releases: check it for yours


class Table(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)

    title: str = Field(min_length=1)
    description: str = ""
    source: str = Field(min_length=1)
    verify: bool = False
    entries: dict[str, Entry]
    _path: str = PrivateAttr("")

    @field_validator("entries")
    @classmethod
    def _not_empty(cls, value: dict[str, Entry]) -> dict[str, Entry]:
        if not value:
            raise ValueError("a table needs at least one entry")
        return value

    @property
    def path(self) -> str:
        """The file this table was read from (bundled or the user's copy)."""
        return self._path

    def value(self, key: str) -> float:
        entry = self.entries.get(key)
        if entry is None:
            raise TableError(f"{self._path}: entries.{key} is missing")
        return entry.value

    def cite(self, key: str) -> str:
        """The entry's source, prefixed with the table's, for rationales and the PDF."""
        entry = self.entries[key]
        flag = " (verify for your release)" if entry.verify or self.verify else ""
        return f"{entry.source}{flag} [{os.path.basename(self._path)}]"  # a Path per call: hundreds per analysis


@lru_cache(maxsize=1)
def bundled_dir() -> Path:
    return resources_dir() / "tables"


def table_path(name: str) -> Path:
    """Where ``name`` is read from: the user's copy in ``ADVISOR_TABLES_DIR`` if present, else the bundled file."""
    if not _NAME.match(name):
        raise TableError(f"table name {name!r} is not valid (lower-case letters, digits and '_' only)")
    user_dir = os.environ.get(ENV_DIR, "").strip()
    if user_dir:
        candidate = Path(user_dir).expanduser() / f"{name}.json"
        try:
            if candidate.is_file():
                return candidate
            present = os.path.lexists(candidate)
        except (OSError, ValueError) as exc:  # a name too long, a NUL in it
            raise TableError(f"{ENV_DIR}: {user_dir[:200]!r} is not a usable folder name "
                             f"({getattr(exc, 'strerror', None) or exc})") from None
        if present:  # there, but a folder, a device, a pipe or a link that leads nowhere: not silently passed over
            raise TableError(f"{candidate}: {_not_a_file(candidate)}, not a table file; remove it or put the "
                             "table's JSON there")
    return bundled_dir() / f"{name}.json"


def _not_a_file(path: Path) -> str:
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        return ("a link that leads round in a loop" if exc.errno == errno.ELOOP else "a link to nothing"
                if path.is_symlink() else f"unreadable ({exc.strerror or exc})")
    return "a folder" if stat.S_ISDIR(mode) else "a device, pipe or socket"


def check_user_tables() -> None:
    """Read every table the ``ADVISOR_TABLES_DIR`` folder replaces, so a broken copy is reported before any work
    (the rules read some tables only for some designs); a TableError names the file and the field. Nothing is
    read when the variable is unset. The folder must exist: a mistyped name would silently leave the bundled
    tables in force."""
    user_dir = os.environ.get(ENV_DIR, "").strip()
    if not user_dir:
        return
    folder = Path(user_dir).expanduser()
    try:
        is_dir = folder.is_dir()
    except (OSError, ValueError) as exc:
        raise TableError(f"{ENV_DIR}: {user_dir[:200]!r} is not a usable folder name "
                         f"({getattr(exc, 'strerror', None) or exc})") from None
    if not is_dir:
        raise TableError(f"{ENV_DIR}: {user_dir[:200]} is not a folder; point it at the folder holding your copies "
                         "of the tables, or unset it to use the bundled ones")
    for name in table_names():
        if table_path(name).parent != bundled_dir():
            load_table(name)


def load_table(name: str) -> Table:
    """The validated table ``name``; cached until its file (or the override folder) changes."""
    path = table_path(name)
    try:
        st = path.stat()
    except OSError as exc:
        raise TableError(f"table '{name}': cannot read {path} ({exc.strerror or exc})") from exc
    return _load(str(path), name, st.st_mtime_ns, st.st_size)


def clear_cache() -> None:
    _load.cache_clear()


def table_names() -> list[str]:
    return sorted(p.stem for p in bundled_dir().glob("*.json"))


@lru_cache(maxsize=64)
def _load(path: str, name: str, _mtime_ns: int, _size: int) -> Table:
    from advisor.io import read_file

    raw = read_file(path, MAX_TABLE_BYTES, what="table file", error=TableError)  # a regular file, of bounded size
    try:
        data = json.loads(raw.decode("utf-8-sig"))  # a byte-order mark (Notepad writes one) is dropped
    except UnicodeDecodeError as exc:
        raise TableError(f"{path}: not UTF-8 text (byte {exc.start}: {exc.reason}); save it as UTF-8") from None
    except json.JSONDecodeError as exc:
        raise TableError(f"{path}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from None
    except RecursionError:
        raise TableError(f"{path}: not a table: its JSON is nested too deeply") from None
    except ValueError:  # an integer of thousands of digits
        raise TableError(f"{path}: not a usable table: a number in it has thousands of digits") from None
    try:
        table = Table.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(describe(exc, data))
        raise TableError(f"{path}: {problems}") from exc
    missing = [key for key in REQUIRED_KEYS.get(name, ()) if key not in table.entries]
    if missing:
        raise TableError(f"{path}: entries {', '.join(missing)} missing (the rules need them)")
    _check_entries(table, name, path)
    if any(not math.isfinite(e.value) for e in table.entries.values()):  # belt and braces: allow_inf_nan above
        raise TableError(f"{path}: every value must be a finite number")
    table._path = path
    return table


def _check_entries(table: Table, name: str, path: str) -> None:
    """Each entry's key and value within what the rules can use (VALUE_RANGES, _KEY_PATTERNS)."""
    ranges = VALUE_RANGES.get(name, {})
    pattern, shape = _KEY_PATTERNS.get(name, (None, ""))
    for key, entry in table.entries.items():
        shown = key if len(key) <= 40 else key[:39] + "…"
        if not key.strip() or len(key) > MAX_KEY:
            raise TableError(f"{path}: entries.{shown}: a key must be 1 to {MAX_KEY} characters")
        if pattern is not None and not pattern.fullmatch(key):
            raise TableError(f"{path}: entries.{shown}: the key must be {shape}")
        if key not in ranges:
            continue
        least, most, whole = ranges[key]
        if whole and not float(entry.value).is_integer():
            raise TableError(f"{path}: entries.{key}.value: must be a whole number, got {entry.value:g}")
        if not least <= entry.value <= most:
            raise TableError(f"{path}: entries.{key}.value: must be from {_shown(least)} to {_shown(most)}, "
                             f"got {entry.value:g}")


def _shown(number: float) -> str:
    return f"{number:,.0f}" if float(number).is_integer() else f"{number:g}"
