"""Running one function over many inputs in forked worker processes, surviving dead workers.

``multiprocessing.Pool`` waits forever for the result of a worker that was killed (by
the kernel's OOM killer, a signal, a crash in native code): one dead worker hung a CI
job until its time-out. Here the parent hands each worker one task at a time, so it
always knows which input a worker holds: when a worker dies, that input alone is
reported lost, a new worker takes its place, and the run goes on.

Workers ignore Ctrl-C: the parent alone decides what an interrupt means (see
owabilint.interrupts), and whatever ends the parent stops its workers first.
"""

from __future__ import annotations

import signal
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any

LOST = object()  # the result of a task whose worker died


@dataclass
class _Worker:
    process: Any
    conn: Connection
    task: int | None = None


def _worker_main(conn: Connection, fn: Callable[[int], Any], initializer: Callable[[], None] | None) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the parent's handler: just end
    if initializer is not None:
        initializer()
    while True:
        try:
            index = conn.recv()
        except (EOFError, OSError):
            return
        if index is None:
            return
        try:
            outcome = ("ok", fn(index))
        except Exception as exc:  # noqa: BLE001 - handed to the parent, which raises it
            outcome = ("error", exc)
        try:
            try:
                conn.send(outcome)
            except OSError:
                raise
            except Exception:  # noqa: BLE001 - an exception that does not pickle
                conn.send(("error", RuntimeError(repr(outcome[1]))))
        except OSError:  # the parent is gone or stopped listening (interrupted): just end
            return


def run_indexed(
    fn: Callable[[int], Any], count: int, workers: int, initializer: Callable[[], None] | None = None
) -> list:
    """``[fn(0), …, fn(count - 1)]`` computed in ``workers`` forked processes.

    An index whose worker died while it held it gets :data:`LOST` instead of a result.
    An exception raised by ``fn`` is raised here, after the workers are stopped.
    """
    import multiprocessing

    context = multiprocessing.get_context("fork")
    results: list[Any] = [LOST] * count
    queue = deque(range(count))
    active: list[_Worker] = []

    def start() -> _Worker:
        parent_end, child_end = context.Pipe()
        process = context.Process(target=_worker_main, args=(child_end, fn, initializer), daemon=True)
        process.start()
        child_end.close()
        return _Worker(process, parent_end)

    def give_work(worker: _Worker) -> bool:
        """Send the next task; False when there is none (or the worker is gone: the task goes back)."""
        if not queue:
            worker.task = None
            return False
        worker.task = queue.popleft()
        try:
            worker.conn.send(worker.task)
        except OSError:
            queue.appendleft(worker.task)
            worker.task = None
            return False
        return True

    def replace(worker: _Worker) -> None:
        active.remove(worker)
        _stop_one(worker)
        if queue:
            fresh = start()
            if give_work(fresh):
                active.append(fresh)
            else:
                _stop_one(fresh)

    try:
        for _ in range(min(workers, count)):
            worker = start()
            if give_work(worker):
                active.append(worker)
            else:
                _stop_one(worker)
        while active:
            ready = set(wait([w.conn for w in active] + [w.process.sentinel for w in active]))
            for worker in list(active):
                if worker.conn in ready:
                    try:
                        status, value = worker.conn.recv()
                    except (EOFError, OSError):  # died before answering: its task is lost
                        replace(worker)
                        continue
                    if status == "error":
                        raise value
                    assert worker.task is not None
                    results[worker.task] = value
                    if not give_work(worker):
                        active.remove(worker)
                        if queue:  # the worker was gone before it could take the task
                            replace_with = start()
                            if give_work(replace_with):
                                active.append(replace_with)
                        _stop_one(worker)
                elif worker.process.sentinel in ready:
                    replace(worker)
    finally:
        for worker in active:
            _stop_one(worker)
    return results


def _stop_one(worker: _Worker) -> None:
    """Ask the worker to finish, and make sure it does."""
    try:
        worker.conn.send(None)
    except OSError:
        pass
    worker.conn.close()
    worker.process.join(timeout=2)
    if worker.process.is_alive():
        worker.process.terminate()
        worker.process.join(timeout=2)
