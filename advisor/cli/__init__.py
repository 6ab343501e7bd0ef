"""The command line: `advisor [gui] [FILE]`, `calc`, `erlang`, `codecs`, `check`, `report`, `import`, `compare`, `bom`, `configs`, `explain`, `exercises`.

Each sub-command lives in its own module with ``register(subparsers)``. Nothing here imports Qt, pyqtgraph or
reportlab at module level: the calc and erlang paths must start fast. Nor argparse, tempfile or the shared CLI
plumbing: `advisor` and `advisor FILE` go straight to the desktop app, whose first paint must not wait for them.
"""

from __future__ import annotations

import gc
import os
import sys
from typing import TYPE_CHECKING

from advisor import __version__

if TYPE_CHECKING:
    import argparse

# Words after `advisor` read at most: `import` with a --map for each of its 200 columns takes 401; argparse took 0.5 s
# on 5,000.
MAX_ARGUMENTS = 5000
SUBCOMMANDS = ("calc", "erlang", "codecs", "check", "report", "import", "compare", "bom", "configs", "explain",
               "exercises")


def build_parser() -> argparse.ArgumentParser:
    import argparse
    import importlib
    import re

    class StoreOnce(argparse._StoreAction):
        """An option that takes one value: given twice with different values it is refused. The last one given
        was used in silence: `explain --site hq --site br1` explained br1 alone, `report -o a.pdf -o b.pdf`
        wrote b.pdf alone. The same value twice does no harm and is taken."""

        def __call__(self, parser, namespace, values, option_string=None):
            given = namespace.__dict__.setdefault("_options_given", {})
            if self.dest in given and given[self.dest][1] != values:
                from advisor.cli._common import printable, quoted

                first, before = given[self.dest]
                raise argparse.ArgumentError(
                    self, f"given twice, {printable(first)} {printable(quoted(before))} and "
                          f"{printable(option_string)} {printable(quoted(values))}: give it once")
            given[self.dest] = (option_string, values)
            super().__call__(parser, namespace, values, option_string)

    class SwitchOnce(argparse.BooleanOptionalAction):
        """A switch and its '--no-' form given both: refused, as StoreOnce refuses two values. `calc --vpn dmvpn
        --gre-key --no-gre-key` sized the packet without the key, the last one given, in silence."""

        def __call__(self, parser, namespace, values, option_string=None):
            if option_string in self.option_strings:
                given = namespace.__dict__.setdefault("_options_given", {})
                value = not option_string.startswith("--no-")
                if self.dest in given and given[self.dest][1] != value:
                    from advisor.cli._common import printable

                    raise argparse.ArgumentError(self, f"given twice, as {printable(given[self.dest][0])} and as "
                                                       f"{printable(option_string)}: give one")
                given[self.dest] = (option_string, value)
            super().__call__(parser, namespace, values, option_string)

    class Parser(argparse.ArgumentParser):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.register("action", None, StoreOnce)
            self.register("action", "store", StoreOnce)
            # a negative number in any form is an option's value, not an option: argparse knew -2 and -.5 only,
            # and `calc --ptime -1e3`, `erlang --traffic -inf` said "expected one argument" (`--gos -1%` too)
            self._negative_number_matcher = re.compile(
                r"^-(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?%?$|^-(?:inf|infinity|nan)$", re.IGNORECASE)

        def add_argument(self, *args, **kwargs):
            if kwargs.get("action") is argparse.BooleanOptionalAction:
                kwargs["action"] = SwitchOnce
            return super().add_argument(*args, **kwargs)

        def parse_args(self, args=None, namespace=None):
            # argparse's "unrecognized arguments: --issued d.json" (`compare --issued 2026-03-01 d.json`) named the
            # design as if it were the mistake, and took the unknown option's value for the design
            parsed, extras = self.parse_known_args(args, namespace)
            if extras:
                command = getattr(parsed, "command", None)
                sub = next((a.choices for a in self._actions if isinstance(a, argparse._SubParsersAction)), {})
                (sub.get(command) or self).error(_unrecognized(command, sub, extras))
            return parsed

        def error(self, message):  # 20,000 stray arguments were all quoted on the error line
            from advisor.cli._common import clip, one_line

            # one line, without the control characters of a value an option's own check quotes as typed
            # (`--header-row $'\e[2J'` cleared the terminal)
            super().error(one_line(clip(message)))

        def _print_message(self, message, file=None):
            # argparse passes over a failed write to standard output: `advisor --help > /dev/full` exited 0 having
            # shown nothing. There the failure is the command's (`_run` says it); stderr keeps argparse's way.
            if message and file is not None and file is sys.stdout:
                file.write(message)
            else:
                super()._print_message(message, file)

        def _get_value(self, action, arg_string):
            from advisor.cli._common import numeral_problem

            if (action.type in (int, float) or getattr(action.type, "takes_numerals", False)) \
                    and isinstance(arg_string, str) and (problem := numeral_problem(arg_string)):
                raise argparse.ArgumentError(action, f"'{arg_string}': {problem}")
            if action.type in (int, float) and isinstance(arg_string, str):
                if problem := _beyond_floats(arg_string, action.type):
                    raise argparse.ArgumentError(action, problem)
                written = arg_string.strip()
                sign = written[:1] if written[:1] in ("+", "-") else ""
                if action.type is int and len(written) > MAX_INT_DIGITS and written[len(sign):].isdigit() \
                        and written.isascii():  # int() counts leading zeros too: 0…02 is 2
                    arg_string = sign + (written[len(sign):].lstrip("0") or "0")
            return super()._get_value(action, arg_string)

        def _check_value(self, action, value):
            # an undecodable byte of a value not among the choices quoted as U+FFFD, as every message shows it
            # (`check --table $'\xff'` said "invalid choice: '\udcff'")
            if isinstance(value, str) and action.choices is not None and value not in action.choices:
                from advisor.io_errors import no_surrogates

                value = no_surrogates(value)
            super()._check_value(action, value)

        def _get_values(self, action, arg_strings):
            # `--hub=--`: Python 3.11's argparse drops the '--' as the end-of-options mark and gives the option
            # an empty list, never passed to its type: a traceback in the command that used it. It is the value.
            if action.option_strings and action.nargs is None and arg_strings == ["--"]:
                value = self._get_value(action, "--")
                self._check_value(action, value)
                return value
            return super()._get_values(action, arg_strings)

    parser = Parser(
        prog="advisor",
        description="UC Design Advisor: per-call bandwidth, Erlang B, VPN choice, CUCM deployment checks, "
        "security checklist and PDF design documents. With no command (or 'gui'), opens the desktop app.",
    )
    parser.add_argument("--version", action="version", version=f"advisor {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    gui = sub.add_parser("gui", help="open the desktop app (the default)")
    gui.add_argument("file", nargs="?", help="a design (.json) or a PDF made by advisor")
    for name in SUBCOMMANDS:
        module = importlib.import_module(f"advisor.cli.{name}_cmd")
        module.register(sub)
    return parser


def _unrecognized(command: str | None, parsers: dict, extras: list[str]) -> str:
    """What the words `command` took no place for say: the first unknown option, with the one it may stand for or
    the command it belongs to, else the words too many."""
    import difflib

    from advisor.cli._common import printable, quoted

    own = parsers.get(command)
    where = f"advisor {command}" if command else "advisor"
    matcher = getattr(own, "_negative_number_matcher", None)
    cut = extras.index("--") if "--" in extras else len(extras)  # after '--' every word is a plain word
    option = next((word for word in extras[:cut] if word.startswith("-") and len(word) > 1
                   and not (matcher and matcher.match(word))), None)
    if option is None:
        words = [word for word in extras if word != "--"] or extras
        shown = ", ".join(printable(quoted(word if len(word) <= 40 else word[:39] + "…")) for word in words)
        takes = [a for a in own._actions if not a.option_strings] if own is not None else []
        plain = any(word.startswith("-") for word in extras[cut + 1:])
        return (f"unexpected {shown}: {where} takes {'one file' if takes else 'no file or other word'}"
                + (" (after '--' a word is never an option: remove the '--')" if plain else ""))
    name = option.split("=", 1)[0]
    shown = printable(quoted(name if len(name) <= 40 else name[:39] + "…"))
    known = [s for a in own._actions for s in a.option_strings if s.startswith("--")] if own is not None else []
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.75)  # '--pstn' is no '--json' mistyped
    others = [c for c, p in parsers.items() if c != command and name in p._option_string_actions and name != "-h"]
    hint = (f"; did you mean {close[0]}?" if close else
            f"; it is an option of {', '.join(f'advisor {c}' for c in others[:3])}" if others else "")
    return f"unknown option {shown} for {where}{hint} (see {where} --help)"


