"""Figures for the notebooks and the report: matplotlib only, readable on a projector.

Every function takes the kit's tables (DataFrames), draws on ``ax`` (a new figure when ``ax`` is
None) and returns the :class:`matplotlib.axes.Axes`. An empty selection draws an empty frame with
a "no data" note instead of failing, so a filter that removes everything never breaks a notebook.
Fonts are at least 12 pt and every figure has a title and labelled axes.
"""

from __future__ import annotations

import base64
import io
from pathlib import Path

import matplotlib.dates as mdates
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.ticker import MaxNLocator

from ..schema import ATTRIBUTION_KINDS
from ..tables import atomic_path
from .network import SPEAKER_KINDS, speaker_edges, speaker_network
from .style import (
    FONT,
    LABEL,
    NO_DATA,
    TITLE,
    country_label,
    finish,
    new_axes,
    no_data,
    palette,
    ranked,
    shorten,
)

__all__ = [
    "FONT",
    "LABEL",
    "NO_DATA",
    "SPEAKER_KINDS",
    "TITLE",
    "actor_counts",
    "country_label",
    "country_sentiment",
    "quote_sources",
    "save_png",
    "sentiment_over_time",
    "speaker_edges",
    "speaker_network",
    "to_data_uri",
    "to_png",
]


def _check(value: str, allowed: tuple[str, ...], name: str) -> None:
    if value not in allowed:
        raise ValueError(f"{name} must be one of {', '.join(allowed)}; got {value!r}")


def _top_groups(totals: pd.Series, keep: int, other: str) -> dict[str, str]:
    """Map each group to itself (the ``keep - 1`` largest) or to ``other`` (the rest)."""
    order = ranked(totals)
    return {g: (g if i < keep - 1 or len(order) <= keep else other) for i, g in enumerate(order)}


def _article_names(articles: pd.DataFrame) -> dict[str, str]:
    """A short title per article (its id when it has none, or when two titles are the same)."""
    titles = articles["title"].fillna("").astype(str).map(lambda t: shorten(t, 30))
    names = titles.where(titles != "", articles["article_id"])
    repeated = names.duplicated(keep=False)
    names = names.where(~repeated, articles["article_id"])
    return dict(zip(articles["article_id"], names, strict=True))


def _stacked_barh(ax: Axes, pivot: pd.DataFrame, *, legend_title: str) -> None:
    """Draw ``pivot`` (rows = bars from top to bottom, columns = stacks) as horizontal bars."""
    y = np.arange(len(pivot))[::-1]
    left = np.zeros(len(pivot))
    for color, column in zip(palette(len(pivot.columns)), pivot.columns, strict=True):
        values = pivot[column].to_numpy(dtype=float)
        ax.barh(y, values, left=left, color=color, label=shorten(column), height=0.7)
        left += values
    for yy, total in zip(y, left, strict=True):
        ax.text(total, yy, f" {total:g}", va="center", fontsize=FONT)
    ax.set_yticks(y, [shorten(i, 36) for i in pivot.index])
    ax.set_xlim(0, max(1.0, left.max()) * 1.12)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    if len(pivot.columns) > 1:
        ax.legend(title=legend_title, loc="lower right", frameon=True)


