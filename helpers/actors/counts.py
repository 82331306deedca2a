"""Count actor mentions per article (``actors.count_actors``; moved here to keep ``actors`` short)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..frames import is_missing


def count_actors(mentions: pd.DataFrame) -> pd.DataFrame:
    """Count mentions per article and actor.

    Returns:
        article_id, actor_id, actor, actor_type, country, mentions; sorted by article_id, then most
        mentioned first, then actor_id.

    Example:
        >>> m = pd.DataFrame({"article_id": ["a", "a", "a"], "actor_id": ["CHN", "FRA", "CHN"],
        ...                   "actor": ["China", "France", "China"], "actor_type": ["country"] * 3,
        ...                   "country": ["CHN", "FRA", "CHN"]})
        >>> count_actors(m)[["actor_id", "mentions"]].values.tolist()
        [['CHN', 2], ['FRA', 1]]
    """
    keys = ["article_id", "actor_id", "actor", "actor_type", "country"]
    if mentions.empty:
        return pd.DataFrame(columns=[*keys, "mentions"]).astype({"mentions": "int64"})
    # Plain Python over the rows: on one article's few dozen mentions a pandas groupby costs
    # ~100x more than the counting itself. Missing values group together, as dropna=False does.
    ranked = rank_actors([mentions[k].tolist() for k in keys])
    frame = pd.DataFrame([row for row, _ in ranked], columns=keys)
    for key in keys:
        frame[key] = frame[key].astype(mentions[key].dtype)
    return frame.assign(mentions=np.array([n for _, n in ranked], dtype="int64"))


def rank_actors(columns: list[list]) -> list[tuple[tuple, int]]:
    """Count rows of (article_id, actor_id, actor, actor_type, country), given as five lists.

    Returns ``(row, count)`` pairs in :func:`count_actors` order (article, most mentioned first,
    actor_id); missing values (None, NaN) become None and group together.

    Example:
        >>> rank_actors([["a", "a"], ["CHN", "CHN"], ["China"] * 2, ["country"] * 2, ["CHN"] * 2])
        [(('a', 'CHN', 'China', 'country', 'CHN'), 2)]
    """
    counts: dict[tuple, int] = {}
    cleaned = [[None if is_missing(v) else v for v in values] for values in columns]
    for row in zip(*cleaned, strict=True):
        counts[row] = counts.get(row, 0) + 1
    return sorted(counts.items(), key=lambda kv: (kv[0][0], -kv[1], kv[0][1]))