# Digits of a whole number Python reads (`sys.get_int_max_str_digits`, 4,300): int() refuses more as an
# "invalid int value", although the number is whole.
MAX_INT_DIGITS = 4300


def _beyond_floats(text: str, kind: type, overflow: bool = True) -> str | None:
    """Why a number as typed for an int or float option cannot be read as the number it is, or None: a whole
    number of more digits than int() reads ("invalid int value: '999…'"), and a decimal beyond what a float holds,
    which float() reads as infinity or 0 (`calc --ptime 1e400` said "got inf", `--ptime 1e-400` "0 ms is out of
    range", `--ptime 1e-320` named 9.99989e-321); `overflow=False`: the latter only. The option's own check takes
    everything else."""
    import math

    written = text.strip()
    if kind is int:
        digits = written.lstrip("+-").lstrip("0")
        if digits.isascii() and digits.isdigit() and len(digits) > MAX_INT_DIGITS:
            return f"a number of {len(digits):,} digits, far beyond any value this option takes"
        return None
    try:
        value = float(written)
    except ValueError:
        return None
    shown = f"'{written}'" if len(written) <= 40 else f"a number of {len(written):,} characters"
    if overflow and math.isinf(value) and "inf" not in written.lower():
        return f"{shown} is beyond the largest number this tool reads (about 1.8e308)"
    mantissa = written.lower().split("e")[0]
    if value == 0.0 and any(c in "123456789" for c in mantissa) or 0.0 < abs(value) < sys.float_info.min:
        return f"{shown} is too close to 0 to read exactly (at least about 2.2e-308 apart from 0)"
    return None


