"""Ending on Ctrl-C or SIGTERM: the conventional exit status, quietly (no traceback).

Ctrl-C (SIGINT) exits with 130 and SIGTERM with 143 (128 + the signal number), as
shells report them; worker processes are stopped by the code that started them (see
owabilint.worker_pool) and temporary files are removed by the code that created them
(their ``finally`` blocks run, because both signals arrive as exceptions). A closed
stdout (``owabilint … | head``) ends the run quietly too.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from collections.abc import Callable

INTERRUPTED = 130  # 128 + SIGINT
TERMINATED = 143  # 128 + SIGTERM


class Terminated(BaseException):
    """SIGTERM, raised in the main thread like KeyboardInterrupt is for SIGINT."""


def _raise_terminated(_signum: int, _frame: object) -> None:
    raise Terminated


def run_main(main: Callable[[], None]) -> None:
    """Run the command line's ``main``; turn interrupts into a quiet exit."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _raise_terminated)
    try:
        main()
    except KeyboardInterrupt:  # outside a command (typer turns it into exit 130 inside one)
        _quit(INTERRUPTED)
    except Terminated:
        _quit(TERMINATED)
    except BrokenPipeError:
        _quit(1)


def _quit(code: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C must not interrupt the exit
    if hasattr(signal, "SIGTERM"):
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
    try:
        sys.stdout.flush()
    except (OSError, ValueError):
        pass
    try:  # nothing more may reach a closed pipe when the interpreter flushes at exit
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    raise SystemExit(code)
