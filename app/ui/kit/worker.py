"""One helper for every long job (after git-cola's qtutils): run off the UI thread.

A `Job` is a plain function `fn(progress) -> result`; `progress(done, total, text="")`
returns False once the user pressed Cancel, and the function should then stop (the
importers raise ImportCancelled). The worker never touches widgets: it reports through
queued signals, and the runner shows and hides the progress dialog.
"""

from __future__ import annotations

import logging
import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from app.errors import DonDocError
from app.ui.kit.i18n import tr

log = logging.getLogger(__name__)

Progress = Callable[..., bool]


class _Channel(QObject):
    progress = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(object, str)  # exception, formatted traceback ("" for user errors)


class _Task(QRunnable):
    def __init__(self, fn: Callable[[Progress], Any], channel: _Channel) -> None:
        super().__init__()
        self.fn = fn
        self.channel = channel
        self.cancelled = threading.Event()
        self.setAutoDelete(True)

    def report(self, done: int, total: int, text: str = "") -> bool:
        self.channel.progress.emit(int(done), int(total), text)
        return not self.cancelled.is_set()

    def run(self) -> None:
        try:
            result = self.fn(self.report)
        except DonDocError as ex:
            self._emit(self.channel.failed, ex, "")
        except Exception as ex:
            self._emit(self.channel.failed, ex, traceback.format_exc())
        else:
            self._emit(self.channel.succeeded, result)

    @staticmethod
    def _emit(signal: Any, *args: Any) -> None:
        try:
            signal.emit(*args)
        except RuntimeError:  # the program is closing and nobody waits for the answer
            log.debug("background job finished after its window closed")


class Job(QObject):
    """A running background job; `finished` fires once, after success or failure."""

    finished = Signal()

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        fn: Callable[[Progress], Any],
        on_success: Callable[[Any], None] | None = None,
        on_failure: Callable[[BaseException, str], None] | None = None,
        *,
        show_dialog: bool = True,
    ) -> None:
        super().__init__(parent)
        self._channel = _Channel()
        self._task = _Task(fn, self._channel)
        self._on_success = on_success
        self._on_failure = on_failure
        self.result: Any = None
        self.error: BaseException | None = None
        self.dialog: QProgressDialog | None = None
        if show_dialog:
            self.dialog = QProgressDialog(title, tr("Hủy"), 0, 0, parent)
            self.dialog.setWindowTitle(title)
            self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
            self.dialog.setMinimumDuration(300)
            self.dialog.setAutoClose(False)
            self.dialog.setAutoReset(False)
            self.dialog.canceled.connect(self.cancel)
        qc = Qt.ConnectionType.QueuedConnection
        self._channel.progress.connect(self._progress, qc)
        self._channel.succeeded.connect(self._succeeded, qc)
        self._channel.failed.connect(self._failed, qc)

    def start(self) -> Job:
        QThreadPool.globalInstance().start(self._task)
        return self

    @property
    def cancelled(self) -> bool:
        return self._task.cancelled.is_set()

    @Slot()
    def cancel(self) -> None:
        self._task.cancelled.set()
        if self.dialog is not None:
            self.dialog.setLabelText(tr("Đang hủy…"))

    @Slot(int, int, str)
    def _progress(self, done: int, total: int, text: str) -> None:
        if self.dialog is None:
            return
        self.dialog.setMaximum(max(total, 0))
        self.dialog.setValue(min(done, total) if total else 0)
        if text and not self.cancelled:
            self.dialog.setLabelText(text)

    def _close(self) -> None:
        if self.dialog is not None:
            self.dialog.reset()
            self.dialog.hide()
            self.dialog.deleteLater()
            self.dialog = None

    @Slot(object)
    def _succeeded(self, result: Any) -> None:
        self.result = result
        self._close()
        if self._on_success is not None:
            self._on_success(result)
        self.finished.emit()

    @Slot(object, str)
    def _failed(self, error: BaseException, trace: str) -> None:
        self.error = error
        self._close()
        if trace:
            log.error("background job failed:\n%s", trace)
        if self._on_failure is not None:
            self._on_failure(error, trace)
        self.finished.emit()


def run_job(
    parent: QWidget | None,
    title: str,
    fn: Callable[[Progress], Any],
    on_success: Callable[[Any], None] | None = None,
    on_failure: Callable[[BaseException, str], None] | None = None,
    *,
    show_dialog: bool = True,
) -> Job:
    """Start `fn` in the thread pool with a cancellable progress dialog."""
    return Job(parent, title, fn, on_success, on_failure, show_dialog=show_dialog).start()


def wait_for_jobs(timeout_ms: int = 30000) -> bool:
    """Let running jobs end before the database they read is closed or replaced."""
    return QThreadPool.globalInstance().waitForDone(timeout_ms)
