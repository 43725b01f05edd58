"""The ``speechkit`` command: a thin shell over the library. One command, one library call.

The group and the helpers every command shares live here; the commands live in one module per stage of
the data flow (``documents``, ``tracking``, ``corpus``), imported at the end so they register on ``main``.
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from .. import __version__
from ..errors import InputError, SpeechkitError

T = TypeVar("T")


def _fail(message: str, code: int = 1) -> None:
    click.echo(f"error: {message}", err=True)
    sys.exit(code)


def _guard(name: str, fn: Callable[[], T], debug: bool) -> T | None:
    """Run ``fn``; a SpeechkitError or any other failure becomes one line on stderr, never a traceback."""
    try:
        return fn()
    except SpeechkitError as exc:
        msg = str(exc)
        # an input error names its own file (a project table given with a speech, say): say just that
        named = msg.startswith(name) or (
            isinstance(exc, InputError) and exc.source not in ("<bytes>", "<stdin>")
        )
        click.echo(f"error: {msg if named else f'{name}: {msg}'}", err=True)
    except MemoryError:
        click.echo(f"error: {name}: out of memory", err=True)
    except Exception as exc:  # a user's file must never produce a traceback
        if debug:
            raise
        click.echo(
            f"error: {name}: internal error ({type(exc).__name__}: {exc}); rerun with --debug", err=True
        )
    return None


_table_format = click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "json"]),
    default=None,
    help="Output format (default: table, or from the output file's extension).",
)
"""The ``--format table|csv|json`` option of the commands that print a table."""


def _read(path: str, debug: bool) -> Any:
    from ..load import read

    return _guard(path, lambda: read(path), debug)


def _sha256(path: str) -> str | None:
    if path == "-":
        return None
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="speechkit")
@click.option("--debug", is_flag=True, help="Show tracebacks of internal errors.")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """speechkit: Chinese policy speeches and reports as data (目标、问题、任务).

    \b
    Examples:
      speechkit extract 讲话.docx
      speechkit extract 报告.txt --format json -o items.json
      speechkit outline 方案.html
    """
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug


# the commands register themselves on ``main``
from . import corpus, documents, tracking  # noqa: E402, F401
