"""Write a run's tables into a folder without holding them in memory: the writer behind the CLI.

:func:`helpers.analyze.analyze` returns every table as a DataFrame, which is what a notebook wants
for a class's twenty articles. For ten thousand articles the command line uses
:func:`write_run` instead: each article's rows of each table are formatted once, when the article
is analysed, and kept in the cache (see :mod:`helpers.pipeline.article`); writing a table
is then its header plus those fragments in ``article_id`` order, merged from the cache a few rows
at a time. Only what needs every article at once is built in memory: ``problems``, the outlet and
all-articles rows of ``country_sentiment`` (from a few numeric columns of the mention scores).
``report.html`` is drawn afterwards from the written files (:func:`helpers.analyze.analyze_to`).

The files are byte-identical to ``write_tables(analyze(...), out)`` (tested), and each is written
atomically.
"""

from __future__ import annotations

import csv
import hashlib
import heapq
import io
import json
import shutil
import sys
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .. import schema
from ..ingest import collect_files, input_paths
from ..schema import TABLE_NAMES
from ..sentiment import country_sentiment
from ..tables import atomic_path, csv_header, csv_rows, remember_text, write_csv_atomic
from .cache import CacheDamaged, Entry
from .engine import run_articles

__all__ = ["Written", "write_run"]

#: mention_sentiment columns the outlet and all-articles sentiment rows are computed from
_SCORE_COLUMNS = ["article_id", "start", "end", "actor_id", "country", "polarity", "subjectivity"]
_SCORE_EXTRAS = ["label", "vader"]
_SUMMARY_BATCH_ROWS = 20_000
#: Tables written from per-article CSV fragments (problems are merged in memory).
STREAMED = tuple(name for name in TABLE_NAMES if name != "problems")


@dataclass(frozen=True)
class Written:
    """What :func:`write_run` did: files written, articles analysed, problems, run counts."""

    files: list[Path]
    n_articles: int
    n_problems: int
    stats: dict[str, int]
    #: where results derived from this run's tables may be remembered (the run's cache folder)
    remember_in: Path | None


def write_run(
    paths: Sequence[Path | str] | Path | str | None,
    out: Path | str,
    *,
    progress: bool = True,
    warn: bool = True,
    jobs: int | None = None,
    engine: str = "local",
    scheduler: str | None = None,
    cache_dir: Path | str | None = None,
    use_cache: bool = True,
    sentiment: str = "model",
) -> Written:
    """Analyse articles and write every table into ``out``, streaming (``report.html``: see
    :func:`helpers.analyze.analyze_to`).

    Same arguments as :func:`helpers.analyze.analyze`; ``use_cache=False`` uses a temporary cache
    that is deleted at the end. Memory stays about the same whatever the number of articles.

    Example:
        >>> from helpers.paths import SEEDS_DIR
        >>> done = write_run([SEEDS_DIR], "/tmp/ir-kit-doctest", progress=False, warn=False)
        >>> done.n_articles
        2
    """
    paths = input_paths(paths)
    scratch = None if use_cache else Path(tempfile.mkdtemp(prefix="ir-kit-cache-"))
    try:
        for attempt in (1, 2):
            try:
                done = _write_run(
                    paths,
                    Path(out),
                    progress=progress,
                    warn=warn,
                    jobs=jobs,
                    engine=engine,
                    scheduler=scheduler,
                    cache_dir=scratch or cache_dir,
                    sentiment=sentiment,
                )
                # a scratch cache is deleted below: nothing can be remembered in it
                return done if scratch is None else replace(done, remember_in=None)
            except CacheDamaged as err:
                if attempt == 2:
                    raise
                print(
                    f"warning: a cache segment was damaged ({err}); analysing its articles again",
                    file=sys.stderr,
                )
        raise AssertionError("unreachable")
    finally:
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)


def _write_run(paths: list, out: Path, *, progress: bool, warn: bool, **engine_args) -> Written:

    files, problems = collect_files(paths)
    run = run_articles(
        files,
        progress=progress and len(files) > 5,
        materialize=False,
        use_cache=True,
        **engine_args,
    )
    kept = sorted(run.kept, key=lambda e: (e.article_id, e.key))
    where = {e.key: e.segment for e in kept if e.segment}
    in_memory = [e for e in kept if not e.segment]

    def rows(name: str) -> Iterator[tuple[str, str, int]]:
        cached = run.cache.fragments(name, where)
        if not in_memory:
            return cached
        memory = ((e.article_id, *e.fragments.get(name, ("", 0))) for e in in_memory)
        return heapq.merge(cached, memory, key=lambda r: r[0])

    out.mkdir(parents=True, exist_ok=True)
    # What the cross-article results depend on: the pipeline version and the kept articles. A rerun
    # on the same articles reuses them (kept beside the cache), as it reuses each article's rows.
    reuse = not in_memory
    run_key = _digest([run.cache.version, [(e.article_id, e.key) for e in kept]]) if reuse else ""
    written = []
    for name in STREAMED:
        if name == "country_sentiment":
            extra = _remembered(
                run.cache.dir / f"summary-{run_key}.json" if run_key else None,
                lambda: _summary_rows(run, where, in_memory, out / "articles.csv"),
            )
            written.append(_write_stream(out / f"{name}.csv", name, rows(name), extra))
        elif not in_memory and (blocks := run.cache.fragment_blocks(name, where)) is not None:
            written.append(_write_blocks(out / f"{name}.csv", name, blocks))
        else:
            written.append(_write_stream(out / f"{name}.csv", name, rows(name)))
    per_article = [
        dict(zip(schema.TABLES["problems"].all_columns, row, strict=False))
        for _aid, text, _n in rows("problems")
        for row in csv.reader(io.StringIO(text, newline=""))
    ]
    everything = per_article + problems + run.problems
    if warn:
        for row in everything:
            print(f"warning: {row['detail']}", file=sys.stderr)
    frame = pd.DataFrame(everything, columns=schema.TABLES["problems"].columns)
    table = schema.validate("problems", schema.conform("problems", frame))
    written.append(write_csv_atomic(table, out / "problems.csv"))
    return Written(written, len(kept), len(everything), dict(run.stats), run.cache.dir)


