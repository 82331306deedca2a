"""helpers.views.plots on the seeds' tables: what each figure shows, empty selections, projector sizes."""

from __future__ import annotations

import matplotlib
import numpy as np
import pytest
from matplotlib.axes import Axes

from helpers import schema
from helpers.views import plots
from tests.views.seed_kit import SEED0, SEED1


def _texts(ax: Axes) -> list:
    fig = ax.figure
    return [
        t for t in fig.findobj(matplotlib.text.Text) if t.get_text().strip() and t.get_visible()
    ]


def _labels(ax: Axes) -> list[str]:
    return [t.get_text() for t in ax.get_yticklabels()]


def test_actor_counts_ranks_actors_and_stacks_by_outlet(kit):
    ax = plots.actor_counts(kit["actor_counts"], by="outlet", articles=kit["articles"], top=5)
    # China is named 43 times in the two seeds (29 + 14), NATO 32, Japan 31 (Japan/Japanese/Tokyo).
    assert _labels(ax) == ["China", "NATO", "Japan", "France", "Emmanuel Macron"]
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["DEVNET JAPAN", "Sputnik International"]
    totals = {t.get_text().strip() for t in ax.texts}
    assert {"43", "32", "31", "28", "13"} <= totals


def test_actor_counts_filters_type_and_needs_outlets(kit):
    ax = plots.actor_counts(kit["actor_counts"], actor_type="person", by="article")
    # "Macron" 6 times in seed 000 and 7 times in seed 001; Timofeev 4 times, only in 001.
    assert _labels(ax)[:2] == ["Emmanuel Macron", "Pavel Timofeev"]
    assert ax.get_title() == "Most mentioned people"
    with pytest.raises(ValueError, match="articles="):
        plots.actor_counts(kit["actor_counts"], by="outlet")
    with pytest.raises(ValueError, match="by must be"):
        plots.actor_counts(kit["actor_counts"], by="country")


def test_country_sentiment_dot_and_interval(kit):
    frame = kit["country_sentiment"]
    ax = plots.country_sentiment(frame, level="all")
    overall = frame[frame["level"] == "all"].sort_values(["polarity", "country"])
    names = [
        f"{plots.country_label(c)} (n={n})"
        for c, n in zip(overall["country"], overall["mentions"], strict=True)
    ]
    assert _labels(ax) == names  # most negative at the bottom
    dots = ax.lines[0].get_xdata()
    assert np.allclose(sorted(dots), sorted(overall["polarity"]))
    assert "95% interval" in ax.get_xlabel()
    per_outlet = plots.country_sentiment(frame, level="outlet")
    assert [t.get_text() for t in per_outlet.get_legend().get_texts()] == [
        "DEVNET JAPAN",
        "Sputnik International",
    ]
    only = plots.country_sentiment(frame, countries=["JPN", "CHN"])
    assert len(_labels(only)) == 2 and all(n.startswith(("Japan", "China")) for n in _labels(only))


def test_sentiment_over_time_one_point_per_dated_article(kit):
    ax = plots.sentiment_over_time(
        kit["country_sentiment"], kit["articles"], countries=["JPN", "FRA"]
    )
    assert [
        line.get_label() for line in ax.get_lines() if not line.get_label().startswith("_")
    ] == ["Japan", "France"]
    # The seeds are dated 2023-06-06 (DEVNET) and 2023-07-11 (Sputnik): two points per country,
    # not joined (articles on different stories are not a series: a line would draw a trend).
    points = ax.get_lines()[:2]
    assert all(len(line.get_xdata()) == 2 for line in points)
    assert [line.get_linestyle() for line in points] == ["None", "None"]
    assert points[0].get_marker() != points[1].get_marker()
    undated = kit["articles"].assign(date="")
    assert (
        "no dated"
        in plots.sentiment_over_time(kit["country_sentiment"], undated).texts[0].get_text()
    )


