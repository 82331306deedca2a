"""The engine's per-article step: one article analysed, as Arrow tables and CSV fragments.

:func:`analyze_for_cache` is :func:`helpers.analyze.analyze_one` plus
:func:`helpers.analyze.article_fragments`, with each table turned into Arrow once: the actor counts,
the article-level sentiment rows and the CSV rows are computed from the Arrow columns as plain
lists (the same bytes, tested), not from a dozen small DataFrames.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

from . import actors, sentiment
from .analyze import TABLE_NAMES, _analyze, article_fragments
from .cache import arrow_tables
from .sentiment_summary import summary_rows
from .tables import csv_rows_from_columns


@dataclass
class Analysed:
    """One analysed article as the engine keeps it (see :func:`analyze_for_cache`)."""

    article_id: str
    tables: dict[str, pa.Table] | None  # non-empty tables, ``article_id`` in each
    frames: dict[str, pd.DataFrame] | None  # instead of ``tables`` when Arrow would not round-trip
    fragments: dict[str, tuple[str, int]]  # as :func:`article_fragments` gives them
    text: str  # the sentences joined by spaces (for the near-duplicate signature)


def analyze_for_cache(path: Path | str, *, overrides: dict[str, str] | None = None) -> Analysed:
    """:func:`analyze_one`, its Arrow tables and :func:`article_fragments`, with frames built once.

    The Arrow tables get their ``article_id`` column directly, and the CSV fragments, actor counts
    and article sentiment rows are computed from the Arrow columns as plain lists: the same bytes
    as from the DataFrames, without copying and reading a dozen small frames again.

    Example:
        >>> from helpers.paths import SEEDS_DIR
        >>> done = analyze_for_cache(SEEDS_DIR / "001_b9b24f8ad2796175.txt")
        >>> done.fragments == article_fragments(analyze_one(SEEDS_DIR / "001_b9b24f8ad2796175.txt"))
        True
    """
    article_id, tables = _analyze(Path(path), overrides)
    converted = arrow_tables(tables, article_id=article_id)
    if converted is None:
        frames = {name: frame.assign(article_id=article_id) for name, frame in tables.items()}
        texts = frames["sentences"]["text"] if len(frames["sentences"]) else []
        return Analysed(
            article_id,
            None,
            {name: frame for name, frame in frames.items() if len(frame)},
            article_fragments(frames),
            " ".join(texts),
        )
    columns = {name: table.to_pydict() for name, table in converted.items()}
    sentences = columns.get("sentences")
    text = " ".join(sentences["text"]) if sentences else ""
    return Analysed(article_id, converted, None, _column_fragments(columns), text)


def _column_fragments(columns: dict[str, dict[str, list]]) -> dict[str, tuple[str, int]]:
    """:func:`article_fragments` of tables given as plain columns (absent: no rows)."""
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
    return "" if value is None or (isinstance(value, float) and value != value) else str(value)


def _column_order(table: dict[str, list] | None) -> dict[str, list] | None:
    """:func:`_in_table_order` of plain columns (a missing actor_id sorts last, as in pandas)."""
    if not table:
        return table
    starts, ends, ids = table["start"], table["end"], table["actor_id"]
    keys = [
        (s, e, _text(a) == "" and not isinstance(a, str), a if isinstance(a, str) else "")
        for s, e, a in zip(starts, ends, ids, strict=True)
    ]
    if all(a <= b for a, b in zip(keys, keys[1:], strict=False)):
        return table
    order = sorted(range(len(keys)), key=keys.__getitem__)
    return {name: [values[i] for i in order] for name, values in table.items()}