def actor_counts(
    actor_counts: pd.DataFrame,
    *,
    top: int = 15,
    by: str = "article",
    actor_type: str | None = None,
    articles: pd.DataFrame | None = None,
    max_groups: int = 8,
    ax: Axes | None = None,
) -> Axes:
    """Horizontal bars of the most mentioned actors, stacked by article or by outlet.

    Args:
        actor_counts: the ``actor_counts`` table (article_id, actor_id, actor, ..., mentions).
        top: how many actors to show.
        by: "article" or "outlet" (needs an ``outlet`` column or ``articles=``). By article, the
            stacks are named by their titles when ``articles`` is given (else by article_id).
        actor_type: keep only "country", "person" or "organization".
        articles: the ``articles`` table, for outlet names and article titles.
        max_groups: stacks beyond this many are merged into "other".
        ax: draw here instead of a new figure.

    Example:
        >>> ax = actor_counts(tables["actor_counts"], by="outlet", articles=tables["articles"])
        >>> [t.get_text() for t in ax.get_yticklabels()][:3]
        ['China', 'NATO', 'France']
        >>> [t.get_text() for t in ax.get_legend().get_texts()]
        ['DEVNET JAPAN', 'Sputnik International']
    """
    _check(by, ("article", "outlet"), "by")
    kind = {"country": "countries", "person": "people", "organization": "organisations"}
    title = f"Most mentioned {kind.get(actor_type or '', 'actors')}"
    xlabel, ylabel = "mentions", "actor"
    frame = actor_counts if actor_counts is not None else pd.DataFrame()
    if actor_type and len(frame):
        frame = frame[frame["actor_type"] == actor_type]
    if frame.empty:
        return no_data(ax, title, xlabel, ylabel)
    meta = articles if articles is not None and len(articles) else None
    if by == "outlet" and "outlet" not in frame.columns:
        if meta is None:
            raise ValueError("by='outlet' needs articles=tables['articles'] (for the outlet names)")
        frame = frame.assign(outlet=frame["article_id"].map(meta.set_index("article_id")["outlet"]))
    if by == "outlet":
        group = frame["outlet"].fillna("").replace("", "(unknown outlet)")
    elif meta is not None and "title" in meta.columns:
        group = frame["article_id"].map(_article_names(meta)).fillna(frame["article_id"])
    else:
        group = frame["article_id"]
    frame = frame.assign(
        _group=group.astype(str),
        _name=frame["actor"].where(frame["actor"] != "", frame["actor_id"]),
    )
    totals = frame.groupby("actor_id")["mentions"].sum()
    names = frame.groupby("actor_id")["_name"].first()
    order = (
        pd.DataFrame({"total": totals, "name": names})
        .sort_values(["total", "name"], ascending=[False, True], kind="mergesort")
        .head(top)
    )
    shown = frame[frame["actor_id"].isin(order.index)]
    groups = _top_groups(shown.groupby("_group")["mentions"].sum(), max_groups, f"other {by}s")
    pivot = (
        shown.assign(_group=shown["_group"].map(groups))
        .pivot_table(
            index="actor_id", columns="_group", values="mentions", aggfunc="sum", fill_value=0
        )
        .reindex(order.index)
    )
    stack_order = list(dict.fromkeys(groups.values()))
    pivot = pivot[stack_order]
    pivot.index = order["name"].tolist()
    ax = new_axes(ax, len(pivot))
    _stacked_barh(ax, pivot, legend_title=by)
    return finish(ax, title, xlabel, ylabel)


