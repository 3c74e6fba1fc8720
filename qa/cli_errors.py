"""Error handling shared by every `qa` command: one line and exit 2 for known errors, exit 3 else.

Exit codes (DESIGN §2): 2 usage, configuration or input error (one line on stderr), 3 internal error.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import TypeVar

import click

F = TypeVar("F", bound=Callable[..., object])
EXIT_INPUT_ERROR = 2
EXIT_INTERNAL_ERROR = 3


class QaUsageError(click.ClickException):
    exit_code = EXIT_INPUT_ERROR

    def show(self, file=None) -> None:
        click.echo(f"qa: error: {self.message}", err=True)


def handle_errors(command: F) -> F:
    """Turn known errors into one line + exit 2, and anything else into exit 3 (unless --debug)."""

    @functools.wraps(command)
    def wrapper(*args: object, **kwargs: object) -> object:
        from qa.evaluate import GoldError
        from qa.glossary import GlossaryError

        debug = bool(kwargs.get("debug"))
        try:
            return command(*args, **kwargs)
        except (GlossaryError, GoldError, ValueError) as exc:
            if debug:
                raise
            raise QaUsageError(str(exc)) from None
        except (click.exceptions.Exit, click.ClickException, KeyboardInterrupt, BrokenPipeError):
            raise
        except Exception as exc:
            if debug:
                raise
            click.echo(f"qa: internal error: {exc.__class__.__name__}: {exc} (rerun with --debug)", err=True)
            sys.exit(EXIT_INTERNAL_ERROR)

    return wrapper  # type: ignore[return-value]
