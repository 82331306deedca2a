"""Per-country sentiment summaries of mention scores (per article, per outlet, all articles).

:func:`country_sentiment` is re-exported by :mod:`helpers.sentiment`. Each group's 95% interval of
the mean polarity is a percentile bootstrap whose random draws come from the group's own seed
(``seed`` and a CRC of article_id|country), so a group's interval does not depend on what else is
in the table: the article-level rows are the same whether one article or ten thousand are
summarised (``levels=`` computes only some of the rows). Groups are summarised in plain
Python/NumPy instead of a pandas groupby, and the resamples of equal-sized groups are averaged
and cut at their percentiles in batches. The draws and the floating-point operations are the
same as one group at a time with NumPy (tested bit for bit), so the numbers are the same; what is
left is mostly drawing the random resamples themselves.
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Sequence

import numpy as np
import pandas as pd

from ..frames import is_missing, text_array
from ..frames import texts as _texts  # (summary_rows has an argument called texts)
from .target import LABELS

__all__ = ["LEVELS", "SUMMARY_COLUMNS", "country_sentiment", "summary_rows"]

LEVELS = ("article", "outlet", "all")
SUMMARY_COLUMNS = [
    "article_id",
    "country",
    "mentions",
    "polarity",
    "subjectivity",
    "share_negative",
    "share_neutral",
    "share_positive",
    "ci_low",
    "ci_high",
    "vader",
    "level",
    "outlet",
]
_CHUNK = 2_000_000  # resampled values drawn at once (bounds memory for very large groups)


def country_sentiment(
    scores: pd.DataFrame,
    articles: pd.DataFrame,
    *,
    by: str = "country",
    n_boot: int = 1000,
    seed: int = 0,
    levels: Sequence[str] = LEVELS,
) -> pd.DataFrame:
    """Summarise mention scores per article, per outlet and across all articles.

    Args:
        scores: :func:`helpers.sentiment.mention_sentiment` scores with an ``article_id`` column.
        articles: article_id, outlet.
        by: "country" (persons and organisations count toward their country; mentions with no
            country are dropped) or "actor" (one row per actor; ``country`` holds the actor_id).
        n_boot: bootstrap resamples for the 95% interval of the mean polarity.
        seed: random seed of the bootstrap (same input, same interval).
        levels: which rows to compute, any of "article", "outlet", "all" (default: all three).
            A group's rows do not depend on the other groups, so the article rows of one article
            can be computed alone (and cached) and the outlet/all rows from all articles.

    Returns:
        article_id, country, mentions, polarity, subjectivity, share_negative, share_neutral,
        share_positive, ci_low, ci_high, vader, level (article|outlet|all), outlet; sorted by
        level, article_id, country.

    Example:
        >>> s = pd.DataFrame({"article_id": ["a", "a"], "country": ["JPN", "JPN"],
        ...     "actor_id": ["JPN", "JPN"], "polarity": [0.5, 0.1], "subjectivity": [0.5, 0.2],
        ...     "label": ["positive", "neutral"], "vader": [0.4, 0.0]})
        >>> country_sentiment(s, pd.DataFrame({"article_id": ["a"], "outlet": ["X"]}))[
        ...     ["article_id", "mentions", "polarity"]].values.tolist()
        [['a', 2, 0.3], ['outlet:X', 2, 0.3], ['ALL', 2, 0.3]]
    """
    if by not in ("country", "actor"):
        raise ValueError(f"by must be 'country' or 'actor', not {by!r}")
    unknown = [level for level in levels if level not in LEVELS]
    if unknown:
        raise ValueError(f"levels must be among {LEVELS}, not {unknown}")
    if scores is None or len(scores) == 0:
        return pd.DataFrame(columns=SUMMARY_COLUMNS)
    # Plain lists: a few tolist() calls instead of pandas masks, maps and groupby per call.
    outlets = (
        dict(zip(articles["article_id"].tolist(), _texts(articles["outlet"].tolist()), strict=True))
        if len(articles)
        else {}
    )
    rows = summary_rows(
        {
            name: scores[name].tolist()
            for name in ("article_id", "country" if by == "country" else "actor_id", "label")
        },
        [scores[name].to_numpy(dtype=float) for name in ("polarity", "subjectivity", "vader")],
        outlets,
        by=by,
        n_boot=n_boot,
        seed=seed,
        levels=levels,
    )
    if not rows:
        return pd.DataFrame(columns=SUMMARY_COLUMNS)
    return _frame(rows)


def summary_rows(
    texts: dict[str, list],
    numbers: Sequence[np.ndarray],
    outlets: dict[str, str],
    *,
    by: str = "country",
    n_boot: int = 1000,
    seed: int = 0,
    levels: Sequence[str] = LEVELS,
) -> list[list]:
    """The rows of :func:`country_sentiment` (in ``SUMMARY_COLUMNS`` order) from plain columns.

    ``texts`` holds the scores' ``article_id``, ``label`` and ``country`` (or ``actor_id`` with
    ``by="actor"``) as lists; ``numbers`` their polarity, subjectivity and vader as float arrays;
    ``outlets`` maps article_id to outlet. The engine summarises one article this way without
    building its frames.

    Example:
        >>> texts = {"article_id": ["a"], "country": ["JPN"], "label": ["neutral"]}
        >>> rows = summary_rows(texts, [np.array([0.5])] * 3, {"a": "X"}, levels=("article",))
        >>> rows[0][:3], rows[0][-2:]
        (['a', 'JPN', 1], ['article', 'X'])
    """
    countries = _texts(texts["actor_id" if by == "actor" else "country"])
    article_ids = texts["article_id"]
    columns = [_Column(values) for values in numbers]
    labels = texts["label"]
    kept = [i for i, cty in enumerate(countries) if cty]  # no country (or actor): not summarised
    outlet = [outlets.get(aid, "") for aid in article_ids]
    keys_by_level = {
        # pandas groupby (the method's definition) drops rows with a missing key
        "article": ((i, (article_ids[i], countries[i], outlet[i])) for i in kept),
        "outlet": ((i, ("outlet:" + outlet[i], countries[i], outlet[i])) for i in kept),
        "all": ((i, ("ALL", countries[i], "")) for i in kept),
    }
    rows: list[list] = []
    boot: list[tuple[int, np.ndarray, list[int]]] = []
    for level in LEVELS:
        if level not in levels:
            continue
        groups: dict[tuple, list[int]] = {}
        for i, key in keys_by_level[level]:
            if level == "article" and is_missing(key[0]):
                continue
            groups.setdefault(key, []).append(i)
        for (article_id, cty, out), index in sorted(groups.items()):
            n = len(index)
            polarity, sorted_polarity = columns[0].sorted_mean(index)
            if n >= 2 and n_boot >= 1:
                key = zlib.crc32(f"{article_id}|{cty}".encode())
                boot.append((len(rows), sorted_polarity, [seed, key]))
            if n == 1:
                shares = [1.0 if labels[index[0]] == name else 0.0 for name in LABELS]
            else:
                group_labels = [labels[i] for i in index]
                shares = [float(group_labels.count(name)) / n for name in LABELS]
            rows.append(
                [
                    article_id,
                    cty,
                    n,
                    polarity,
                    columns[1].mean(index),
                    *shares,
                    polarity,  # the interval of fewer than two mentions is the point itself
                    polarity,
                    columns[2].mean(index),
                    level,
                    out,
                ]
            )
    for k, low, high in _bootstrap_cis(boot, n_boot):
        rows[k][8], rows[k][9] = low, high
    return rows


class _Column:
    """One numeric column: group means exactly as pandas/NumPy compute them, without their overhead.

    NumPy adds fewer than 8 values one by one from 0.0 (pairwise summation starts at 8), so
    small groups are summed in Python with the same result; larger ones go to NumPy.
    """

    def __init__(self, values: np.ndarray) -> None:
        self.array = values
        self.values = values.tolist()
        self.has_nan = bool(np.isnan(values).any())

    def mean(self, index: list[int]) -> float:
        """``pd.Series(values[index]).mean()``: missing values skipped (NaN if all are)."""
        n = len(index)
        if self.has_nan:
            group = self.array[index]
            missing = np.isnan(group)
            count = n - int(missing.sum())
            if count == 0:
                return math.nan
            return float(np.where(missing, 0.0, group).sum() / count)
        if n < 8:
            total = 0.0
            for i in index:
                total += self.values[i]
            return total / n
        return float(self.array[index].sum() / n)

    def sorted_mean(self, index: list[int]) -> tuple[float, np.ndarray | None]:
        """``np.sort(values[index]).mean()`` and the sorted values (None for a single value)."""
        n = len(index)
        if n == 1 and not self.has_nan:
            return 0.0 + self.values[index[0]], None
        ordered = np.sort(self.array[index])
        if n < 8 and not self.has_nan:
            total = 0.0
            for value in ordered.tolist():
                total += value
            return total / n, ordered
        return float(ordered.mean()), ordered


def _frame(rows: list[list]) -> pd.DataFrame:
    """The summary rows as a DataFrame, typed column by column (as pandas would infer them)."""
    data = dict(zip(SUMMARY_COLUMNS, zip(*rows, strict=True), strict=True))
    if not all(type(v) is str for v in data["article_id"]):
        return pd.DataFrame({name: list(values) for name, values in data.items()})
    frame = {}
    for name, values in data.items():
        if name in ("article_id", "country", "level", "outlet"):
            frame[name] = text_array(values)
        else:
            frame[name] = np.array(values, dtype="int64" if name == "mentions" else "float64")
    return pd.DataFrame(frame, copy=False)


def _resample_means(table: np.ndarray, draws: np.ndarray) -> np.ndarray:
    """``table[g][draws[g]].mean(axis=1)`` for every group g (rows of ``table``), bit for bit.

    NumPy sums fewer than 8 values one by one from 0.0, so small groups are summed column by
    column the same way (one vectorised addition per column instead of a reduction per resample).
    """
    rows = np.arange(len(table))[:, None]
    n = table.shape[1]
    if n >= 8:
        return table[rows[:, :, None], draws].mean(axis=2)
    total = 0.0 + table[rows, draws[:, :, 0]]
    for j in range(1, n):
        total += table[rows, draws[:, :, j]]
    return total / n


def _percentiles(means: np.ndarray) -> np.ndarray:
    """``np.percentile(means, [2.5, 97.5], axis=1)``, bit for bit, without its per-call overhead.

    NumPy's default ("linear") method: the same virtual indexes, the same order statistics
    (one partition per row) and the same interpolation arithmetic. Rows with NaN go to NumPy.
    """
    size = means.shape[1]
    if size < 2 or np.isnan(means).any():
        return np.percentile(means, [2.5, 97.5], axis=1)
    virtual = (size - 1) * np.true_divide([2.5, 97.5], 100)
    previous = np.floor(virtual)
    following = previous + 1
    above = virtual >= size - 1
    previous[above] = following[above] = -1
    previous, following = previous.astype(np.intp), following.astype(np.intp)
    gamma = virtual - previous
    kth = np.unique(np.concatenate([previous, following]) % size)
    ordered = np.partition(means, kth, axis=1)
    out = np.empty((2, len(means)))
    for j in range(2):
        a, b, t = ordered[:, previous[j]], ordered[:, following[j]], gamma[j]
        diff = b - a
        out[j] = b - diff * (1 - t) if t >= 0.5 else a + diff * t
    return out


def _bootstrap_cis(
    groups: list[tuple[int, np.ndarray, list[int]]], n_boot: int
) -> list[tuple[int, float, float]]:
    """95% percentile bootstrap intervals of the mean, one per ``(key, sorted values, seed)``.

    Every group draws ``n_boot`` resamples from its own generator in chunks of at most
    ``_CHUNK // n`` resamples (the draws are the same as resampling group by group). Groups of
    equal size with a single chunk are gathered and averaged together; the percentiles of many
    groups are taken in one call (row by row it is the same arithmetic).
    """
    out: list[tuple[int, float, float]] = []
    keys: list[int] = []
    means: list[np.ndarray] = []  # (groups, n_boot) blocks waiting for their percentiles

    def flush() -> None:
        low, high = _percentiles(np.concatenate(means))
        out.extend(zip(keys, low.tolist(), high.tolist(), strict=True))
        keys.clear()
        means.clear()

    by_size: dict[int, list[tuple[int, np.ndarray, list[int]]]] = {}
    for group in groups:
        by_size.setdefault(len(group[1]), []).append(group)
    for n, same in sorted(by_size.items()):
        chunk = max(1, _CHUNK // n)
        if chunk < n_boot:  # a large group: chunked draws, one group at a time
            for k, values, seed in same:
                rng = np.random.default_rng(seed)
                keys.append(k)
                means.append(
                    np.concatenate(
                        [
                            values[rng.integers(0, n, size=(min(chunk, n_boot - i), n))].mean(
                                axis=1
                            )
                            for i in range(0, n_boot, chunk)
                        ]
                    )[None, :]
                )
                flush()
            continue
        per_batch = max(1, _CHUNK // (n_boot * n))
        for b in range(0, len(same), per_batch):
            batch = same[b : b + per_batch]
            draws = np.stack(
                [
                    np.random.default_rng(seed).integers(0, n, size=(n_boot, n))
                    for _, _, seed in batch
                ]
            )
            table = np.stack([values for _, values, _ in batch])
            keys.extend(k for k, _, _ in batch)
            means.append(_resample_means(table, draws))
            if len(keys) * n_boot >= _CHUNK:
                flush()
    if keys:
        flush()
    return out