def _digest(value: object) -> str:
    return hashlib.sha256(json.dumps(value).encode()).hexdigest()[:32]


def _remembered(path: Path | None, compute) -> list[tuple[str, str]]:
    """``compute()``'s (article_id, text) rows, kept in ``path`` for the next run with this key."""
    if path is not None and path.is_file():
        try:
            rows = json.loads(path.read_text(encoding="utf-8"))
            if all(isinstance(a, str) and isinstance(t, str) for a, t in rows):
                return [(a, t) for a, t in rows]
        except (OSError, ValueError, TypeError):
            pass  # damaged: computed again below
    rows = compute()
    if path is not None:
        remember_text(path, json.dumps(rows))
    return rows


def _write_stream(
    path: Path,
    name: str,
    fragments: Iterator[tuple[str, str, int]],
    extra: list[tuple[str, str]] | None = None,
) -> Path:
    """Header, then the fragments (and ``extra`` (article_id, text) rows) in article_id order."""
    if extra:
        merged = heapq.merge(
            ((aid, 0, text) for aid, text, _n in fragments),
            ((aid, 1, text) for aid, text in extra),
        )
        texts = (text for _aid, _rank, text in merged)
    else:
        texts = (text for _aid, text, _n in fragments)
    with atomic_path(path) as tmp, tmp.open("w", encoding="utf-8", newline="") as handle:
        handle.write(csv_header(name))
        handle.writelines(texts)
    return path


def _write_blocks(path: Path, name: str, blocks: Iterator[bytes]) -> Path:
    """Header, then blocks of UTF-8 CSV rows already in article_id order (the warm rerun's path)."""
    with atomic_path(path) as tmp, tmp.open("wb") as handle:
        handle.write(csv_header(name).encode("utf-8"))
        handle.writelines(blocks)
    return path


def _summary_rows(
    run, where: dict[str, str], in_memory: list[Entry], articles_csv: Path
) -> list[tuple[str, str]]:
    """The outlet and all-articles rows of country_sentiment, as (article_id, CSV text), sorted.

    The mention scores of every article are needed at once, so they are kept compact: a few
    columns in Arrow, sorted as ``schema.conform`` sorts the whole table (so sums add up in the
    same order), and text as pandas categories (one Python string per distinct value).
    """
    columns = _SCORE_COLUMNS + _SCORE_EXTRAS
    parts = []
    if where:
        table = run.cache.columns("mention_sentiment", columns, where)
        if table is not None:
            parts.append(table.drop_columns(["_key"]))
    for entry in in_memory:
        frames = entry.frames or {}
        if entry.tables and "mention_sentiment" in entry.tables:
            parts.append(entry.tables["mention_sentiment"])
        elif "mention_sentiment" in frames:
            frame = frames["mention_sentiment"]
            parts.append(pa.Table.from_pandas(frame, preserve_index=False))
    parts = [p.select([c for c in columns if c in p.column_names]) for p in parts if p.num_rows]
    if not parts:
        return []
    table = pa.concat_tables(parts, promote_options="permissive")
    del parts
    keys = ["article_id", "start", "end", "actor_id"]
    for name in ("article_id", "actor_id", "country"):  # one dictionary each: compact text
        column = table[name].combine_chunks()
        if pa.types.is_dictionary(column.type):
            column = column.cast(column.type.value_type)
        column = pc.fill_null(column.cast(pa.large_string()), "")
        table = table.set_column(table.column_names.index(name), name, pc.dictionary_encode(column))
    articles = pd.read_csv(
        articles_csv, usecols=["article_id", "outlet"], dtype=str, keep_default_na=False
    )
    # Each country's outlet and all-articles rows depend only on that country's mentions, so
    # countries are summarised a batch at a time: memory does not grow with the corpus.
    codes = table["country"].chunk(0).indices if table.num_rows else pa.array([], pa.int32())
    sizes = pc.value_counts(codes)
    counted = zip(sizes.field("values").to_pylist(), sizes.field("counts").to_pylist(), strict=True)
    batches, batch, rows = [], [], 0
    for code, count in sorted(counted):
        batch.append(code)
        rows += count
        if rows >= _SUMMARY_BATCH_ROWS:
            batches.append(batch)
            batch, rows = [], 0
    batches += [batch] if batch else []
    summaries = []
    for batch in batches:
        part = table.filter(pc.is_in(codes, pa.array(batch, codes.type)))
        for name in ("article_id", "actor_id"):  # Arrow sorts text, not dictionaries
            plain = part[name].cast(pa.large_string())
            part = part.set_column(part.column_names.index(name), name, plain)
        part = part.sort_by([(k, "ascending") for k in keys])  # stable, as mergesort
        scores = part.to_pandas(strings_to_categorical=True)
        del part
        summaries.append(country_sentiment(scores, articles, levels=("outlet", "all")))
        del scores
    summary = pd.concat(summaries, ignore_index=True)
    out = []
    for article_id, group in summary.groupby("article_id", sort=True):
        text, _n = csv_rows("country_sentiment", group)
        out.append((str(article_id), text))
    return out
