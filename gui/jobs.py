"""Work off the GUI thread on a plain Python thread (numpy releases the GIL in its heavy loops).

A ``ThreadJob`` touches no Qt object: the window polls ``done`` from a timer and reads the job's results. (A QThread
subclass with a Python ``run`` emitting signals deadlocked against the GUI thread under load.) Subclasses give
``_run`` and a ``thread_name``; ``start`` runs it.
"""

from __future__ import annotations

import threading


class ThreadJob:
    thread_name = "job"
    _thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name=self.thread_name, daemon=True)
        self._thread.start()

    @property
    def done(self) -> bool:
        """Started and finished (its results, or its error, are there to read)."""
        return self._thread is not None and not self._thread.is_alive()

    def wait(self, timeout: float | None = None) -> None:
        if self._thread is not None:
            self._thread.join(timeout)

    def _run(self) -> None:
        raise NotImplementedError
