"""What runs inside the worker processes of ``--scheduler local:N`` (imported only with Dask installed)."""
from __future__ import annotations

import signal
import threading
from typing import Any

from distributed import WorkerPlugin


class IgnoreInterrupts(WorkerPlugin):
    """A Dask worker plugin for the workers of ``local:N``: they leave Ctrl-C to the quotecli process, which
    ends them (as ``--workers`` does), instead of dying with a traceback when the terminal's process group
    gets SIGINT. Set in each worker process, restarted ones included, as soon as its Worker starts."""

    name = "quotecli-ignore-interrupts"

    def setup(self, worker: Any) -> None:
        if threading.current_thread() is threading.main_thread():
            signal.signal(signal.SIGINT, signal.SIG_IGN)