def _weighted(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Mention-weighted mean polarity per group (rows are already per-article summaries)."""
    weight = frame["mentions"].clip(lower=1)
    return (
        frame.assign(_w=weight, _wp=frame["polarity"] * weight)
        .groupby(keys, sort=True)
        .agg(_w=("_w", "sum"), _wp=("_wp", "sum"), mentions=("mentions", "sum"))
        .assign(polarity=lambda g: g["_wp"] / g["_w"])
        .drop(columns=["_w", "_wp"])
        .reset_index()
    )


def country_sentiment(
    country_sentiment: pd.DataFrame,
    *,
    level: str = "all",
    countries: list[str] | None = None,
    top: int = 20,
    min_mentions: int = 1,
    max_groups: int = 6,
    ax: Axes | None = None,
) -> Axes:
    """Dot (mean polarity) and bar (95% interval) per country, one dot per group at each level.

    Args:
        country_sentiment: the ``country_sentiment`` table (level, ci_low, ci_high, ...).
        level: "all" (one dot per country), "outlet" or "article" (one dot per outlet/article).
        countries: ISO3 codes to show (default: the ``top`` most mentioned).
        top: how many countries to show.
        min_mentions: leave out rows with fewer mentions (their interval is meaningless).
        max_groups: at most this many outlets/articles (the most mentioning ones).
        ax: draw here instead of a new figure.

    Example:
        >>> ax = country_sentiment(tables["country_sentiment"], level="outlet", top=3)
        >>> sorted(t.get_text() for t in ax.get_yticklabels())
        ['China (n=46)', 'France (n=37)', 'Japan (n=18)']
    """
    _check(level, ("all", "outlet", "article"), "level")
    title = "Tone around each country" + ("" if level == "all" else f", per {level}")
    xlabel = "mean polarity (−1 negative … +1 positive); bar = 95% interval"
    frame = country_sentiment if country_sentiment is not None else pd.DataFrame()
    if len(frame) and "level" in frame.columns:
        frame = frame[frame["level"] == level]
    if len(frame):
        frame = frame[frame["mentions"] >= min_mentions]
        if countries:
            frame = frame[frame["country"].isin(countries)]
    if frame.empty:
        return no_data(ax, title, xlabel, "country")
    group_col = {"all": None, "outlet": "outlet", "article": "article_id"}[level]
    overall = _weighted(frame, ["country"]).sort_values(
        ["mentions", "country"], ascending=[False, True], kind="mergesort"
    )
    if not countries:
        overall = overall.head(top)
    overall = overall.sort_values(["polarity", "country"], kind="mergesort")
    frame = frame[frame["country"].isin(overall["country"])]
    y_of = {c: i for i, c in enumerate(overall["country"])}
    ax = new_axes(ax, len(overall))
    groups = [None]
    if group_col:
        keep = _top_groups(frame.groupby(group_col)["mentions"].sum(), max_groups + 1, "")
        groups = [g for g in dict.fromkeys(keep.values()) if g][:max_groups]
        frame = frame[frame[group_col].isin(groups)]
    offsets = np.linspace(-0.25, 0.25, len(groups)) if len(groups) > 1 else [0.0]
    for color, offset, group in zip(palette(len(groups)), offsets, groups, strict=True):
        part = frame if group is None else frame[frame[group_col] == group]
        y = part["country"].map(y_of).to_numpy(dtype=float) + offset
        x = part["polarity"].to_numpy(dtype=float)
        low = (x - part["ci_low"].to_numpy(dtype=float)).clip(min=0)
        high = (part["ci_high"].to_numpy(dtype=float) - x).clip(min=0)
        style = {"fmt": "o", "markersize": 8, "capsize": 4, "elinewidth": 2, "color": color}
        label = None if group is None else shorten(group)
        ax.errorbar(x, y, xerr=np.nan_to_num(np.vstack([low, high])), label=label, **style)
    ax.axvline(0, color="0.5", linestyle="--", linewidth=1)
    counts = dict(zip(overall["country"], overall["mentions"], strict=True))
    ax.set_yticks(
        range(len(overall)), [f"{country_label(c)} (n={counts[c]})" for c in overall["country"]]
    )
    extent = np.nanmax(np.abs(frame[["ci_low", "ci_high", "polarity"]].to_numpy(dtype=float)))
    lim = min(1.0, max(0.25, float(extent) * 1.15))
    ax.set_xlim(-lim, lim)
    ax.set_ylim(-0.7, len(overall) - 0.3)
    if group_col and len(groups) > 1:
        # Beside the plot, not on it: inside, it hid the dots of the countries at the bottom.
        ax.legend(title=level, loc="upper left", bbox_to_anchor=(1.01, 1), frameon=True)
    return finish(ax, title, xlabel, "country (n = mentions)")


def sentiment_over_time(
    country_sentiment: pd.DataFrame,
    articles: pd.DataFrame,
    *,
    countries: list[str] | None = None,
    top: int = 5,
    freq: str | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Points of mention-weighted mean polarity per country at the articles' dates.

    The points are not joined: articles on different stories, years apart, are not a series, and
    a line between them would draw a trend that is not there. Each country has its own colour and
    marker, so points at the same date stay apart.

    Args:
        country_sentiment: the ``country_sentiment`` table (its article-level rows are used).
        articles: the ``articles`` table (article_id, date as YYYY-MM-DD; undated ones are skipped).
        countries: ISO3 codes to draw (default: the ``top`` most mentioned).
        top: how many countries when ``countries`` is not given.
        freq: pool articles per period, e.g. "W" (week) or "M" (month); None keeps each date.
        ax: draw here instead of a new figure.

    Example:
        >>> ax = sentiment_over_time(tables["country_sentiment"], tables["articles"], top=2)
        >>> [t.get_text() for t in ax.get_legend().get_texts()]
        ['China', 'France']
    """
    title, xlabel, ylabel = "Tone around each country over time", "article date", "mean polarity"
    frame = country_sentiment if country_sentiment is not None else pd.DataFrame()
    if len(frame) and "level" in frame.columns:
        frame = frame[frame["level"] == "article"]
    if frame.empty or articles is None or articles.empty:
        return no_data(ax, title, xlabel, ylabel)
    dates = pd.to_datetime(
        articles.set_index("article_id")["date"], format="%Y-%m-%d", errors="coerce"
    )
    frame = frame.assign(date=frame["article_id"].map(dates)).dropna(subset=["date"])
    if countries:
        frame = frame[frame["country"].isin(countries)]
    if frame.empty:
        return no_data(ax, title, xlabel, ylabel, "no dated articles mention these countries")
    if freq:
        frame = frame.assign(date=frame["date"].dt.to_period(freq).dt.start_time)
    countries = countries or ranked(frame.groupby("country")["mentions"].sum(), top)
    points = _weighted(frame[frame["country"].isin(countries)], ["country", "date"])
    ax = new_axes(ax, 8)
    markers = "osD^v<>ph*"
    for i, (color, country) in enumerate(zip(palette(len(countries)), countries, strict=True)):
        part = points[points["country"] == country]
        style = {"marker": markers[i % len(markers)], "markersize": 8, "linestyle": "none"}
        ax.plot(part["date"], part["polarity"], color=color, label=country_label(country), **style)
    ax.axhline(0, color="0.5", linestyle="--", linewidth=1)
    locator = mdates.AutoDateLocator()
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    ax.legend(title="country", loc="upper left", bbox_to_anchor=(1.01, 1), frameon=True)
    return finish(ax, title, xlabel, ylabel)


def quote_sources(
    attributions: pd.DataFrame,
    *,
    by: str = "kind",
    top: int = 15,
    include_scare_quotes: bool = False,
    ax: Axes | None = None,
) -> Axes:
    """Bars of who is quoted: per kind (named vs anonymous), per speaker country or per speaker.

    Args:
        attributions: the ``attributions`` table (kind, speaker, speaker_country, anonymous).
        by: "kind", "speaker_country" or "speaker".
        top: how many bars for speakers and countries.
        include_scare_quotes: also count scare quotes (they have no speaker).
        ax: draw here instead of a new figure.

    Example:
        >>> ax = quote_sources(tables["attributions"], by="speaker_country")
        >>> [t.get_text() for t in ax.get_yticklabels()][:3]
        ['(no country)', 'France', 'China']
    """
    _check(by, ("kind", "speaker_country", "speaker"), "by")
    title, ylabel = {
        "kind": ("How sources are quoted", "kind of attribution"),
        "speaker_country": ("Whose voices: speakers' countries", "speaker's country"),
        "speaker": ("Who is quoted most", "speaker"),
    }[by]
    xlabel = "quotes and attributions"
    frame = attributions if attributions is not None else pd.DataFrame()
    if len(frame) and not include_scare_quotes:
        frame = frame[frame["kind"] != "scare_quote"]
    if frame.empty:
        return no_data(ax, title, xlabel, ylabel)
    anonymous = frame["anonymous"]
    if anonymous.dtype != bool:  # a table read back as text
        anonymous = anonymous.astype(str).str.lower().isin(["true", "1"])
    source = np.where(anonymous, "anonymous", "named")
    if by == "kind":
        frame = frame.assign(_bar=frame["kind"], _stack=source)
        present = set(frame["kind"].unique())
        order = [k for k in ATTRIBUTION_KINDS if k in present]
    else:
        if by == "speaker_country":
            bar = frame["speaker_country"].fillna("").map(country_label)
        else:
            bar = frame["speaker"].fillna("").replace("", "(no speaker)").map(shorten)
            bar = bar.where(~anonymous, "anonymous: " + bar)
        frame = frame.assign(_bar=bar, _stack=frame["kind"])
        order = ranked(frame.groupby("_bar").size(), top)
    frame = frame[frame["_bar"].isin(order)]
    pivot = frame.pivot_table(index="_bar", columns="_stack", aggfunc="size", fill_value=0)
    stacks = [s for s in ("named", "anonymous", *ATTRIBUTION_KINDS) if s in pivot.columns]
    pivot = pivot.reindex(order)[stacks]
    ax = new_axes(ax, len(pivot))
    _stacked_barh(ax, pivot, legend_title="source" if by == "kind" else "kind")
    return finish(ax, title, xlabel, ylabel)


def to_png(ax: Axes, *, dpi: int = 110) -> bytes:
    """Render the figure holding ``ax`` as PNG bytes (no timestamp: same figure, same bytes).

    Example:
        >>> ax = quote_sources(tables["attributions"])
        >>> to_png(ax) == to_png(ax), to_png(ax)[:4]
        (True, b'\x89PNG')
    """
    buffer = io.BytesIO()
    ax.figure.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None})
    return buffer.getvalue()


def save_png(ax: Axes, path: Path | str, *, dpi: int = 150) -> Path:
    """Save the figure holding ``ax`` as a PNG file, atomically.

    Example:
        >>> path = save_png(actor_counts(tables["actor_counts"]), tmp / "actors.png")
        >>> path.name, path.read_bytes()[:4]
        ('actors.png', b'\x89PNG')
    """
    path = Path(path)
    with atomic_path(path) as tmp:
        tmp.write_bytes(to_png(ax, dpi=dpi))
    return path


def to_data_uri(ax: Axes, *, dpi: int = 110) -> str:
    """Return the figure as a ``data:image/png;base64,...`` URI for a self-contained HTML page.

    Example:
        >>> to_data_uri(quote_sources(tables["attributions"]))[:22]
        'data:image/png;base64,'
    """
    return "data:image/png;base64," + base64.b64encode(to_png(ax, dpi=dpi)).decode("ascii")
