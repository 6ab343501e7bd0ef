"""Migrations of design documents saved with an older schema version, up to the current one.

`advisor.io.parse` runs `migrate` on the checked path, after the JSON is read and before it is validated.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from advisor.io_errors import DesignFileError, short
from advisor.json_words import json_kind
from advisor.model import SCHEMA_VERSION


def _migrate_0_to_1(data: dict) -> dict:
    """Version 0 (pre-release drafts) called the CUCM fields `publisher`/`subscribers`.

    Migrations take any JSON shape: what they do not recognise they leave for validation to name.
    """
    sites = data.get("sites")
    for i, site in enumerate(sites if isinstance(sites, list) else ()):
        if isinstance(site, dict):
            for old, new in _RENAMED_0:
                if old in site:
                    if new in site:  # one would silently replace the other
                        raise DesignFileError(f"sites[{i}]: both '{old}' (its name in schema version 0) and "
                                              f"'{new}' are given; keep one")
                    site[new] = site.pop(old)
    return data


_RENAMED_0 = (("publisher", "cucm_publisher"), ("subscribers", "cucm_subscribers"))


def old_names(data: dict) -> dict[str, str]:
    """For a version-0 document, each field path a migration renames, by its new name: {'sites[0].cucm_publisher':
    'sites[0].publisher'}, so that a problem with its value names the field as the file writes it (a draft's
    "publisher": "yes" was "sites[0].cucm_publisher: must be true or false", a field the file does not hold)."""
    version = data.get("schema_version", 0)
    sites = data.get("sites")
    if version not in (0, 0.0) or isinstance(version, bool) or not isinstance(sites, list):
        return {}
    return {f"sites[{i}].{new}": f"sites[{i}].{old}" for i, site in enumerate(sites) if isinstance(site, dict)
            for old, new in _RENAMED_0 if old in site and new not in site}


# MIGRATIONS[n] upgrades a version-n document to version n+1.
MIGRATIONS: dict[int, Callable[[dict], dict]] = {0: _migrate_0_to_1}


def _shown(value: object) -> str:
    """A schema version that is not a whole number, as the file holds it: a number as it is ('1.5', '-1'), a text
    quoted ('"1" (a text)': a bare 1 would read as if 1 were wrong), true, false and null as JSON writes them, a
    list or an object by its kind."""
    if isinstance(value, str):
        return f'"{short(value)}" (a text)'
    if value is None or isinstance(value, bool):
        return json.dumps(value)
    if isinstance(value, (int, float)):
        return short(value)
    return json_kind(value)


def migrate(data: dict) -> dict:
    version = data.get("schema_version", 0)
    if isinstance(version, float) and version.is_integer() and abs(version) < 1e15:
        # refused (the version is written as the app writes it), but not as "must be a whole number ≥ 0, not 1.0"
        raise DesignFileError(f"schema_version: write the version without a decimal point ({int(version)}, not "
                              f"{short(version)})")
    if not isinstance(version, int) or isinstance(version, bool) or version < 0:
        raise DesignFileError(f"schema_version: must be a whole number ≥ 0, not {_shown(version)}")
    if version > SCHEMA_VERSION:
        raise DesignFileError(
            f"this design was saved with schema version {short(version)}, newer than this advisor understands "
            f"({SCHEMA_VERSION}); update UC Design Advisor to open it")
    while version < SCHEMA_VERSION:
        data = MIGRATIONS[version](data)
        version += 1
        data["schema_version"] = version
    return data
