"""Where the per-article analysis runs: inline, in a process pool or on a Dask cluster.

:func:`analyse_chunk` is the function every engine runs on a few files at a time; :func:`run_local`
and :func:`run_dask` hand chunks out, keep a bounded number in flight and yield the results in
input order, so every engine gives the same tables. Used by :func:`helpers.pipeline.engine.run_articles`.
"""

from __future__ import annotations

import collections
import logging
import multiprocessing
import os
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from ..ingest import LoadProblem
from .article import analyze_article, encode
from .cache import Entry
from .dedupe import minhash

PARALLEL_MIN_ARTICLES = 8  # below this a pool costs more to start than it saves


def default_jobs() -> int:
    """The number of cores this process may use.

    Example:
        >>> default_jobs() >= 1
        True
    """
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # macOS, Windows
        return max(1, os.cpu_count() or 1)


def analyse_chunk(tasks: list[tuple]) -> list[Entry]:
    """Analyse ``(key, path, overrides[, sentiment])`` tasks in a worker; what every engine runs.

    ``sentiment`` is "model" (when left out) or "lexicon" (:func:`helpers.sentiment.mention_sentiment`).

    Example:
        >>> from helpers.paths import SEEDS_DIR
        >>> [e.problem for e in analyse_chunk([("k", str(SEEDS_DIR / "nope.txt"), {})])][0][0]
        'unreadable'
    """
    out = []
    for key, path, overrides, *method in tasks:
        sentiment = method[0] if method else "model"
        try:
            done = encode(analyze_article(Path(path), overrides=overrides, sentiment=sentiment))
        except LoadProblem as err:
            out.append(Entry(key, problem=(err.kind, str(err))))
            continue
        except Exception as err:  # a bug must not stop a class: report it and go on
            detail = (
                f"{path}: could not be analysed "
                f"({type(err).__name__}: {err}); please report this file"
            )
            out.append(Entry(key, problem=("error", detail), cacheable=False))
            continue
        out.append(
            Entry(
                key,
                tables=done.tables,
                frames=done.frames,
                signature=minhash(done.text),
                cacheable=done.tables is not None,
                article_id=Path(path).stem,
                fragments=done.fragments,
            )
        )
    return out


def _chunks(items: list, size: int) -> list[list]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def run_local(tasks: list, jobs: int) -> Iterator[Entry]:
    """Run ``(key, path, overrides)`` tasks inline or in a pool of ``jobs`` processes; yield their
    entries in input order.

    Example:
        >>> from helpers.paths import SEEDS_DIR
        >>> tasks = [(p.name, str(p), {}) for p in sorted(SEEDS_DIR.glob("*.txt"))]
        >>> [(e.key, e.article_id, e.problem) for e in run_local(tasks, 1)][0]
        ('000_cf5bdca3ca1cd9b9.txt', '000_cf5bdca3ca1cd9b9', None)
    """
    if jobs <= 1 or len(tasks) < PARALLEL_MIN_ARTICLES:
        for task in tasks:
            yield from analyse_chunk([task])
        return
    size = max(1, min(16, len(tasks) // (jobs * 4)))
    # forkserver: workers start from a clean, preloaded process (fork after threads can deadlock).
    method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
    context = multiprocessing.get_context(method)
    if method == "forkserver":
        context.set_forkserver_preload(["helpers.pipeline.workers"])
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        yield from _ordered(pool.submit, _chunks(tasks, size), window=jobs * 3)


def _ordered(submit, chunks: list[list], *, window: int) -> Iterator[Entry]:
    """Submit chunks with at most ``window`` in flight; yield their entries in input order."""
    pending: collections.deque = collections.deque()
    queue = iter(chunks)
    for chunk in queue:
        pending.append(submit(analyse_chunk, chunk))
        if len(pending) >= window:
            break
    while pending:
        entries = pending.popleft().result()
        nxt = next(queue, None)
        if nxt is not None:
            pending.append(submit(analyse_chunk, nxt))
        yield from entries


def run_dask(tasks: list, jobs: int, scheduler: str | None) -> Iterator[Entry]:
    """Run tasks as :func:`run_local` does, on the Dask cluster at ``scheduler`` (or on a local
    one with ``jobs`` single-threaded worker processes); yield the entries in input order.

    Example (a local cluster takes a few seconds to start)::

        entries = list(run_dask(tasks, 2, None))
    """
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as err:  # pragma: no cover - dask is a dependency
        raise RuntimeError(
            "engine='dask' needs dask[distributed]: pip install 'dask[distributed]'"
        ) from err
    cluster = None
    if scheduler:
        try:
            client = Client(scheduler, timeout=30)
        except OSError as err:
            raise RuntimeError(
                f"cannot reach the Dask scheduler at {scheduler} ({err}); check the address, "
                "or leave out --scheduler to start a local Dask cluster"
            ) from err
    else:
        # One single-threaded process per core: the analysis is pure Python (the GIL).
        cluster = LocalCluster(
            n_workers=jobs,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.WARNING,
        )
        client = Client(cluster)
    try:
        threads = max(1, sum(client.nthreads().values()))
        size = max(1, min(16, len(tasks) // (threads * 4)))

        def submit(fn, chunk):
            return client.submit(fn, chunk, pure=False)

        yield from _ordered(submit, _chunks(tasks, size), window=threads * 3)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
