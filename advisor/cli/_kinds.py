"""The kind of file each output option writes, and the refusal of a name whose extension says another kind.

`check --xlsx other.json` wrote a workbook over another design, `report d.json -o d2.json` a PDF over one,
`import sites.xlsx -o sites2.xlsx` a design over a workbook: each in silence, while `bom --csv x.xlsx` was refused.
A name with no extension, or one no command writes (`--csv out.txt`), is taken as it is.
"""

from __future__ import annotations

import os
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


# (command, option's destination) -> a name for the file it writes, as an example in a message
EXAMPLES = {("check", "csv"): "links.csv", ("check", "xlsx"): "tables.xlsx", ("compare", "csv"): "options.csv",
            ("compare", "xlsx"): "options.xlsx", ("report", "output"): "design.pdf",
            ("exercises", "output"): "sheet.pdf", ("exercises", "answers"): "key.pdf",
            ("import", "output"): "design.json", ("bom", "csv"): "bom.csv", ("bom", "xlsx"): "bom.xlsx"}


def unnamed(command: str | None, dest: str, target: str) -> str | None:
    """Why `target` names no file the option of `command` can write, or None: a name ending in '/' names a folder
    (`check --xlsx out.xlsx/` wrote a file called 'out.xlsx'), and a name that is only an extension (`report -o
    .pdf`) a hidden file with no name. `configs -o` names a folder, and passes."""
    example = EXAMPLES.get((command or "", dest))
    if example is None:
        return None
    ends = tuple(sep for sep in ("/", os.sep, os.altsep) if sep)
    if target.endswith(ends):
        return (f"ends in '{target[-1]}', so it names a folder; give a file name such as "
                f"{PurePath(target) / example}")
    path = PurePath(target)
    if path.name.lower() in _EXTENSIONS:
        return f"the file name is only its extension; give a name such as {path.with_name(example)}"
    return None
