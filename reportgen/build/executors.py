"""Run the per-article task (`tasks.build_article`) in-process, on a local process pool, or on Dask.

Every executor yields one `ArticleResult` per task *in task order* (sorted by source), whatever order
they finish in, so the manifest, the log and the site-wide pages never depend on scheduling.

Local pool: one single-worker `ProcessPoolExecutor` per slot (forkserver start method: never fork a
process that has threads or matplotlib state). A worker that dies (segfault, OOM kill) breaks only its
own executor, so the article it was building fails with a clear message and the slot is replaced; the
forkserver preloads the heavy imports once, so a new worker is a cheap fork. Workers stage their outputs
and write cache objects themselves (same machine) and return small summaries.

Dask: the same task on a `distributed` cluster. Workers receive the article's bytes and return the
output files' bytes, which the client stages: correct on any cluster (workers need reportgen and the
bundled fonts, not the project's files or a shared filesystem), at the cost of moving each PDF over the
network once. The client stages each result as it arrives and keeps only its summary.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from reportgen.build import staging, tasks
from reportgen.build.cache import Cache
from reportgen.build.tasks import ArticleResult, ArticleTask
from reportgen.build.typesetter import Typesetter
from reportgen.config import Config
from reportgen.errors import UsageError

# A worker is replaced after this many articles, so whatever a long run leaves in WeasyPrint's, Pango's
# or matplotlib's caches cannot grow without bound (a new worker is a fork of the preloaded forkserver).
RECYCLE_AFTER = 100
PRELOAD = ["reportgen.build.preload"]


def run_serial(
    config: Config, items: Sequence[ArticleTask], cache: Cache, typesetter: Typesetter | None = None
) -> Iterator[ArticleResult]:
    """In this process; with a `typesetter`, PDFs are left to it and the results say they are pending."""
    state = tasks.WorkerState(config)  # fresh per build: templates may have changed since the last one
    state.typesetter = typesetter
    for task in items:
        yield tasks.build_article(config, task, cache, state=state)


# --- local process pool --------------------------------------------------------------------------------

_CONFIG: Config | None = None
_CACHE: Cache | None = None


def _init_worker(config: Config, build_pid: int) -> None:
    global _CONFIG, _CACHE
    _CONFIG, _CACHE = config, Cache(config)
    threading.Thread(target=_exit_with, args=(build_pid,), name="reportgen-watchdog", daemon=True).start()
    tasks.warm_up(config)


def _exit_with(pid: int) -> None:
    """End this worker when the build that started it is gone (killed with SIGKILL, say).

    A pool worker waits on its task queue forever; without this, a killed build leaves its workers (and
    the forkserver they hold open) running as orphans.
    """
    while True:
        time.sleep(1.0)
        try:
            os.kill(pid, 0)
        except OSError:  # no such process (or, after pid reuse, someone else's): the build is gone
            os._exit(1)


def _pool_task(task: ArticleTask) -> ArticleResult:
    assert _CONFIG is not None and _CACHE is not None, "worker not initialised"
    return tasks.build_article(_CONFIG, task, _CACHE)


def _import_site_renderers() -> None:
    from reportgen.present import charts

    charts.warm_up()


def _context() -> Any:
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(PRELOAD)  # ignored once the forkserver runs; it then already has them
    return ctx


def run_pool(config: Config, items: Sequence[ArticleTask], jobs: int) -> Iterator[ArticleResult]:
    ctx = _context()

    def executor() -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            1,
            mp_context=ctx,
            initializer=_init_worker,
            initargs=(config, os.getpid()),
            max_tasks_per_child=RECYCLE_AFTER,
        )

    slots: list[ProcessPoolExecutor] = [executor() for _ in range(min(jobs, len(items)))]
    # While the forkserver imports the renderers, a core is idle: import what the site step needs later
    # (matplotlib for the figures-over-time chart) here, so it is not paid serially after the articles.
    threading.Thread(target=_import_site_renderers, name="reportgen-prefetch", daemon=True).start()
    free = list(range(len(slots)))
    inflight: dict[Future[ArticleResult], tuple[int, int]] = {}  # future → (slot, task index)
    done: dict[int, ArticleResult] = {}
    following = 0
    # Largest articles first, so the last one to finish is short and no worker idles long at the end;
    # results are still handed back in source order.
    todo = iter(sorted(range(len(items)), key=lambda i: -len(items[i].data)))
    try:
        while following < len(items):
            while free:
                index = next(todo, None)
                if index is None:
                    break
                slot = free.pop()
                inflight[slots[slot].submit(_pool_task, items[index])] = (slot, index)
            finished, _ = wait(inflight, return_when=FIRST_COMPLETED)
            for future in finished:
                slot, index = inflight.pop(future)
                free.append(slot)
                task = items[index]
                try:
                    done[index] = future.result()
                except BrokenProcessPool:
                    done[index] = tasks.failed(
                        task,
                        f"{task.display}: the worker process building it died (crashed or killed, e.g. out of "
                        "memory); the other articles were still built",
                    )
                    slots[slot].shutdown(wait=True, cancel_futures=True)
                    slots[slot] = executor()
                except Exception as exc:  # an unexpected bug in one article must not stop the others
                    done[index] = tasks.failed(task, f"{task.display}: internal error: {type(exc).__name__}: {exc}")
            while following in done:
                yield done.pop(following)
                following += 1
    finally:
        for pool in slots:
            pool.shutdown(wait=True, cancel_futures=True)


# --- Dask ----------------------------------------------------------------------------------------------

_DASK_LOCK = threading.Lock()


def _dask_task(config: Config, task: ArticleTask, preloaded: dict[str, bytes]) -> ArticleResult:
    """On a Dask worker: build from bytes, return the files and new cache objects (no shared filesystem)."""
    # matplotlib and WeasyPrint are not thread-safe: one article at a time per worker process.
    with _DASK_LOCK:
        return tasks.build_article(config, task, tasks.MemoryStore(preloaded), return_files=True)


def run_dask(config: Config, items: Sequence[ArticleTask], cache: Cache, scheduler: str) -> Iterator[ArticleResult]:
    try:
        from distributed import Client, as_completed
    except ImportError:
        raise UsageError("executor 'dask' needs the optional dependency: pip install 'reportgen[dask]'") from None
    try:
        client = Client(scheduler, timeout="10s", set_as_default=False)
    except (OSError, TimeoutError) as exc:
        raise UsageError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
    try:
        futures = {}
        st = tasks.WorkerState(config)
        for index, task in enumerate(items):
            key = tasks.extraction_key(st, task.display, task.deps["article"], task.slug)
            data = cache.get_raw("extract", key)
            preloaded = {f"extract-{key}": data} if data is not None else {}
            future = client.submit(
                _dask_task, config, task, preloaded, pure=False, key=f"reportgen-{index}-{task.slug}"
            )
            futures[future] = index
        done: dict[int, ArticleResult] = {}
        following = 0
        for future in as_completed(list(futures), loop=client.loop):
            index = futures.pop(future)
            task = items[index]
            try:
                result = future.result()
            except Exception as exc:  # a task error or a lost worker (KilledWorker)
                result = tasks.failed(task, f"{task.display}: Dask task failed: {type(exc).__name__}: {exc}")
            future.release()
            if result.files is not None:
                result.written = staging.stage(config, result.files)
                result.files = None
            for name, blob in (result.objects or {}).items():
                kind, _, key = name.partition("-")
                cache.put_raw(kind, key, blob)
            result.objects = None
            done[index] = result
            while following in done:
                yield done.pop(following)
                following += 1
    finally:
        client.close()