def _beyond_percent(text: str) -> str | None:
    """`_beyond_floats` (without overflow) for a share typed as a fraction or in percent: '1e-307%' is a number a
    float holds, but not once divided by 100 (a denormal), and '1e-400%' was read as 0."""
    written = text.strip()
    if not written.endswith("%"):
        return _beyond_floats(written, float, overflow=False)
    number = written[:-1]
    try:
        value = float(number) / 100.0
    except ValueError:
        return None
    if 0.0 < abs(value) < sys.float_info.min or (value == 0.0 and any(c in "123456789"
                                                                      for c in number.lower().split("e")[0])):
        shown = f"'{written}'" if len(written) <= 40 else f"a number of {len(written):,} characters"
        return f"{shown} is too close to 0 to read exactly (at least about 2.2e-306 % apart from 0)"
    return None


def entry() -> None:
    """The `advisor` program (`python -m advisor` too): `main`, then, after a sub-command, the end of the process
    without tearing it down.

    A sub-command's work is done once its output is flushed; freeing the hundreds of thousands of objects a
    10,000-site design and its results hold, one by one at exit, took ~0.2 s of a 1.2 s `check --json`. So the
    streams are flushed and the process ends at once (`os._exit`): nothing else is pending then (the CLI writes
    files atomically and closes them, and registers no exit handlers). The desktop app exits normally: Qt and the
    settings need their teardown. Tests call `main`, which returns."""
    argv = sys.argv[1:]
    words = argv[1:] if argv[:1] == ["--"] else argv  # `advisor -- check …` runs the command, `-- FILE` the app
    one_shot = bool(words) and (words[0] in SUBCOMMANDS or (words is argv and words[0].startswith("-")))
    if one_shot:  # off for good: `main` would turn the collector back on at its end, and the first allocation
        gc.disable()  # after that walked every object of the design and its results (~0.1 s at 10,000 sites)
    try:
        code = main(argv)
    except KeyboardInterrupt:  # Ctrl-C while the modules load, before a sub-command's own handler (_run)
        try:
            print("advisor: error: interrupted", file=sys.stderr)
        except (OSError, ValueError, AttributeError):
            pass
        code = 130
    if one_shot:  # a sub-command, --help, --version
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError, AttributeError):  # a closed pipe (`| head`), stream, or none (`>&-`)
                pass
        os._exit(code)
    sys.exit(code)


