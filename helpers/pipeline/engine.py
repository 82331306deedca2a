"""Run the per-article analysis over many files: an on-disk cache, duplicates, processes or Dask.

:func:`run_articles` is what :func:`helpers.pipeline.run.analyze` calls. For each file it

1. reads the bytes, hashes them (the cache key: bytes + path + manifest metadata + pipeline
   version) and hashes the decoded, whitespace-normalised text (taken from the cache index for
   files analysed before): the same text under another name is analysed once and the copy is
   reported as a ``duplicate`` problem;
2. takes the article's tables from the cache when the key is there, else runs
   :func:`helpers.pipeline.article.analyze_article` inline, in a process pool (``jobs``) or on a Dask cluster,
   always consuming results in input order so every engine gives the same tables;
3. flags near-duplicates (the same story re-posted with other furniture) from MinHash signatures
   of the cleaned text.

The cache (:class:`helpers.pipeline.cache.Cache`) keeps results under ``cache_dir/<pipeline version>/`` as
Parquet segments, written atomically and checked when read; a damaged segment is deleted and its
articles recomputed. With ``materialize=False`` the tables stay in the cache and the run only says
which articles are kept and where their rows are (what the streaming writer in
:mod:`helpers.pipeline.writer` needs, so memory does not grow with the corpus).
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

import pandas as pd
import pyarrow as pa

from ..ingest.inputs import problem_row
from ..ingest.load import LoadProblem, decode_bytes, resolved_path
from ..paths import DATA_DIR, DEFAULT_CACHE_DIR, PACKAGE_DIR, ROOT, kit_version
from ..schema import PER_ARTICLE
from ..sentiment import method_key
from .cache import Cache, Entry
from .dedupe import near_duplicates
from .workers import analyse_chunk, default_jobs, run_dask, run_local

__all__ = ["ENGINES", "Run", "pipeline_version", "run_articles"]

ENGINES = ("local", "dask")
_PACKAGES = (
    "textblob",
    "vaderSentiment",
    "nltk",  # the sentiment model's word stems
    "nupunkt",
    "trafilatura",
    "py3langid",
    "pandas",
    "pyarrow",
)


#: What an article's tables depend on besides its file: the shared modules at the top of ``helpers/``
#: and these stage packages (the views and evaluations do not change a table: editing them keeps
#: the cache).
ANALYSIS_PACKAGES = ("ingest", "actors", "sentiment", "sources", "pipeline")


def pipeline_version() -> str:
    """Hash of everything an article's tables depend on besides the file itself.

    The kit's version, the code of the top-level modules and of :data:`ANALYSIS_PACKAGES` (so a
    fix during development is never hidden by a stale cache), every ``data/*.csv`` list and the
    versions of the lexicon packages.

    Example:
        >>> len(pipeline_version())
        64
    """
    digest = hashlib.sha256(f"{kit_version()}\0{ROOT.resolve()}\0".encode())
    for name in _PACKAGES:
        try:
            digest.update(f"{name}={metadata.version(name)}\0".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name}=-\0".encode())
    code = sorted(PACKAGE_DIR.glob("*.py"))
    for package in ANALYSIS_PACKAGES:
        code += sorted((PACKAGE_DIR / package).rglob("*.py"))
    for path in code:
        digest.update(f"{path.relative_to(PACKAGE_DIR).as_posix()}\0".encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    for path in sorted(DATA_DIR.glob("*.csv")):
        digest.update(f"data/{path.name}\0".encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


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
    #: kept articles in input order (``materialize=False``): their index entries, tables not loaded
    kept: list[Entry] = field(default_factory=list)
    cache: Cache | None = None


def _text_hash(raw: bytes, path: Path) -> str:
    try:
        text, _ = decode_bytes(raw, path=path)
    except LoadProblem:
        return ""
    return hashlib.sha256(" ".join(text.split()).encode()).hexdigest()


def _keyed(files: list[tuple[Path, dict[str, str]]], version: str, method: str) -> list[_File]:
    """Every file with its cache key: its bytes, path, manifest metadata, the pipeline version and
    the sentiment method (with the model's hash: a lexicon run is never served for a model run)."""
    prepared = []
    for path, overrides in files:
        item = _File(Path(path), dict(overrides or {}))
        ident = json.dumps(
            [
                version,
                method,
                hashlib.sha256(_read(item.path)).hexdigest(),
                str(path),
                str(resolved_path(item.path)),
                sorted(item.overrides.items()),
            ]
        )
        item.key = hashlib.sha256(ident.encode()).hexdigest()
        prepared.append(item)
    return prepared


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        return b""  # analyze_one reports why it cannot be read


def _mark_duplicates(items: list[_File], known: dict[str, str]) -> None:
    """Mark later files with the same text as an earlier one (``known``: key -> text hash, from
    the cache; other files are read and decoded again)."""
    first_by_text: dict[str, _File] = {}
    for item in items:
        if item.key in known:
            item.text_hash = known[item.key]
        else:
            raw = _read(item.path)
            item.text_hash = _text_hash(raw, item.path) if raw.strip() else ""
        first = first_by_text.get(item.text_hash) if item.text_hash else None
        if first is not None and first.path.stem != item.path.stem:
            item.skip = problem_row(
                item.path.stem,
                "duplicate",
                f"{item.path}: same text as {first.path}, which is analysed instead; "
                "delete one of the two files",
            )
        elif item.text_hash:
            first_by_text.setdefault(item.text_hash, item)


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
    materialize: bool = True,
    sentiment: str = "model",
) -> Run:
    """Analyse files (as listed by ``collect_files``) and return table parts and problem rows.

    Args:
        files: (path, manifest metadata) pairs, in the order the user gave them.
        jobs: worker processes (``None``: all cores); the tables do not depend on it.
        engine: ``"local"`` (process pool) or ``"dask"`` (``dask.distributed``).
        scheduler: a Dask scheduler address such as ``"tcp://10.0.0.5:8786"``; without one a
            ``LocalCluster`` with ``jobs`` workers is started for the run.
        cache_dir: where per-article results are kept (default: the kit's ``.cache/ir-kit``).
        use_cache: ``False`` neither reads nor writes the cache.
        progress: show a tqdm progress bar.
        materialize: ``False`` leaves the tables in the cache (``Run.kept`` and ``Run.cache`` say
            where); needs ``use_cache``.
        sentiment: "model" or "lexicon" (see :func:`helpers.sentiment.mention_sentiment`).

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
    if not materialize and not use_cache:
        raise ValueError("materialize=False keeps the tables in the cache: use_cache must be on")
    files = list(files)
    version = pipeline_version()
    items = _keyed(files, version, method_key(sentiment))
    cache = Cache(Path(cache_dir or DEFAULT_CACHE_DIR), version) if use_cache else None
    found = cache.lookup({it.key for it in items}, tables=materialize) if cache else {}
    # A rerun takes each cached file's text hash from the index instead of decoding it again.
    _mark_duplicates(items, {k: e.text_hash for k, e in found.items() if e.text_hash is not None})
    todo = [it for it in items if it.skip is None]
    wanted = {it.key for it in todo}
    found = {key: entry for key, entry in found.items() if key in wanted}
    hashes = {it.key: it.text_hash for it in todo}
    entries: dict[str, Entry] = dict(found)
    misses, seen_keys = [], set(found)
    for it in todo:
        if it.key not in seen_keys:
            seen_keys.add(it.key)
            misses.append((it.key, str(it.path), it.overrides, sentiment))
    bar = _progress(len(items), progress)
    if bar is not None:
        bar.update(len(items) - len(misses))
    if not misses:
        results: Iterator[Entry] = iter(())
    elif engine == "dask":
        results = run_dask(misses, jobs, scheduler)
    else:
        results = run_local(misses, jobs)
    stored: list[str] = []  # on disk: dropped from memory, read back at the end
    try:
        for entry in results:
            entry.text_hash = hashes[entry.key]
            entries[entry.key] = entry
            if cache is not None and entry.cacheable:
                stored += _forget(cache.add(entry), entries, cache)
            if bar is not None:
                bar.update(1)
    finally:
        if cache is not None:
            stored += _forget(cache.flush(), entries, cache)
        if bar is not None:
            bar.close()
    if stored and materialize:
        keep = set(stored)
        entries.update(cache.lookup(keep))
        lost = [task for task in misses if task[0] in keep and entries[task[0]].tables is None]
        entries.update((e.key, e) for e in analyse_chunk(lost))  # the disk failed us: redo them
    run = _assemble(items, entries, materialize=materialize)
    run.cache = cache
    run.stats.update(files=len(items), cached=len(found), analysed=len(misses))
    return run


def _forget(keys: list[str], entries: dict[str, Entry], cache: Cache) -> list[str]:
    """Drop the tables of entries now in the cache: memory stays flat while a big run goes on.

    What is left says where the entry's rows are (its segment), for the streaming writer.
    """
    for key in keys:
        old = entries[key]
        entries[key] = Entry(
            key,
            problem=old.problem,
            signature=old.signature,
            article_id=old.article_id,
            segment=cache.written[key],
        )
    return [key for key in keys if entries[key].problem is None]


def _assemble(items: list[_File], entries: dict[str, Entry], *, materialize: bool = True) -> Run:
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
            problems.append(problem_row(article_id, *entry.problem))
        elif article_id in seen:
            problems.append(
                problem_row(
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
            problem_row(
                second.path.stem,
                "near_duplicate",
                f"{second.path}: nearly the same text as {first.path} (about {score:.0%} of "
                "5-word phrases shared); both are analysed - remove one if it is the same story",
            )
        )
    if not materialize:
        return Run({}, problems, kept=[e for _, e in kept])
    return Run(_concat([e for _, e in kept]), problems)


def _concat(entries: list[Entry]) -> dict[str, list[pd.DataFrame]]:
    """One DataFrame per table, columns in first-seen order (as ``pd.concat`` of the parts)."""
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
