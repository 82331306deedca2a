"""The look every figure shares: text sizes, colours, titles, short labels and the "no data" frame.

:mod:`helpers.views.plots` and :mod:`helpers.views.network` draw with these, so that every figure
reads the same on a projector: at least 12 pt text, a title and labelled axes, a readable country
name instead of an ISO code, and an empty frame with a note (never an error) when a filter leaves
nothing to draw. The filters use :func:`country_label` and :func:`shorten` for their choices too.
"""

from __future__ import annotations

import csv
from functools import lru_cache

import matplotlib
import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from ..paths import data_file

__all__ = [
    "FONT",
    "LABEL",
    "NO_DATA",
    "TITLE",
    "country_label",
    "finish",
    "new_axes",
    "no_data",
    "palette",
    "ranked",
    "shorten",
]

FONT = 12  # tick labels, legends, notes: the smallest text on a figure
LABEL = 13  # axis labels
TITLE = 15
NO_DATA = "no data for this selection"
_COLORS = "tab10"


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    path = data_file("countries_curated.csv")
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["iso3"]: row["name"] for row in csv.DictReader(handle) if row.get("iso3")}


def country_label(code: str) -> str:
    """Return a readable name for an ISO3 country code (the code itself when unknown).

    Example:
        >>> country_label("JPN"), country_label("XXX"), country_label("")
        ('Japan', 'XXX', '(no country)')
    """
    code = "" if code is None or (isinstance(code, float) and np.isnan(code)) else str(code)
    return _country_names().get(code, code) or "(no country)"


def shorten(text: str, width: int = 32) -> str:
    """Collapse white space and cut ``text`` to ``width`` characters, marking the cut with "…".

    Example:
        >>> shorten("Establishment of NATO Tokyo  liaison office", 20)
        'Establishment of NA…'
    """
    text = " ".join(str(text).split())
    return text if len(text) <= width else text[: width - 1] + "…"


def new_axes(ax: Axes | None, n_rows: int = 8, *, width: float = 10.0) -> Axes:
    """Return ``ax``, or the Axes of a new figure tall enough for ``n_rows`` bars.

    Example:
        >>> new_axes(None, 20).figure.get_size_inches().tolist()
        [10.0, 10.0]
    """
    if ax is not None:
        return ax
    # pyplot only for a new figure, so that a notebook shows it; drawing on a given ax never
    # needs it (the explorers and the report draw on bare Figures).
    import matplotlib.pyplot as plt

    height = min(12.0, max(4.0, 1.6 + 0.42 * n_rows))
    _, ax = plt.subplots(figsize=(width, height), layout="constrained")
    return ax


def finish(ax: Axes, title: str, xlabel: str, ylabel: str) -> Axes:
    """Give ``ax`` its title and axis labels, and every text its projector size; returns ``ax``.

    Example:
        >>> finish(new_axes(None), "Tone", "polarity", "country").title.get_fontsize()
        15.0
    """
    ax.set_title(title, fontsize=TITLE)
    ax.set_xlabel(xlabel, fontsize=LABEL)
    ax.set_ylabel(ylabel, fontsize=LABEL)
    ax.tick_params(labelsize=FONT)
    legend = ax.get_legend()
    if legend is not None:
        for text in legend.get_texts():
            text.set_fontsize(FONT)
        legend.get_title().set_fontsize(FONT)
    return ax


def no_data(ax: Axes | None, title: str, xlabel: str, ylabel: str, note: str = NO_DATA) -> Axes:
    """An empty frame with its title, labels and a grey ``note`` in the middle.

    Example:
        >>> [t.get_text() for t in no_data(None, "Tone", "", "").texts]
        ['no data for this selection']
    """
    ax = new_axes(ax, 4)
    ax.text(
        0.5,
        0.5,
        note,
        ha="center",
        va="center",
        fontsize=FONT + 2,
        color="0.35",
        transform=ax.transAxes,
    )
    ax.set_xticks([])
    ax.set_yticks([])
    return finish(ax, title, xlabel, ylabel)


def palette(n: int) -> list:
    """``n`` distinct colours (tab10, or tab20 beyond ten), as RGBA tuples.

    Example:
        >>> len(palette(3)), palette(11)[0] == palette(11)[20 % 20]
        (3, True)
    """
    cmap = matplotlib.colormaps[_COLORS if n <= 10 else "tab20"]
    return [cmap(i % cmap.N) for i in range(n)]


def ranked(totals: pd.Series, top: int | None = None) -> list:
    """Index values by total, largest first, ties by name (same input, same order).

    Example:
        >>> ranked(pd.Series({"FRA": 3, "CHN": 5, "JPN": 3}))
        ['CHN', 'FRA', 'JPN']
    """
    return totals.sort_index().sort_values(ascending=False, kind="mergesort").index[:top].tolist()