def test_per_outlet_legend_stands_beside_the_dots_not_on_them(kit):
    ax = plots.country_sentiment(kit["country_sentiment"], level="outlet")
    ax.figure.canvas.draw()
    legend = ax.get_legend().get_window_extent()
    assert legend.x0 >= ax.get_window_extent().x1  # right of the plot area: no dot hidden


def test_actor_counts_by_article_names_the_articles_by_title(kit):
    ax = plots.actor_counts(kit["actor_counts"], by="article", articles=kit["articles"])
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["Establishment of NATO Tokyo l…", "China Comes First: Why NATO's…"]
    bare = plots.actor_counts(kit["actor_counts"], by="article")
    assert [t.get_text() for t in bare.get_legend().get_texts()] == [SEED0, SEED1]


def test_quote_sources_by_kind_counts_named_and_anonymous(kit):
    ax = plots.quote_sources(kit["attributions"], by="kind")
    assert _labels(ax) == [
        "direct",
        "indirect",
        "according_to",
    ]  # the scare quote is left out
    widths = [p.get_width() for p in ax.patches]
    # direct: 6 named + 1 anonymous ("someone familiar with ..."); indirect: 1 anonymous source.
    assert widths == [6, 0, 1, 1, 1, 0]
    by_country = plots.quote_sources(kit["attributions"], by="speaker_country")
    assert _labels(by_country)[0] == "(no country)"
    with_scare = plots.quote_sources(kit["attributions"], include_scare_quotes=True)
    assert "scare_quote" in _labels(with_scare)


EMPTY_CASES = [
    ("actor_counts", lambda: plots.actor_counts(schema.empty("actor_counts"))),
    ("country_sentiment", lambda: plots.country_sentiment(schema.empty("country_sentiment"))),
    (
        "over_time",
        lambda: plots.sentiment_over_time(
            schema.empty("country_sentiment"), schema.empty("articles")
        ),
    ),
    ("quote_sources", lambda: plots.quote_sources(schema.empty("attributions"), by="speaker")),
    (
        "network",
        lambda: plots.speaker_network(schema.empty("attributions"), schema.empty("mentions")),
    ),
]


@pytest.mark.parametrize("name,draw", EMPTY_CASES, ids=[c[0] for c in EMPTY_CASES])
def test_empty_tables_give_an_empty_plot_with_a_note(name, draw):
    ax = draw()
    assert isinstance(ax, Axes)
    assert plots.NO_DATA in [t.get_text() for t in ax.texts]
    assert ax.get_title()


def _all_plots(kit):
    return [
        plots.actor_counts(kit["actor_counts"], by="outlet", articles=kit["articles"]),
        plots.country_sentiment(kit["country_sentiment"], level="article"),
        plots.sentiment_over_time(kit["country_sentiment"], kit["articles"]),
        plots.quote_sources(kit["attributions"], by="speaker"),
        plots.speaker_network(kit["attributions"], kit["mentions"]),
    ]


def test_plots_are_readable_on_a_projector(kit):
    for ax in _all_plots(kit):
        assert ax.get_title()
        if ax.axison:
            assert ax.get_xlabel() and ax.get_ylabel()
        small = [
            (t.get_text(), t.get_fontsize()) for t in _texts(ax) if t.get_fontsize() < plots.FONT
        ]
        assert not small, f"{ax.get_title()}: text below {plots.FONT} pt: {small[:3]}"


def test_png_output_is_deterministic(kit, tmp_path):
    first = plots.to_png(plots.quote_sources(kit["attributions"]))
    again = plots.to_png(plots.quote_sources(kit["attributions"]))
    assert first == again and first.startswith(b"\x89PNG")
    path = plots.save_png(plots.quote_sources(kit["attributions"]), tmp_path / "q.png")
    assert path.read_bytes().startswith(b"\x89PNG")
    assert plots.to_data_uri(plots.quote_sources(kit["attributions"])).startswith(
        "data:image/png;base64,iVBOR"
    )


def test_plots_on_the_real_pipeline(seed_tables):
    """Holds whatever the actor, sentiment and source modules produce."""
    for ax in _all_plots(seed_tables):
        assert isinstance(ax, Axes) and ax.get_title()
