"""What the report's figures need from a run's biggest tables, read a few articles at a time.

``mentions.csv`` and ``actor_counts.csv`` grow with the corpus; holding them whole to draw two
figures would make the report's memory grow too. Both files are sorted by ``article_id``, so they
are read in chunks of whole articles and reduced as they go: actor counts summed per outlet, and
speaker → country edges counted per chunk (a quote and the mentions inside it belong to one
article, so the counts add up across chunks). The figures come out as from the whole tables.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pandas as pd

from ..tables import typed
from .network import SPEAKER_KINDS, speaker_edges

__all__ = ["actor_counts_by_outlet", "article_chunks", "count_rows", "speaker_edges_from_csv"]

CHUNK_ROWS = 50_000
_ACTOR_KEYS = ["outlet", "actor_id", "actor", "actor_type", "country"]
_EDGE_KEYS = ["speaker", "speaker_country", "country"]


def article_chunks(
    path: Path, name: str, columns: list[str] | None = None, *, rows: int | None = None
) -> Iterator[pd.DataFrame]:
    """Yield table ``name`` from ``path`` in typed chunks that never split an article's rows.

    Example:
        >>> sum(len(c) for c in article_chunks(Path("output/mentions.csv"), "mentions"))  # doctest: +SKIP
        1234
    """
    wanted = None if columns is None else (lambda c: c in columns or c == "article_id")
    reader = pd.read_csv(
        path,
        dtype=str,
        keep_default_na=False,
        encoding="utf-8",
        usecols=wanted,
        chunksize=rows or CHUNK_ROWS,
    )
    carry = None
    for chunk in reader:
        if not len(chunk):
            continue
        if carry is not None:
            chunk = pd.concat([carry, chunk], ignore_index=True)
        last = chunk["article_id"].iloc[-1]
        tail = chunk["article_id"] == last
        carry = chunk[tail]
        if (~tail).any():
            yield typed(chunk[~tail].reset_index(drop=True), name)
    if carry is not None and len(carry):
        yield typed(carry.reset_index(drop=True), name)


def count_rows(path: Path) -> int:
    """Rows of a CSV table (quoted line breaks included), counted a chunk at a time."""
    chunks = pd.read_csv(path, usecols=[0], dtype=str, keep_default_na=False, chunksize=CHUNK_ROWS)
    return sum(len(chunk) for chunk in chunks)


def actor_counts_by_outlet(path: Path, articles: pd.DataFrame) -> pd.DataFrame:
    """``actor_counts`` summed per outlet and actor, with an ``outlet`` column, in file order.

    ``plots.actor_counts(frame, by="outlet")`` draws from it what it draws from the whole table:
    the same totals, and each actor's name as first seen in the file.
    """
    outlets = articles.set_index("article_id")["outlet"]
    parts = []
    for chunk in article_chunks(path, "actor_counts"):
        chunk = chunk.assign(outlet=chunk["article_id"].map(outlets).fillna(""))
        parts.append(
            chunk.groupby(_ACTOR_KEYS, sort=False, dropna=False)["mentions"].sum().reset_index()
        )
    if not parts:
        return pd.DataFrame(columns=["article_id", *_ACTOR_KEYS, "mentions"])
    summed = pd.concat(parts, ignore_index=True)
    summed = summed.groupby(_ACTOR_KEYS, sort=False, dropna=False)["mentions"].sum().reset_index()
    return summed.assign(article_id="")


def speaker_edges_from_csv(
    attributions: Path, mentions: Path, *, kinds: tuple[str, ...] = SPEAKER_KINDS
) -> pd.DataFrame:
    """:func:`helpers.views.network.speaker_edges` of the two tables, a chunk of articles at a time.

    Both files are sorted by article_id: each chunk of mentions is joined with the quotes of the
    same articles, read alongside.
    """
    quote_columns = [
        "article_id",
        "sentence_id",
        "kind",
        "speaker",
        "speaker_actor_id",
        "speaker_country",
        "start",
        "end",
    ]
    quotes = (
        chunk[chunk["kind"].isin(kinds) & (chunk["speaker"] != "")]
        for chunk in article_chunks(attributions, "attributions", quote_columns)
    )
    waiting = pd.DataFrame(columns=quote_columns)
    exhausted = False
    columns = ["article_id", "sentence_id", "actor_id", "country", "start", "end"]
    parts = []
    for chunk in article_chunks(mentions, "mentions", columns):
        last = chunk["article_id"].iloc[-1]
        while not exhausted and (waiting.empty or waiting["article_id"].iloc[-1] <= last):
            nxt = next(quotes, None)
            if nxt is None:
                exhausted = True
            elif len(nxt):
                waiting = nxt if waiting.empty else pd.concat([waiting, nxt], ignore_index=True)
        done = waiting["article_id"] <= last
        mine, waiting = waiting[done], waiting[~done]
        mine = mine[mine["article_id"].isin(set(chunk["article_id"]))]
        if len(mine):
            parts.append(speaker_edges(mine.reset_index(drop=True), chunk, kinds=kinds))
    parts = [p for p in parts if len(p)]
    if not parts:
        return pd.DataFrame(columns=[*_EDGE_KEYS, "quotes"])
    edges = pd.concat(parts, ignore_index=True).groupby(_EDGE_KEYS, sort=True)["quotes"].sum()
    edges = edges.reset_index()
    return edges.sort_values(
        ["quotes", "speaker", "country"], ascending=[False, True, True], kind="mergesort"
    ).reset_index(drop=True)
