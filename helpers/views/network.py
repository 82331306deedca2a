"""The speaker → country network: who speaks about whom, counted and drawn.

:func:`speaker_edges` counts, per speaker, the quotes that mention each country (the report counts
them a chunk of articles at a time, :func:`helpers.views.report.speaker_edges_from_csv`);
:func:`speaker_network` draws them. ``helpers.plots`` re-exports both.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from .style import FONT, LABEL, country_label, finish, new_axes, no_data, palette, ranked, shorten

__all__ = ["SPEAKER_KINDS", "speaker_edges", "speaker_network"]

#: Kinds that report a speaker; scare quotes have none and are left out of "who speaks" plots.
SPEAKER_KINDS = ("direct", "indirect", "according_to", "citation")


def speaker_edges(
    attributions: pd.DataFrame,
    mentions: pd.DataFrame,
    *,
    kinds: tuple[str, ...] = SPEAKER_KINDS,
) -> pd.DataFrame:
    """Count, per speaker, the quotes that mention each country.

    A quote with ``start``/``end`` offsets counts the mentions inside it; without offsets, the
    mentions of its sentence (minus the speaker's own). Each quote counts a country once.

    Returns:
        speaker, speaker_country, country, quotes; sorted by quotes (descending), then names.

    Example:
        >>> speaker_edges(tables["attributions"], tables["mentions"]).head(2)
                  speaker speaker_country country  quotes
        0  Pavel Timofeev                     CHN       6
        1  Pavel Timofeev                     FRA       6
    """
    columns = ["speaker", "speaker_country", "country", "quotes"]
    if attributions is None or mentions is None or attributions.empty or mentions.empty:
        return pd.DataFrame(columns=columns)
    quotes = attributions[attributions["kind"].isin(kinds) & (attributions["speaker"] != "")]
    quotes = quotes.reset_index(drop=True).rename_axis("_quote").reset_index()
    ments = mentions[mentions["country"].fillna("") != ""]
    if quotes.empty or ments.empty:
        return pd.DataFrame(columns=columns)
    if {"start", "end"} <= set(quotes.columns):
        # Offsets are per article: search mentions sorted by (article, start) once.
        ids = pd.Index(sorted(set(ments["article_id"]) | set(quotes["article_id"])))
        big = int(max(ments["end"].max(), quotes["end"].fillna(0).max())) + 1
        key = ids.get_indexer(ments["article_id"]) * big + ments["start"].to_numpy(np.int64)
        order = np.argsort(key, kind="stable")
        base = ids.get_indexer(quotes["article_id"]) * big
        # Quotes without offsets (NaN) get an empty range.
        lo, hi = (
            np.searchsorted(key[order], base + quotes[c].fillna(0).to_numpy(np.int64))
            for c in ("start", "end")
        )
        rows = np.repeat(np.arange(len(quotes)), hi - lo)
        hits = np.concatenate(
            [order[a:b] for a, b in zip(lo, hi, strict=True)] + [np.array([], int)]
        )
        pairs = quotes.iloc[rows][["_quote", "speaker", "speaker_actor_id", "speaker_country"]]
        pairs = pairs.assign(
            country=ments["country"].to_numpy()[hits], actor_id=ments["actor_id"].to_numpy()[hits]
        )
    else:
        pairs = quotes.merge(
            ments[["article_id", "sentence_id", "actor_id", "country"]],
            on=["article_id", "sentence_id"],
        )
    pairs = pairs[pairs["actor_id"] != pairs["speaker_actor_id"]]
    edges = (
        pairs.drop_duplicates(["_quote", "country"])
        .assign(speaker_country=lambda f: f["speaker_country"].fillna(""))
        .groupby(["speaker", "speaker_country", "country"], sort=True)
        .size()
        .rename("quotes")
        .reset_index()
    )
    return edges.sort_values(
        ["quotes", "speaker", "country"], ascending=[False, True, True], kind="mergesort"
    ).reset_index(drop=True)


def speaker_network(
    attributions: pd.DataFrame,
    mentions: pd.DataFrame,
    *,
    top: int = 12,
    kinds: tuple[str, ...] = SPEAKER_KINDS,
    edges: pd.DataFrame | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Speaker → country network: a line from each speaker to the countries their quotes mention.

    Speakers are on the left (most connected first), countries on the right; line width grows
    with the number of quotes. ``edges``: :func:`speaker_edges` computed already (the tables are
    then not read).

    Example:
        >>> speaker_network(tables["attributions"], tables["mentions"]).get_title()
        'Who speaks about whom: speakers → countries their quotes mention'
    """
    title = "Who speaks about whom: speakers → countries their quotes mention"
    if edges is None:
        edges = speaker_edges(attributions, mentions, kinds=kinds)
    if edges.empty:
        return no_data(ax, title, "", "")
    speakers = ranked(edges.groupby("speaker")["quotes"].sum(), top)
    edges = edges[edges["speaker"].isin(speakers)]
    country_total = edges.groupby("country")["quotes"].sum()
    countries = ranked(country_total)
    n = max(len(speakers), len(countries))
    ax = new_axes(ax, n, width=11)
    # Both columns spread over the same height, the most connected at the top.
    y_speaker = dict(
        zip(
            speakers,
            np.linspace(n - 1, 0, len(speakers)) if len(speakers) > 1 else [(n - 1) / 2],
            strict=True,
        )
    )
    y_country = dict(
        zip(
            countries,
            np.linspace(n - 1, 0, len(countries)) if len(countries) > 1 else [(n - 1) / 2],
            strict=True,
        )
    )
    colors = dict(zip(speakers, palette(len(speakers)), strict=True))
    widest = edges["quotes"].max()
    for row in edges.itertuples(index=False):
        width = 1.5 + 4 * row.quotes / widest
        ys = [y_speaker[row.speaker], y_country[row.country]]
        ax.plot(
            [0, 1],
            ys,
            color=colors[row.speaker],
            linewidth=width,
            alpha=0.7,
            solid_capstyle="round",
        )
    home = edges.drop_duplicates("speaker").set_index("speaker")["speaker_country"]
    for s in speakers:
        label = shorten(s, 30) + (f" ({home[s]})" if home.get(s) else "")
        ax.plot(0, y_speaker[s], "o", color=colors[s], markersize=9)
        ax.text(-0.03, y_speaker[s], label, ha="right", va="center", fontsize=FONT)
    for c in countries:
        ax.plot(1, y_country[c], "s", color="0.3", markersize=9)
        label = f"{country_label(c)} ({country_total[c]})"
        ax.text(1.03, y_country[c], label, ha="left", va="center", fontsize=FONT)
    ax.text(0, n - 0.2, "speaker", ha="center", fontsize=LABEL, weight="bold")
    ax.text(1, n - 0.2, "country mentioned (quotes)", ha="center", fontsize=LABEL, weight="bold")
    ax.set_xlim(-0.9, 1.6)
    ax.set_ylim(-0.7, n + 0.3)
    ax.set_axis_off()
    return finish(ax, title, "", "")