def _utf8_words(argv: list[str]) -> list[str]:
    """The command line as UTF-8 text wherever it is: under the C locale without UTF-8 mode (`LC_ALL=C
    PYTHONUTF8=0`) Python hands each non-ASCII byte over as a lone surrogate, so `--site 東京` named no site and
    `--name 東京設計` no valid name although the bytes were UTF-8. Words that are no UTF-8 stay as given (a file
    name may hold any bytes; the options that take text refuse them with a message)."""
    out = []
    for word in argv:
        if not word.isascii():
            try:
                word = os.fsencode(word).decode("utf-8")
            except (UnicodeError, ValueError):
                pass
        out.append(word)
    return out


def main(argv: list[str] | None = None) -> int:
    argv = _utf8_words(list(sys.argv[1:] if argv is None else argv))
    ended = argv[:1] == ["--"]  # the end of options: what follows is the command, or the design to open
    if ended:  # `advisor -- check d.json` said "argument COMMAND: invalid choice: '--'"
        argv = argv[1:]
    elif argv and argv[0].startswith("-") and (misplaced := _misplaced_option(argv[0])) is not None:
        from advisor.cli._common import fail

        return fail(misplaced)
    # `advisor FILE` opens the app on FILE; `advisor` alone opens it on the last design or the example.
    if not argv or (argv[0] not in SUBCOMMANDS and argv[0] != "gui" and (ended or not argv[0].startswith("-"))):
        if argv and (typo := _unknown_command(argv[0])) is not None:
            from advisor.cli._common import fail

            return fail(typo)
        return _gui(argv[0] if argv else None)
    collecting = gc.isenabled()
    gc.disable()  # a one-shot command: see _run
    try:
        return _run(argv)
    finally:
        if collecting:
            gc.enable()


_TOP_OPTIONS = ("--help", "--version")


def _misplaced_option(word: str) -> str | None:
    """Why `advisor -X …` names no option of `advisor` itself, or None (-h, --help, --version and argparse's
    abbreviations of them, which argparse takes). An option before the command was refused as if the word after it
    were the command: `advisor --check d.json` and `advisor -o x.pdf report d.json` said "argument COMMAND: invalid
    choice: 'd.json'", naming the design, not the mistake."""
    from advisor.cli._common import printable, quoted

    name = word.split("=", 1)[0]
    if name == "-h" or (not name.startswith("--") and name.startswith("-h")) or (
            len(name) > 2 and any(option.startswith(name) for option in _TOP_OPTIONS)):
        return None
    bare = name.lstrip("-").lower()
    if bare in SUBCOMMANDS or bare == "gui":
        hint = f"commands are written without dashes: advisor {bare} …"
    else:
        hint = "a command's options go after the command, e.g. advisor check --json design.json"
    return (f"unknown option {printable(quoted(word if len(word) <= 40 else word[:39] + '…'))} before the command: "
            f"{hint}; the commands are {', '.join(SUBCOMMANDS)}")


