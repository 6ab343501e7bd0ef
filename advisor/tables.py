"""User-editable limit tables (``resources/tables/<name>.json``): every table and every entry names its source.

A copy of a table in the folder named by ``ADVISOR_TABLES_DIR`` wins over the bundled one, so users can edit limits
without touching the installation. Tables are validated with pydantic and cached until the file changes.
"""

from __future__ import annotations

import json
import math
import os
import re
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


class TableError(ValueError):
    """A table file that is missing, unreadable or malformed; the message names the file and the field."""


class Entry(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    value: float = Field(ge=0, allow_inf_nan=False)
    unit: str = ""
    source: str = Field(min_length=1)
    note: str = ""
    verify: bool = False  # the figure changes between releases: check it for yours


class Table(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

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
        return f"{entry.source}{flag} [{Path(self._path).name}]"


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
        if candidate.is_file():
            return candidate
    return bundled_dir() / f"{name}.json"


def load_table(name: str) -> Table:
    """The validated table ``name``; cached until its file (or the override folder) changes."""
    path = table_path(name)
    try:
        stat = path.stat()
    except OSError as exc:
        raise TableError(f"table '{name}': cannot read {path} ({exc.strerror or exc})") from exc
    return _load(str(path), name, stat.st_mtime_ns, stat.st_size)


def clear_cache() -> None:
    _load.cache_clear()


def table_names() -> list[str]:
    return sorted(p.stem for p in bundled_dir().glob("*.json"))


@lru_cache(maxsize=64)
def _load(path: str, name: str, _mtime_ns: int, _size: int) -> Table:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise TableError(f"{path}: cannot read the table ({exc.strerror or exc})") from exc
    except UnicodeDecodeError as exc:
        raise TableError(f"{path}: not UTF-8 text ({exc.reason})") from exc
    except json.JSONDecodeError as exc:
        raise TableError(f"{path}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from exc
    try:
        table = Table.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(describe(exc, data))
        raise TableError(f"{path}: {problems}") from exc
    missing = [key for key in REQUIRED_KEYS.get(name, ()) if key not in table.entries]
    if missing:
        raise TableError(f"{path}: entries {', '.join(missing)} missing (the rules need them)")
    if any(not math.isfinite(e.value) for e in table.entries.values()):  # belt and braces: allow_inf_nan above
        raise TableError(f"{path}: every value must be a finite number")
    table._path = path
    return table
