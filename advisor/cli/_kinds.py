"""The kind of file each output option writes, and the refusal of a name whose extension says another kind.

`check --xlsx other.json` wrote a workbook over another design, `report d.json -o d2.json` a PDF over one,
`import sites.xlsx -o sites2.xlsx` a design over a workbook: each in silence, while `bom --csv x.xlsx` was refused.
A name with no extension, or one no command writes (`--csv out.txt`), is taken as it is.
"""

from __future__ import annotations

from pathlib import PurePath

# what a file of each extension is, as a message says it
_EXTENSIONS = {".json": "a design file", ".pdf": "a PDF", ".xlsx": "an Excel workbook", ".xlsm": "an Excel workbook",
               ".xls": "an Excel workbook", ".csv": "a CSV file"}

# (command, option's destination) -> the extension of what it writes; `bom` checks its own names (must end in it)
WRITES = {("check", "csv"): ".csv", ("check", "xlsx"): ".xlsx", ("compare", "csv"): ".csv",
          ("compare", "xlsx"): ".xlsx", ("report", "output"): ".pdf", ("exercises", "output"): ".pdf",
          ("exercises", "answers"): ".pdf", ("import", "output"): ".json"}


def misnamed(command: str | None, dest: str, option: str, target: str) -> str | None:
    """Why `target` is refused as the file `option` of `command` writes, or None: its extension names another
    kind of file than the one written."""
    wanted = WRITES.get((command or "", dest))
    path = PurePath(target)
    suffix = path.suffix.lower()
    if wanted is None or suffix not in _EXTENSIONS or _EXTENSIONS[suffix] == _EXTENSIONS[wanted]:
        return None
    return (f"the name ends in {path.suffix}, which is for {_EXTENSIONS[suffix]}, but {option} writes "
            f"{_EXTENSIONS[wanted]}; give a name ending in {wanted}, e.g. {path.with_suffix(wanted).name}")
