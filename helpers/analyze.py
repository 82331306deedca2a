"""Run the whole pipeline over files and folders and build the contract's tables.

``analyze_one(path)`` is the per-article function (pure: same file, same tables); ``analyze(paths)``
collects files, runs it on each, turns every refusal into a ``problems`` row and adds the
cross-article tables; ``write_tables`` validates and writes them atomically.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd

from . import schema
from .actors import mentions as actors
from .frames import Columns, inferred_column, is_missing
from .ingest import clean, segment
from .ingest.inputs import collect_files, input_paths, name_note, problem_row
from .ingest.load import Article, LoadProblem, load_article, with_metadata
from .sentiment import mentions as sentiment
from .sentiment.summary import summary_rows
from .sources import attributions as sources
from .tables import csv_rows_from_columns, write_csv_atomic

#: Tables written per run, in this order (report.html comes last).
TABLE_NAMES = (
    "articles",
    "removed_lines",
    "sentences",
    "mentions",
    "actor_counts",
    "unknown_actors",
    "mention_sentiment",
    "sentiment_evidence",
    "country_sentiment",
    "attributions",
    "references",
    "problems",
)
PER_ARTICLE = (
    "articles",
    "removed_lines",
    "sentences",
    "mentions",
    "unknown_actors",
    "mention_sentiment",
    "sentiment_evidence",
    "attributions",
    "references",
    "problems",
)
#: Tables the streaming writer builds from per-article CSV fragments (problems are merged in memory).
STREAMED = tuple(name for name in TABLE_NAMES if name != "problems")
PROGRESS_MIN_FILES = 5


def analyze_one(
    path: Path | str, *, overrides: dict[str, str] | None = None
) -> dict[str, pd.DataFrame]:
    """Analyse one article file and return its per-article tables (``article_id`` in each).

    Raises :class:`helpers.ingest.load.LoadProblem` when the file cannot be analysed.

    Example:
        >>> from helpers.paths import SEEDS_DIR
        >>> tables = analyze_one(SEEDS_DIR / "001_b9b24f8ad2796175.txt")
        >>> tables["articles"]["outlet"].iloc[0]
        'Sputnik International'
    """
    article_id, tables, row = _analyze(Path(path), overrides)
    tables = {"articles": _row_frame(row), **frames_of(tables)}
    return {name: frame.assign(article_id=article_id) for name, frame in tables.items()}


def frames_of(tables: dict[str, pd.DataFrame | Columns]) -> dict[str, pd.DataFrame]:
    """The tables of ``_analyze`` as DataFrames (the steps' :class:`Columns` built into frames)."""
    return {n: t.frame() if isinstance(t, Columns) else t for n, t in tables.items()}


def _analyze(
    path: Path, overrides: dict[str, str] | None
) -> tuple[str, dict[str, pd.DataFrame], dict]:
    """The article id, its tables other than ``articles`` (no ``article_id`` column yet) and its
    ``articles`` row (the engine turns it into Arrow without a one-row frame)."""
    article = load_article(path, overrides=overrides)
    cleaned = clean.clean_text(article)
    article = with_metadata(article, **cleaned.metadata)
    if article.date and not article.date_source:
        article = replace(article, date_source="metadata")
    if not cleaned.body.strip():
        raise LoadProblem(
            path,
            "no_body",
            "nothing was left after removing boilerplate; check "
            "removed_lines.csv and data/boilerplate.csv",
        )
    body = cleaned.body
    # Each step as plain columns: the engine converts them to Arrow and CSV text directly, and
    # analyze_one builds the DataFrames the steps' public functions return.
    sentences = sentiment.sentence_columns(body, cleaned.offsets)
    date = article.date_obj
    mentions = actors.mention_columns(body, sentences, date=date)
    unknown = actors.unknown_columns(body, sentences, mentions)
    scores, evidence = sentiment.mention_sentiment_columns(body, sentences, mentions)
    references = sources.parse_references(cleaned.reference_lines)
    attributions = sources.attribution_columns(
        body, sentences, mentions, date=date, references=references
    )
    references, citation_problems = sources.check_citations(sentences, references)
    problems = [
        problem_row(article.article_id, kind, f"{path}: {detail}") for kind, detail in article.notes
    ]
    found = (
        zip(citation_problems["kind"], citation_problems["detail"], strict=True)
        if len(citation_problems)
        else ()
    )
    for kind, detail in [*found, *sources.quote_problem_rows(attributions)]:
        problems.append(problem_row(article.article_id, kind, f"{path}: {detail}"))
    note = name_note(path)
    if note:
        problems.append(note)
    tables = {
        "removed_lines": cleaned.removed,
        "sentences": sentences,
        "mentions": mentions,
        "unknown_actors": unknown,
        "mention_sentiment": scores,
        "sentiment_evidence": evidence,
        "attributions": attributions,
        "references": references,
        "problems": _problem_columns(problems),
    }
    return article.article_id, tables, _article_row(article, cleaned, sentences)


_PROBLEM_COLUMNS = ["article_id", "kind", "detail"]
_PROBLEM_KINDS = dict.fromkeys(_PROBLEM_COLUMNS)  # text, as pandas infers it


def _problem_columns(problems: list[dict[str, str]]) -> Columns:
    if not problems:
        return Columns.empty(_PROBLEM_COLUMNS)
    return Columns({c: [p[c] for p in problems] for c in _PROBLEM_COLUMNS}, _PROBLEM_KINDS)


def article_fragments(tables: dict[str, pd.DataFrame]) -> dict[str, tuple[str, int]]:
    """Every table's rows of one article as CSV text (see :func:`helpers.tables.csv_rows`).

    Example:
        >>> from helpers.paths import SEEDS_DIR
        >>> parts = article_fragments(analyze_one(SEEDS_DIR / "001_b9b24f8ad2796175.txt"))
        >>> parts["articles"][0].startswith("001_b9b24f8ad2796175,")
        True
    """
    columns = {name: {c: f[c].tolist() for c in f.columns} for name, f in tables.items() if len(f)}
    return _column_fragments(columns)


def _column_fragments(columns: dict[str, dict[str, list]]) -> dict[str, tuple[str, int]]:
    """:func:`article_fragments` of tables given as plain columns (absent: no rows).

    The actor counts and article-level sentiment rows are computed here for the one article, as
    ``build_tables`` computes them for all articles at once; the cache keeps them, so a rerun does
    not redo them. Missing values may be None or NaN (Arrow or ``Series.tolist()``).
    """
    mentions, scores = (_column_order(columns.get(n)) for n in ("mentions", "mention_sentiment"))
    if mentions:
        keys = ["article_id", "actor_id", "actor", "actor_type", "country"]
        ranked = actors.rank_actors([mentions[k] for k in keys])
        counts = dict(
            zip(keys, (list(c) for c in zip(*(r for r, _ in ranked), strict=True)), strict=True)
        )
        columns["actor_counts"] = {**counts, "mentions": [n for _, n in ranked]}
    rows = []
    if scores:
        article = columns["articles"]
        outlets = {article["article_id"][0]: _text(article["outlet"][0])}
        numbers = [
            np.asarray(scores[c], dtype=float) for c in ("polarity", "subjectivity", "vader")
        ]
        rows = summary_rows(scores, numbers, outlets, levels=("article",))
    if rows:
        columns["country_sentiment"] = dict(
            zip(sentiment.SUMMARY_COLUMNS, (list(c) for c in zip(*rows, strict=True)), strict=True)
        )
    out = {}
    for name in TABLE_NAMES:
        table = columns.get(name)
        n = len(next(iter(table.values()))) if table else 0
        out[name] = csv_rows_from_columns(name, table, n) if n else ("", 0)
    return out


def _text(value: object) -> str:
    return "" if is_missing(value) else str(value)


def _column_order(table: dict[str, list] | None) -> dict[str, list] | None:
    """Plain columns sorted by (start, end, actor_id), as schema.conform sorts one article's rows.

    A missing actor_id (None or NaN) sorts last, as in pandas; already sorted columns are returned
    as they are.
    """
    if not table:
        return table
    starts, ends, ids = table["start"], table["end"], table["actor_id"]
    keys = [
        (s, e, is_missing(a), a if isinstance(a, str) else "")
        for s, e, a in zip(starts, ends, ids, strict=True)
    ]
    if all(a <= b for a, b in zip(keys, keys[1:], strict=False)):
        return table
    order = sorted(range(len(keys)), key=keys.__getitem__)
    return {name: [values[i] for i in order] for name, values in table.items()}


def _row_frame(row: dict) -> pd.DataFrame:
    """``pd.DataFrame([row])`` with the types pandas infers, given column by column (~2x faster)."""
    return pd.DataFrame({name: inferred_column([value]) for name, value in row.items()}, copy=False)


def _article_row(article: Article, cleaned: clean.Cleaned, sentences: pd.DataFrame) -> dict:
    return {
        "article_id": article.article_id,
        "source_path": article.source_path,
        "title": article.title,
        "outlet": article.outlet,
        "author": article.author,
        "date": article.date,
        "language": article.language,
        "n_words": segment.count_words(cleaned.body),
        "n_sentences": len(sentences),
        "sha256": article.sha256,
        "url": article.url,
        "date_source": article.date_source,
        "format": article.fmt,
        "encoding": article.encoding,
        "n_chars": len(cleaned.body),
        "n_removed_lines": len(cleaned.removed),
    }


def _warn(message: str) -> None:
    print(f"warning: {message}", file=sys.stderr)


def analyze(
    paths: Sequence[Path | str] | Path | str | None = None,
    *,
    progress: bool = True,
    warn: bool = True,
    jobs: int | None = None,
    engine: str = "local",
    scheduler: str | None = None,
    cache_dir: Path | str | None = None,
    use_cache: bool = True,
) -> dict[str, pd.DataFrame]:
    """Analyse articles (files or folders) and return every table of the contract.

    Files that cannot be analysed become rows of ``problems`` (and, with ``warn``, one line on
    stderr); they never stop the run. Results are cached per article (see :mod:`helpers.pipeline.engine`),
    so a rerun only analyses new or changed files; the tables do not depend on ``jobs`` or
    ``engine``.

    Args:
        paths: files and folders (default: the seeds and ``data/articles/``).
        progress: show a progress bar when there are more than a few files.
        warn: print each problem on stderr.
        jobs: worker processes (``None``: all cores).
        engine: ``"local"`` or ``"dask"``.
        scheduler: address of a running Dask scheduler (``engine="dask"``); without one a local
            Dask cluster with ``jobs`` workers is started.
        cache_dir: where per-article results are kept (default: the kit's ``.cache/ir-kit``).
        use_cache: ``False`` analyses everything again and writes no cache.

    Example:
        >>> from helpers.paths import SEEDS_DIR
        >>> tables = analyze([SEEDS_DIR], progress=False)
        >>> sorted(tables["articles"]["article_id"])[0]
        '000_cf5bdca3ca1cd9b9'
    """
    from .pipeline.engine import run_articles

    files, problems = collect_files(input_paths(paths))
    run = run_articles(
        files,
        jobs=jobs,
        engine=engine,
        scheduler=scheduler,
        cache_dir=cache_dir,
        use_cache=use_cache,
        progress=progress and len(files) > PROGRESS_MIN_FILES,
    )
    parts = run.parts
    parts["problems"].append(
        pd.DataFrame(problems + run.problems, columns=["article_id", "kind", "detail"])
    )
    if warn:
        for frame in parts["problems"]:
            for detail in frame["detail"]:
                _warn(detail)
    return build_tables(parts)


def build_tables(parts: dict[str, list[pd.DataFrame]]) -> dict[str, pd.DataFrame]:
    """Concatenate per-article tables and add the cross-article ones, all conformed to the schema."""
    tables = {
        name: pd.concat([f for f in frames if len(f)], ignore_index=True)
        if any(len(f) for f in frames)
        else pd.DataFrame()
        for name, frames in parts.items()
    }
    mentions = schema.conform("mentions", tables["mentions"])
    articles = schema.conform("articles", tables["articles"])
    tables["mentions"] = mentions
    tables["articles"] = articles
    tables["actor_counts"] = actors.count_actors(mentions)
    scores = schema.conform("mention_sentiment", tables["mention_sentiment"])
    tables["mention_sentiment"] = scores
    tables["country_sentiment"] = sentiment.country_sentiment(scores, articles)
    return {name: schema.conform(name, tables[name]) for name in TABLE_NAMES}


def write_tables(tables: dict[str, pd.DataFrame], out: Path | str) -> list[Path]:
    """Validate every table against the contract and write it as UTF-8 CSV (atomically) into ``out``."""
    out = Path(out)
    written = []
    for name in TABLE_NAMES:
        frame = schema.validate(name, schema.conform(name, tables[name]))
        written.append(write_csv_atomic(frame, out / f"{name}.csv"))
    from .views.report import write_report_from_dir

    written.append(write_report_from_dir(out))
    return written
