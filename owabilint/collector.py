"""Python's cycle collector during start-up: paused, then kept away from start-up's objects.

Importing typer and the engine and loading the prepared rules allocate tens of thousands
of objects that live as long as the process; the cycle collector walks them again and
again while they are being created (about a tenth of a one-draft run) and finds no
garbage among them. The console script pauses it first thing (:func:`pause`, from
owabilint.__main__); once the rules are ready, :func:`resume` moves everything
allocated so far out of its reach (``gc.freeze``) and turns it back on, so what linting
allocates is collected as usual.
"""

from __future__ import annotations

import gc

_paused = False


def pause() -> None:
    """Pause the collector for start-up (nothing when someone else already turned it off)."""
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume() -> None:
    """End a :func:`pause`: start-up's objects are frozen, the collector runs again."""
    global _paused
    if _paused:
        _paused = False
        gc.freeze()
        gc.enable()
