"""The engine's per-article step: one article analysed, as Arrow tables and CSV fragments.

:func:`analyze_for_cache` is :func:`helpers.analyze.analyze_one` plus
:func:`helpers.analyze.article_fragments` without the DataFrames: the steps hand over their tables as
plain columns (:class:`helpers.frames.Columns`), which go straight to Arrow, and the actor counts,
the article-level sentiment rows and the CSV rows are computed from the same lists (the same bytes
and Arrow tables as from the frames, tested). A dozen small DataFrames per article, built and read
back, were a fifth of the time of a run.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pyarrow as pa

from ..analyze import _analyze, _column_fragments, _row_frame, article_fragments, frames_of
from ..frames import Columns, arrow_tables


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
    and article sentiment rows are computed from the steps' plain columns: the same bytes as from
    the DataFrames, which are not built. A table whose types only pandas would settle goes through
    its frame; one Arrow would not round-trip keeps the whole article as DataFrames.

    Example:
        >>> from helpers.analyze import analyze_one
        >>> from helpers.paths import SEEDS_DIR
        >>> done = analyze_for_cache(SEEDS_DIR / "001_b9b24f8ad2796175.txt")
        >>> done.fragments == article_fragments(analyze_one(SEEDS_DIR / "001_b9b24f8ad2796175.txt"))
        True
    """
    article_id, tables, row = _analyze(Path(path), overrides)
    first = _row_arrow(row)
    converted: dict[str, pa.Table] = {} if first is None else {"articles": first}
    columns: dict[str, dict[str, list]] = {}
    for name, table in tables.items():
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
        tables = {"articles": _row_frame(row), **frames_of(tables)}
        frames = {name: frame.assign(article_id=article_id) for name, frame in tables.items()}
        texts = frames["sentences"]["text"] if len(frames["sentences"]) else []
        return Analysed(
            article_id,
            None,
            {name: frame for name, frame in frames.items() if len(frame)},
            article_fragments(frames),
            " ".join(texts),
        )
    columns["articles"] = converted["articles"].to_pydict()
    sentences = columns.get("sentences")
    text = " ".join(sentences["text"]) if sentences else ""
    return Analysed(article_id, converted, None, _column_fragments(columns), text)


def _row_arrow(row: dict) -> pa.Table | None:
    """The ``articles`` row as the one-row Arrow table :func:`arrow_tables` makes of its frame.

    Text is ``large_string``, whole numbers ``int64`` and None a null column, as the frame from
    ``analyze._row_frame`` converts; any other value gives None (the frame path is taken instead).
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