def _unknown_command(word: str) -> str | None:
    """Why `advisor WORD` is not opened as a design: a bare word (no dot, no folder) that names no file is a
    command mistyped (`advisor chek d.json`, `advisor export`), not a design to open in the app; None otherwise."""
    import difflib

    if not word.isascii() or os.path.lexists(word):
        return None
    close = difflib.get_close_matches(word.lower(), SUBCOMMANDS, n=1)
    # a word with a digit or a '_' too, when it reads as a command mistyped: `advisor check2 d.json` and `advisor
    # calc_ …` opened the app on a design of that name (not there) and passed over the rest in silence
    if not word.replace("-", "").isalpha() and not (close and word.replace("-", "").replace("_", "").isalnum()):
        return None
    hint = f"did you mean '{close[0]}'? " if close else ""
    return (f"unknown command '{word}': {hint}the commands are {', '.join(SUBCOMMANDS)}; to open a design, give "
            "its file name (design.json or a PDF made by advisor report)")


def _run(argv: list[str]) -> int:
    """Run a sub-command with Python's cyclic garbage collector off (`main` turns it off and back on).

    A command runs once and exits: it loads a design, analyses it and writes its output, building hundreds of
    thousands of objects (a 10,000-site design) and almost no reference cycles, which reference counting frees at
    once. The collector would walk all of them again at every burst of allocations: about a tenth of `check
    --json` at 10,000 sites. Turning it off changes no output and, measured on a 1,000-site PDF, not the peak
    memory (118 MB either way)."""
    from advisor.cli._common import (
        ClosedOutput,
        Outcome,
        OutputFailed,
        UsageError,
        check_outputs,
        closed_stdout,
        fail,
        guard_stdout,
        setup_streams,
    )
    from advisor.cli._progress import on_terminal
    from advisor.cli._signals import Stopped, ended_like_interrupts, ending, received

    setup_streams()
    closed_stdout()
    Outcome.status = 0
    if len(argv) > MAX_ARGUMENTS:  # argparse's time grows with the square of the options given (20,000 --map: 9 s)
        return fail(f"{len(argv):,} arguments on the command line, far more than any command takes (at most "
                    f"{MAX_ARGUMENTS:,})")
    stdout = guard_stdout()
    parser = build_parser()
    try:
        try:
            args = parser.parse_args(argv)
        except SystemExit:  # --help, --version or a usage error: what argparse wrote must reach standard output
            sys.stdout.flush()
            raise
        if args.command in (None, "gui"):
            gc.enable()  # the app runs for hours: it needs the collector
            sys.stdout = stdout
            return _gui(getattr(args, "file", None))
        check_outputs(args)
        with on_terminal(), ended_like_interrupts():
            code = int(args.handler(args) or 0)
        sys.stdout.flush()  # here, not at exit: a full disk is an error to report, not to pass over
        return code
    except UsageError as exc:
        if (signum := received()) is not None:  # a write the signal broke, said as its own failure
            return fail(*ending(signum))
        return fail(str(exc))
    except BrokenPipeError:  # `advisor calc | head`: the output is cut, the verdict stands
        return Outcome.status
    except ClosedOutput:  # `advisor check x >&-`: what was asked for went nowhere
        return fail("standard output is closed: the output cannot be written")
    except OutputFailed as exc:  # `advisor calc > /dev/full`
        return fail(f"standard output cannot be written: {exc.strerror}")
    except KeyboardInterrupt:
        return fail(*ending())
    except Stopped as exc:  # SIGTERM, SIGHUP: ended as Ctrl-C ends it, the status the signal would have given
        return fail(*ending(exc.signum))
    except Exception as exc:  # the last resort: a bug must not end in a traceback for the user
        if (signum := received()) is not None:  # the signal's exception, turned into another by a library
            return fail(*ending(signum))
        from advisor.tables import TableError

        if isinstance(exc, TableError):  # a user's limit table (ADVISOR_TABLES_DIR) broken where a rule reads it
            return fail(str(exc))
        from advisor.cli._errors import internal_error, reportlab_settings, show_tracebacks

        if (settings := reportlab_settings(exc)) is not None:
            return fail(settings)
        if show_tracebacks():
            raise
        return fail(internal_error(exc))
    finally:
        if sys.stdout is not stdout and stdout is not None:
            sys.stdout = stdout


def _gui(path: str | None) -> int:
    from advisor.ui.app import run  # Qt is imported only here

    return run(path)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
