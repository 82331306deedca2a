"""Run the per-article analysis over many files: an on-disk cache, duplicates, processes or Dask.

:func:`run_articles` is what :func:`helpers.analyze.analyze` calls. For each file it

1. reads the bytes once, hashes them (the cache key: bytes + path + manifest metadata + pipeline
   version) and hashes the decoded, whitespace-normalised text: the same text under another name is
   analysed once and the copy is reported as a ``duplicate`` problem;
2. takes the article's tables from the cache when the key is there, else runs
   :func:`helpers.analyze.analyze_one` inline, in a process pool (``jobs``) or on a Dask cluster,
   always consuming results in input order so every engine gives the same tables;
3. flags near-duplicates (the same story re-posted with other furniture) from MinHash signatures
   of the cleaned text.

The cache (:class:`Cache`) keeps results under ``cache_dir/<pipeline version>/`` as Parquet segments,
written atomically and checked when read; a damaged segment is deleted and its articles recomputed.
"""

from __future__ import annotations

import collections
import hashlib
import json
import logging
import multiprocessing
import os
import re
import shutil
import sys
import time
import uuid
import zlib
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

__all__ = [
    "DEFAULT_CACHE_DIR",
    "Cache",
    "Entry",
    "Run",
    "analyse_chunk",
    "arrow_tables",
    "default_jobs",
    "estimate_jaccard",
    "minhash",
    "near_duplicates",
    "pipeline_version",
    "run_articles",
]

DEFAULT_CACHE_DIR = Path(".cache") / "ir-kit"
ENGINES = ("local", "dask")
PARALLEL_MIN_ARTICLES = 8  # below this a pool costs more to start than it saves
NEAR_DUPLICATE_JACCARD = 0.8
_PACKAGES = (
    "textblob",
    "vaderSentiment",
    "nupunkt",
    "trafilatura",
    "py3langid",
    "pandas",
    "pyarrow",
)
_SHINGLE = 5
_BANDS, _ROWS = 20, 6  # LSH: pairs with Jaccard 0.8 share a band with probability > 0.99
_PERMUTATIONS = np.random.default_rng(20240601).integers(
    1, 2**63, size=(2, _BANDS * _ROWS), dtype=np.uint64
) | np.uint64(1)
_WORD = re.compile(r"\w+")


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


