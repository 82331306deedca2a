"""One article's tables: every per-article step run on one file, and the form the engine keeps.

:func:`analyze_article` loads, cleans and segments a file and runs each stage on it; it is pure
(same file, same tables) and raises :class:`helpers.ingest.LoadProblem` for a file that cannot be
analysed. Its tables are the steps' own :class:`helpers.frames.Columns`; ``.frames()`` turns them
into the DataFrames a notebook wants.

:func:`encode` is what the engine keeps of an article: Arrow tables for the cache and each table's
rows already formatted as CSV text for the streaming writer, with the actor counts and the
article-level sentiment rows computed from the same lists. Built straight from the steps' lists,
without DataFrames: a dozen small frames per article, built and read back, were a fifth of the time
of a run. The bytes are those of the frames (tested).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

from ..actors import find_mentions, find_unknown_actors
from ..actors.counts import rank_actors
from ..frames import Columns, arrow_tables, inferred_column, is_missing
from ..ingest import Article, Cleaned, count_words, read_article
from ..ingest.inputs import name_note, problem_row
from ..schema import TABLE_NAMES
from ..sentiment import mention_sentiment, sentence_table
from ..sentiment.summary import SUMMARY_COLUMNS, summary_rows
from ..sources import check_citations, find_attributions, parse_references
from ..sources.references import quote_problem_rows
from ..tables import csv_rows_from_columns

__all__ = ["ArticleTables", "Encoded", "analyze_article", "encode"]

_PROBLEM_COLUMNS = ["article_id", "kind", "detail"]
_PROBLEM_KINDS = dict.fromkeys(_PROBLEM_COLUMNS)  # text, as pandas infers it


@dataclass(frozen=True)
class ArticleTables:
    """One analysed article: its id, its ``articles`` row and its other per-article tables.

    ``tables`` hold the steps' tables as they return them (no ``article_id`` column yet), in the
    order of :data:`helpers.schema.PER_ARTICLE` after ``articles``.
    """

    article_id: str
    row: dict[str, object]
    tables: dict[str, Columns | pd.DataFrame]

    def frames(self) -> dict[str, pd.DataFrame]:
        """Every per-article table as a DataFrame with its ``article_id`` column.

        Example:
            >>> from helpers.paths import SEEDS_DIR
            >>> done = analyze_article(SEEDS_DIR / "001_b9b24f8ad2796175.txt")
            >>> done.frames()["articles"]["outlet"].iloc[0]
            'Sputnik International'
        """
        frames = {"articles": _row_frame(self.row)}
        for name, table in self.tables.items():
            frames[name] = table.frame() if isinstance(table, Columns) else table
        return {name: frame.assign(article_id=self.article_id) for name, frame in frames.items()}


def analyze_article(
    path: Path | str, *, overrides: dict[str, str] | None = None, sentiment: str = "model"
) -> ArticleTables:
    """Analyse one article file: clean it, then find sentences, mentions, sentiment and sources.

    Args:
        path: a ``.txt``, ``.md`` or ``.html`` file.
        overrides: metadata from a ``manifest.csv`` (title, outlet, author, date, url).
        sentiment: "model" (the learned model) or "lexicon" (the word lists and rules alone).

    Raises:
        helpers.ingest.LoadProblem: the file cannot be analysed (empty, binary, not English, ...).

    Example:
        >>> from helpers.paths import SEEDS_DIR
        >>> done = analyze_article(SEEDS_DIR / "001_b9b24f8ad2796175.txt")
        >>> done.article_id, len(done.tables["mentions"]) > 10
        ('001_b9b24f8ad2796175', True)
    """
    path = Path(path)
    article, cleaned = read_article(path, overrides=overrides)
    body = cleaned.body
    sentences = sentence_table(body, cleaned.offsets)
    date = article.date_obj
    mentions = find_mentions(body, sentences, date=date)
    unknown = find_unknown_actors(body, sentences, mentions)
    scores, evidence = mention_sentiment(body, sentences, mentions, method=sentiment)
    references = parse_references(cleaned.reference_lines)
    attributions = find_attributions(body, sentences, mentions, date=date, references=references)
    references, citation_problems = check_citations(sentences, references)
    problems = [
        problem_row(article.article_id, kind, f"{path}: {detail}") for kind, detail in article.notes
    ]
    found = (
        zip(citation_problems["kind"], citation_problems["detail"], strict=True)
        if len(citation_problems)
        else ()
    )
    for kind, detail in [*found, *quote_problem_rows(attributions)]:
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
    return ArticleTables(article.article_id, _article_row(article, cleaned, sentences), tables)


def _problem_columns(problems: list[dict[str, str]]) -> Columns:
    if not problems:
        return Columns.empty(_PROBLEM_COLUMNS)
    return Columns({c: [p[c] for p in problems] for c in _PROBLEM_COLUMNS}, _PROBLEM_KINDS)


def _article_row(article: Article, cleaned: Cleaned, sentences: Columns) -> dict[str, object]:
    return {
        "article_id": article.article_id,
        "source_path": article.source_path,
        "title": article.title,
        "outlet": article.outlet,
        "author": article.author,
        "date": article.date,
        "language": article.language,
        "n_words": count_words(cleaned.body),
        "n_sentences": len(sentences),
        "sha256": article.sha256,
        "url": article.url,
        "date_source": article.date_source,
        "format": article.fmt,
        "encoding": article.encoding,
        "n_chars": len(cleaned.body),
        "n_removed_lines": len(cleaned.removed),
    }


def _row_frame(row: dict) -> pd.DataFrame:
    """``pd.DataFrame([row])`` with the types pandas infers, given column by column (~2x faster)."""
    return pd.DataFrame({name: inferred_column([value]) for name, value in row.items()}, copy=False)


# --- what the engine keeps --------------------------------------------------------------------------


@dataclass
class Encoded:
    """One analysed article as the engine keeps it (see :func:`encode`)."""

    article_id: str
    tables: dict[str, pa.Table] | None  # non-empty tables, ``article_id`` in each
    frames: dict[str, pd.DataFrame] | None  # instead of ``tables`` when Arrow would not round-trip
    fragments: dict[str, tuple[str, int]]  # table name -> (its CSV rows, number of rows)
    text: str  # the sentences joined by spaces (for the near-duplicate signature)


def encode(done: ArticleTables) -> Encoded:
    """The article's tables as Arrow (with ``article_id``) and as CSV rows of every written table.

    The CSV rows, actor counts and article sentiment rows are computed from the steps' plain
    columns: the same bytes as from the DataFrames of :meth:`ArticleTables.frames`, which are not
    built. A table whose types only pandas would settle goes through its frame; one Arrow would
    not round-trip keeps the whole article as DataFrames (not cached).

    Example:
        >>> from helpers.paths import SEEDS_DIR
        >>> kept = encode(analyze_article(SEEDS_DIR / "001_b9b24f8ad2796175.txt"))
        >>> kept.fragments["articles"][0].startswith("001_b9b24f8ad2796175,")
        True
    """
    article_id = done.article_id
    first = _row_arrow(done.row)
    converted: dict[str, pa.Table] = {} if first is None else {"articles": first}
    columns: dict[str, dict[str, list]] = {}
    for name, table in done.tables.items():
        if first is None:  # the articles row would not round-trip: keep the article as DataFrames
            break
        n = len(table)
        if not n:
            continue
        if isinstance(table, Columns):
            # the step's own lists: to Arrow directly, and to CSV text without reading Arrow back
            arrow = table.direct_arrow(article_id=article_id)
            if arrow is not None:
                converted[name] = arrow
                columns[name] = {**table.data, "article_id": [article_id] * n}
                continue
        frame = table.frame() if isinstance(table, Columns) else table
        arrow = (arrow_tables({name: frame}, article_id=article_id) or {}).get(name)
        if arrow is None:
            first = None  # a column Arrow would not round-trip: keep this article as DataFrames
            break
        converted[name] = arrow
        columns[name] = arrow.to_pydict()
    if first is None:
        frames = done.frames()
        texts = frames["sentences"]["text"] if len(frames["sentences"]) else []
        return Encoded(
            article_id,
            None,
            {name: frame for name, frame in frames.items() if len(frame)},
            _frame_fragments(frames),
            " ".join(texts),
        )
    columns["articles"] = converted["articles"].to_pydict()
    sentences = columns.get("sentences")
    text = " ".join(sentences["text"]) if sentences else ""
    return Encoded(article_id, converted, None, _fragments(columns), text)


def _row_arrow(row: dict) -> pa.Table | None:
    """The ``articles`` row as the one-row Arrow table :func:`arrow_tables` makes of its frame.

    Text is ``large_string``, whole numbers ``int64`` and None a null column, as the frame from
    :func:`_row_frame` converts; any other value gives None (the frame path is taken instead).
    """
    arrays = []
    for value in row.values():
        if type(value) is str:
            arrays.append(pa.array([value], pa.large_string()))
        elif type(value) is int and -(2**63) <= value < 2**63:
            arrays.append(pa.array([value], pa.int64()))
        elif value is None:
            arrays.append(pa.nulls(1))
        else:
            return None
    return pa.Table.from_arrays(arrays, names=list(row))


def _frame_fragments(tables: dict[str, pd.DataFrame]) -> dict[str, tuple[str, int]]:
    """:func:`_fragments` of an article kept as DataFrames."""
    columns = {name: {c: f[c].tolist() for c in f.columns} for name, f in tables.items() if len(f)}
    return _fragments(columns)


def _fragments(columns: dict[str, dict[str, list]]) -> dict[str, tuple[str, int]]:
    """Every written table's rows of one article as CSV text (see :func:`helpers.tables.csv_rows`).

    ``columns`` are the article's tables as plain lists (absent: no rows). The actor counts and
    article-level sentiment rows are computed here for the one article, as
    :func:`helpers.pipeline.run.build_tables` computes them for all articles at once; the cache
    keeps them, so a rerun does not redo them. Missing values may be None or NaN.
    """
    mentions, scores = (_column_order(columns.get(n)) for n in ("mentions", "mention_sentiment"))
    if mentions:
        keys = ["article_id", "actor_id", "actor", "actor_type", "country"]
        ranked = rank_actors([mentions[k] for k in keys])
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
            zip(SUMMARY_COLUMNS, (list(c) for c in zip(*rows, strict=True)), strict=True)
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