def pipeline_version() -> str:
    """Hash of everything an article's tables depend on besides the file itself.

    The kit's version, the code in ``helpers/`` (so a fix during development is never hidden by a
    stale cache), every ``data/*.csv`` list and the versions of the lexicon packages.

    Example:
        >>> len(pipeline_version())
        64
    """
    from . import __version__
    from .paths import DATA_DIR, ROOT

    digest = hashlib.sha256(f"{__version__}\0{ROOT.resolve()}\0".encode())
    for name in _PACKAGES:
        try:
            digest.update(f"{name}={metadata.version(name)}\0".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name}=-\0".encode())
    code = sorted(Path(__file__).resolve().parent.glob("*.py"))
    for path in [*code, *sorted(DATA_DIR.glob("*.csv"))]:
        digest.update(f"{path.parent.name}/{path.name}\0".encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def minhash(text: str) -> bytes:
    """MinHash signature (120 x uint32) of a text's lower-cased word 5-grams; b"" for no words.

    Example:
        >>> len(minhash("Japan and France signed a defence pact on Tuesday in Paris."))
        480
    """
    words = _WORD.findall(text.lower())
    if not words:
        return b""
    ids = np.fromiter((zlib.crc32(w.encode()) for w in words), dtype=np.uint64, count=len(words))
    k = min(_SHINGLE, len(ids))
    n = len(ids) - k + 1
    shingles = np.zeros(n, dtype=np.uint64)
    for j in range(k):  # a polynomial hash of k consecutive word ids (uint64 wraps around)
        shingles = shingles * np.uint64(1_000_003) + ids[j : j + n]
    shingles = np.unique(shingles)
    a, b = _PERMUTATIONS
    best = np.full(a.shape, np.iinfo(np.uint64).max, dtype=np.uint64)
    for start in range(0, len(shingles), 2048):  # bounded memory for very long texts
        block = shingles[start : start + 2048]
        values = (a[:, None] * block[None, :] + b[:, None]) >> np.uint64(32)
        best = np.minimum(best, values.min(axis=1))
    return best.astype(np.uint32).tobytes()


def estimate_jaccard(first: bytes, second: bytes) -> float:
    """Share of equal MinHash values: an estimate of the two texts' 5-gram Jaccard similarity.

    Example:
        >>> s = minhash("The ministers met in Rome to discuss the grain corridor and sanctions.")
        >>> estimate_jaccard(s, s)
        1.0
    """
    if not first or not second:
        return 0.0
    return float(np.mean(np.frombuffer(first, np.uint32) == np.frombuffer(second, np.uint32)))


def near_duplicates(
    signatures: list[bytes], *, threshold: float = NEAR_DUPLICATE_JACCARD
) -> list[tuple[int, int, float]]:
    """Pairs (earlier, later, estimate) whose estimated Jaccard is at least ``threshold``.

    Each later text is paired with its most similar earlier one only. Candidates come from
    locality-sensitive hashing (20 bands of 6 values), so the cost stays near linear.

    Example:
        >>> a = minhash("Leaders of the G7 met in Biarritz to discuss the Amazon fires and trade.")
        >>> near_duplicates([a, minhash("Unrelated text about football."), a])
        [(0, 2, 1.0)]
    """
    usable = [i for i, s in enumerate(signatures) if s]
    if len(usable) < 2:
        return []
    matrix = np.stack([np.frombuffer(signatures[i], np.uint32) for i in usable])
    candidates: dict[int, set[int]] = collections.defaultdict(set)
    for band in range(_BANDS):
        keys = np.ascontiguousarray(matrix[:, band * _ROWS : (band + 1) * _ROWS])
        keys = keys.view(np.dtype((np.void, keys.itemsize * _ROWS))).ravel()
        _, inverse, counts = np.unique(keys, return_inverse=True, return_counts=True)
        order = np.argsort(inverse, kind="stable")  # grouped by bucket, input order inside
        starts = np.cumsum(counts) - counts
        for bucket in np.flatnonzero(counts > 1):
            members = order[starts[bucket] : starts[bucket] + counts[bucket]]
            for pos, later in enumerate(members[1:], start=1):
                candidates[int(later)].update(int(m) for m in members[max(0, pos - 20) : pos])
    found = []
    for later in sorted(candidates):
        scores = [(float(np.mean(matrix[e] == matrix[later])), -e) for e in candidates[later]]
        score, earlier = max(scores)
        if score >= threshold:
            found.append((usable[-earlier], usable[later], score))
    return found


@dataclass
class Entry:
    """One article's result: its non-empty tables (Arrow), or the problem that stopped it."""

    key: str
    tables: dict[str, pa.Table] | None = None
    frames: dict[str, pd.DataFrame] | None = None  # tables Arrow cannot round-trip exactly
    problem: tuple[str, str] | None = None
    signature: bytes = b""
    cacheable: bool = True


_ARROW_TYPES = (pa.types.is_string, pa.types.is_large_string, pa.types.is_null)
_ARROW_NUMBERS = (pa.types.is_integer, pa.types.is_floating, pa.types.is_boolean)


def arrow_tables(tables: dict[str, pd.DataFrame]) -> dict[str, pa.Table] | None:
    """Convert an article's non-empty tables to Arrow; ``None`` when one would not round-trip.

    Text, integer, float and boolean columns come back from Arrow as they went in; an object
    column holding numbers or lists would not (ints with gaps come back as floats), so such an
    article is kept as pandas and not cached.

    Example:
        >>> arrow_tables({"t": pd.DataFrame({"a": ["x"], "n": [1]})})["t"].column_names
        ['a', 'n']
        >>> arrow_tables({"t": pd.DataFrame({"a": [[1, 2]]})}) is None
        True
    """
    out = {}
    for name, frame in tables.items():
        if not len(frame):
            continue
        names = list(frame.columns)
        if len(set(names)) != len(names) or not all(isinstance(c, str) for c in names):
            return None
        arrays = []
        for _, series in frame.items():
            # Column by column is 2-3x faster than Table.from_pandas on these small frames.
            try:
                if series.dtype == object:
                    array = pa.array(series.to_numpy(), from_pandas=True)
                    if not any(check(array.type) for check in _ARROW_TYPES):
                        return None
                elif hasattr(series.array, "__arrow_array__"):
                    array = pa.array(series.array)
                else:
                    array = pa.array(series.to_numpy())
            except (pa.ArrowException, TypeError, ValueError):
                return None
            if not any(check(array.type) for check in _ARROW_TYPES + _ARROW_NUMBERS):
                return None
            arrays.append(array)
        out[name] = pa.Table.from_arrays(arrays, names=names)
    return out


_BROKEN = (OSError, ValueError, KeyError, TypeError, IndexError, pa.ArrowException)


class Cache:
    """Per-article results on disk, in Parquet segments under ``root/<pipeline version>/``.

    A segment (``seg-*/``) holds ``index.parquet`` (one row per article: key, problem, MinHash
    signature and where its rows are) and one Parquet file per table and column layout with a
    ``_key`` column. Segments are written into a temporary folder and renamed into place, so a
    crash never leaves half of one; pages carry CRC checksums, row counts and keys are checked on
    reading, and a segment that fails any check is deleted so its articles are analysed again.

    Example:
        >>> import tempfile
        >>> cache = Cache(Path(tempfile.mkdtemp()), "v1")
        >>> cache.add(Entry("k1", problem=("empty", "x.txt: the file is empty")))
        >>> cache.flush()
        >>> Cache(cache.root, "v1").lookup({"k1"})["k1"].problem
        ('empty', 'x.txt: the file is empty')
    """

    FLUSH_ARTICLES = 512
    FLUSH_BYTES = 64 * 2**20

    def __init__(self, root: Path, version: str) -> None:
        self.root = Path(root)
        self.version = version
        self.dir = self.root / version[:16]
        self._buffer: list[Entry] = []
        self._bytes = 0

    def lookup(self, keys: set[str]) -> dict[str, Entry]:
        """Return the cached entries for ``keys``; damaged segments are deleted, not trusted."""
        found: dict[str, Entry] = {}
        if not self.dir.is_dir():
            return found
        for segment in sorted(self.dir.glob("seg-*")):
            try:
                found.update(self._read(segment, keys - found.keys()))
            except _BROKEN:
                shutil.rmtree(segment, ignore_errors=True)
        for tmp in self.dir.glob(".tmp-*"):  # left by a crash; never read
            if time.time() - tmp.stat().st_mtime > 3600:
                shutil.rmtree(tmp, ignore_errors=True)
        return found

    def _read(self, segment: Path, keys: set[str]) -> dict[str, Entry]:
        index = pq.read_table(segment / "index.parquet", page_checksum_verification=True)
        meta = json.loads(index.schema.metadata[b"ir-kit"])
        if meta["version"] != self.version:
            raise ValueError(f"{segment}: written by another pipeline version")
        rows = [r for r in index.to_pylist() if r["key"] in keys]
        files: dict[str, pa.Table] = {}
        for name in sorted({loc[0] for r in rows for loc in json.loads(r["tables"]).values()}):
            table = pq.read_table(segment / name, page_checksum_verification=True)
            if table.num_rows != meta["rows"][name]:
                raise ValueError(f"{segment / name}: wrong number of rows")
            files[name] = table
        out = {}
        for r in rows:
            tables = {}
            for table_name, (file, offset, length) in json.loads(r["tables"]).items():
                part = files[file].slice(offset, length)
                ends = part.column("_key")
                if length < 1 or ends[0].as_py() != r["key"] or ends[-1].as_py() != r["key"]:
                    raise ValueError(f"{segment / file}: rows do not match the index")
                tables[table_name] = part.drop_columns(["_key"])
            problem = (r["problem_kind"], r["problem_detail"]) if r["problem_kind"] else None
            out[r["key"]] = Entry(
                r["key"],
                tables=None if problem else tables,
                problem=problem,
                signature=r["signature"] or b"",
            )
        return out

    def add(self, entry: Entry) -> list[str]:
        """Buffer an entry; a full buffer is written out as a new segment (its keys returned)."""
        self._buffer.append(entry)
        self._bytes += sum(t.nbytes for t in (entry.tables or {}).values())
        if len(self._buffer) >= self.FLUSH_ARTICLES or self._bytes >= self.FLUSH_BYTES:
            return self.flush()
        return []

    def flush(self) -> list[str]:
        """Write buffered entries as one segment (atomically); return the keys now on disk.

        A failure only costs the cache: a warning, and the keys are not returned.
        """
        entries, self._buffer, self._bytes = self._buffer, [], 0
        if not entries:
            return []
        tmp = self.dir / f".tmp-{uuid.uuid4().hex}"
        try:
            tmp.mkdir(parents=True)
            self._write(tmp, entries)
            tmp.rename(self.dir / f"seg-{time.time_ns():016x}-{uuid.uuid4().hex[:8]}")
        except OSError as err:
            print(f"warning: could not write the cache in {self.dir} ({err})", file=sys.stderr)
            return []
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        return [e.key for e in entries]

    def _write(self, folder: Path, entries: list[Entry]) -> None:
        # One file per table and exact schema: an article's columns and types come back unchanged.
        groups: dict[tuple[str, bytes], tuple[str, list[pa.Table]]] = {}
        locations: list[dict[str, list]] = []
        for entry in entries:
            where = {}
            for name, table in (entry.tables or {}).items():
                group = (name, table.schema.serialize().to_pybytes())
                if group not in groups:
                    groups[group] = (f"{name}-{len(groups)}.parquet", [])
                file, parts = groups[group]
                where[name] = [file, sum(t.num_rows for t in parts), table.num_rows]
                parts.append(table.append_column("_key", pa.array([entry.key] * table.num_rows)))
            locations.append(where)
        rows = {}
        for file, parts in groups.values():
            table = pa.concat_tables(parts)
            pq.write_table(table, folder / file, compression="zstd", write_page_checksum=True)
            rows[file] = table.num_rows
        index = pa.table(
            {
                "key": [e.key for e in entries],
                "problem_kind": [e.problem[0] if e.problem else None for e in entries],
                "problem_detail": [e.problem[1] if e.problem else None for e in entries],
                "signature": pa.array([e.signature for e in entries], pa.binary()),
                "tables": [json.dumps(w) for w in locations],
            }
        )
        meta = {"version": self.version, "rows": rows}
        index = index.replace_schema_metadata({"ir-kit": json.dumps(meta)})
        pq.write_table(
            index, folder / "index.parquet", compression="zstd", write_page_checksum=True
        )


@dataclass
class _File:
    """One input file as the run sees it (no text kept: only hashes)."""

    path: Path
    overrides: dict[str, str]
    key: str = ""
    text_hash: str = ""
    skip: dict | None = None  # a problem row when the file is not analysed (duplicate)


@dataclass
class Run:
    """What :func:`run_articles` returns: table parts for ``build_tables``, problems and counts."""

    parts: dict[str, list[pd.DataFrame]]
    problems: list[dict[str, str]]
    stats: dict[str, int] = field(default_factory=dict)


def _problem(article_id: str, kind: str, detail: str) -> dict[str, str]:
    return {"article_id": article_id, "kind": kind, "detail": detail}


def _text_hash(raw: bytes, path: Path) -> str:
    from .load import LoadProblem, decode_bytes

    try:
        text, _ = decode_bytes(raw, path=path)
    except LoadProblem:
        return ""
    return hashlib.sha256(" ".join(text.split()).encode()).hexdigest()


def _prepare(files: list[tuple[Path, dict[str, str]]], version: str) -> list[_File]:
    """Hash every file (bytes for the key, decoded text for duplicates); mark duplicates."""
    prepared, first_by_text = [], {}
    for path, overrides in files:
        item = _File(Path(path), dict(overrides or {}))
        try:
            raw = item.path.read_bytes()
        except OSError:
            raw = b""  # analyze_one reports why it cannot be read
        ident = json.dumps(
            [
                version,
                hashlib.sha256(raw).hexdigest(),
                str(path),
                str(item.path.resolve()),
                sorted(item.overrides.items()),
            ]
        )
        item.key = hashlib.sha256(ident.encode()).hexdigest()
        item.text_hash = _text_hash(raw, item.path) if raw.strip() else ""
        first = first_by_text.get(item.text_hash) if item.text_hash else None
        if first is not None and first.path.stem != item.path.stem:
            item.skip = _problem(
                item.path.stem,
                "duplicate",
                f"{path}: same text as {first.path}, which is analysed instead; "
                "delete one of the two files",
            )
        elif item.text_hash:
            first_by_text.setdefault(item.text_hash, item)
        prepared.append(item)
    return prepared


def analyse_chunk(tasks: list[tuple[str, str, dict[str, str]]]) -> list[Entry]:
    """Analyse ``(key, path, overrides)`` tasks in a worker; the function every engine runs.

    Example:
        >>> from helpers.paths import SEEDS_DIR
        >>> [e.problem for e in analyse_chunk([("k", str(SEEDS_DIR / "nope.txt"), {})])][0][0]
        'unreadable'
    """
    from .analyze import analyze_one
    from .load import LoadProblem

    out = []
    for key, path, overrides in tasks:
        try:
            tables = analyze_one(Path(path), overrides=overrides)
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
        text = " ".join(tables["sentences"]["text"]) if len(tables["sentences"]) else ""
        converted = arrow_tables(tables)
        out.append(
            Entry(
                key,
                tables=converted,
                frames=None
                if converted is not None
                else {k: v for k, v in tables.items() if len(v)},
                signature=minhash(text),
                cacheable=converted is not None,
            )
        )
    return out


def _chunks(items: list, size: int) -> list[list]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def _run_local(tasks: list, jobs: int) -> Iterator[Entry]:
    if jobs <= 1 or len(tasks) < PARALLEL_MIN_ARTICLES:
        for task in tasks:
            yield from analyse_chunk([task])
        return
    size = max(1, min(16, len(tasks) // (jobs * 4)))
    # forkserver: workers start from a clean, preloaded process (fork after threads can deadlock).
    method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
    context = multiprocessing.get_context(method)
    if method == "forkserver":
        context.set_forkserver_preload(["helpers.analyze", "helpers.engine"])
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


def _run_dask(tasks: list, jobs: int, scheduler: str | None) -> Iterator[Entry]:
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


def _progress(total: int, enabled: bool):
    if not enabled:
        return None
    from tqdm.auto import tqdm

    return tqdm(total=total, desc="analysing", unit="article", file=sys.stderr)


def run_articles(
    files: Iterable[tuple[Path, dict[str, str]]],
    *,
    jobs: int | None = None,
    engine: str = "local",
    scheduler: str | None = None,
    cache_dir: Path | str | None = None,
    use_cache: bool = True,
    progress: bool = False,
) -> Run:
    """Analyse files (as listed by ``collect_files``) and return table parts and problem rows.

    Args:
        files: (path, manifest metadata) pairs, in the order the user gave them.
        jobs: worker processes (``None``: all cores); the tables do not depend on it.
        engine: ``"local"`` (process pool) or ``"dask"`` (``dask.distributed``).
        scheduler: a Dask scheduler address such as ``"tcp://10.0.0.5:8786"``; without one a
            ``LocalCluster`` with ``jobs`` workers is started for the run.
        cache_dir: where per-article results are kept (default ``.cache/ir-kit``).
        use_cache: ``False`` neither reads nor writes the cache.
        progress: show a tqdm progress bar.

    Example:
        >>> from helpers.paths import SEEDS_DIR
        >>> run = run_articles([(SEEDS_DIR / "001_b9b24f8ad2796175.txt", {})], use_cache=False)
        >>> len(run.parts["articles"][0])
        1
    """
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {ENGINES}, not {engine!r}")
    jobs = default_jobs() if jobs is None else int(jobs)
    if jobs < 1:
        raise ValueError("jobs must be at least 1")
    files = list(files)
    version = pipeline_version()
    items = _prepare(files, version)
    cache = Cache(Path(cache_dir or DEFAULT_CACHE_DIR), version) if use_cache else None
    todo = [it for it in items if it.skip is None]
    found = cache.lookup({it.key for it in todo}) if cache else {}
    entries: dict[str, Entry] = dict(found)
    misses, seen_keys = [], set(found)
    for it in todo:
        if it.key not in seen_keys:
            seen_keys.add(it.key)
            misses.append((it.key, str(it.path), it.overrides))
    bar = _progress(len(items), progress)
    if bar is not None:
        bar.update(len(items) - len(misses))
    if not misses:
        results: Iterator[Entry] = iter(())
    elif engine == "dask":
        results = _run_dask(misses, jobs, scheduler)
    else:
        results = _run_local(misses, jobs)
    stored: list[str] = []  # on disk: dropped from memory, read back at the end
    try:
        for entry in results:
            entries[entry.key] = entry
            if cache is not None and entry.cacheable:
                stored += _forget(cache.add(entry), entries)
            if bar is not None:
                bar.update(1)
    finally:
        if cache is not None:
            stored += _forget(cache.flush(), entries)
        if bar is not None:
            bar.close()
    if stored:
        keep = set(stored)
        entries.update(cache.lookup(keep))
        lost = [task for task in misses if task[0] in keep and entries[task[0]].tables is None]
        entries.update((e.key, e) for e in analyse_chunk(lost))  # the disk failed us: redo them
    run = _assemble(items, entries)
    run.stats.update(files=len(items), cached=len(found), analysed=len(misses))
    return run


def _forget(keys: list[str], entries: dict[str, Entry]) -> list[str]:
    """Drop the tables of entries now in the cache: memory stays flat while a big run goes on."""
    for key in keys:
        old = entries[key]
        entries[key] = Entry(key, problem=old.problem, signature=old.signature)
    return [key for key in keys if entries[key].problem is None]


def _assemble(items: list[_File], entries: dict[str, Entry]) -> Run:
    """Decide, in input order, what is kept; concatenate the kept tables once per table."""
    problems: list[dict[str, str]] = []
    kept: list[tuple[_File, Entry]] = []
    seen: dict[str, Path] = {}
    for it in items:
        if it.skip is not None:
            problems.append(it.skip)
            continue
        entry = entries[it.key]
        article_id = it.path.stem
        if entry.problem is not None:
            problems.append(_problem(article_id, *entry.problem))
        elif article_id in seen:
            problems.append(
                _problem(
                    article_id,
                    "duplicate_id",
                    f"{it.path}: another file ({seen[article_id]}) has the same name stem; "
                    "rename one of them",
                )
            )
        else:
            seen[article_id] = it.path
            kept.append((it, entry))
    for earlier, later, score in near_duplicates([e.signature for _, e in kept]):
        first, second = kept[earlier][0], kept[later][0]
        problems.append(
            _problem(
                second.path.stem,
                "near_duplicate",
                f"{second.path}: nearly the same text as {first.path} (about {score:.0%} of "
                "5-word phrases shared); both are analysed - remove one if it is the same story",
            )
        )
    return Run(_concat([e for _, e in kept]), problems)


def _concat(entries: list[Entry]) -> dict[str, list[pd.DataFrame]]:
    """One DataFrame per table, columns in first-seen order (as ``pd.concat`` of the parts)."""
    from .analyze import PER_ARTICLE

    parts: dict[str, list[pd.DataFrame]] = {name: [] for name in PER_ARTICLE}
    for name in PER_ARTICLE:
        arrow = [e.tables[name] for e in entries if e.tables is not None and name in e.tables]
        if arrow:
            columns = list(dict.fromkeys(c for t in arrow for c in t.column_names))
            by_schema: dict[pa.Schema, list[pa.Table]] = {}
            for table in arrow:  # row order across articles does not matter: tables are sorted
                by_schema.setdefault(table.schema, []).append(table)
            same = [pa.concat_tables(group) for group in by_schema.values()]
            table = pa.concat_tables(same, promote_options="permissive")
            parts[name].append(table.select(columns).to_pandas())
        parts[name].extend(e.frames[name] for e in entries if e.frames and name in e.frames)
    return parts
