"""Tests for helpers.views.plots, on tables built from the real seed sentences.

``seed_kit_tables()`` builds the presentation layer's input the way the pipeline does, but with a
small hand-written gazetteer and the gold attributions of ``tests/data/sources_gold/quotes.csv``,
so these tests do not depend on the actor and source modules.
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np
import pandas as pd

SEED0, SEED1 = "000_cf5bdca3ca1cd9b9", "001_b9b24f8ad2796175"

#: (name as written, actor_id, actor, actor_type, country)
GAZETTEER = [
    ("Xi Jinping", "XI_JINPING", "Xi Jinping", "person", "CHN"),
    ("United States", "USA", "United States", "country", "USA"),
    ("Washington", "USA", "United States", "country", "USA"),
    ("China", "CHN", "China", "country", "CHN"),
    ("Chinese", "CHN", "China", "country", "CHN"),
    ("Beijing", "CHN", "China", "country", "CHN"),
    ("Japan", "JPN", "Japan", "country", "JPN"),
    ("Japanese", "JPN", "Japan", "country", "JPN"),
    ("Tokyo", "JPN", "Japan", "country", "JPN"),
    ("France", "FRA", "France", "country", "FRA"),
    ("French", "FRA", "France", "country", "FRA"),
    ("Paris", "FRA", "France", "country", "FRA"),
    ("Russia", "RUS", "Russia", "country", "RUS"),
    ("Russian", "RUS", "Russia", "country", "RUS"),
    ("Macron", "MACRON", "Emmanuel Macron", "person", "FRA"),
    ("Stoltenberg", "STOLTENBERG", "Jens Stoltenberg", "person", "NOR"),
    ("Timofeev", "TIMOFEEV", "Pavel Timofeev", "person", "RUS"),
    ("Kishida", "KISHIDA", "Fumio Kishida", "person", "JPN"),
    ("Blinken", "BLINKEN", "Antony Blinken", "person", "USA"),
    ("NATO", "NATO", "NATO", "organization", ""),
]

#: Gold attributions of the seeds: (article, kind, speaker, speaker_actor_id, speaker_country,
#: anonymous, cue, quote as written in the cleaned text).
ATTRIBUTIONS = [
    (
        SEED0,
        "direct",
        "Jens Stoltenberg",
        "STOLTENBERG",
        "NOR",
        False,
        "stating",
        "Japan is a very close and important partner for NATO.",
    ),
    (
        SEED0,
        "direct",
        "Mao Ning",
        "",
        "CHN",
        False,
        "stating",
        "regional countries need to be highly vigilant about NATO’s Eastward expansion in the Asia-Pacific",
    ),
    (
        SEED0,
        "direct",
        "Emmanuel Macron",
        "MACRON",
        "FRA",
        False,
        "stating",
        "NATO should continue to focus on the North Atlantic region",
    ),
    (
        SEED0,
        "direct",
        "Emmanuel Macron",
        "MACRON",
        "FRA",
        False,
        "suggesting",
        "Europe should avoid following either the United States or China",
    ),
    (
        SEED0,
        "direct",
        "someone familiar with the internal discussions within NATO",
        "",
        "",
        True,
        "explained",
        "France is not enthusiastic about increasing tensions between NATO and China.",
    ),
    (
        SEED0,
        "direct",
        "Antony Blinken",
        "BLINKEN",
        "USA",
        False,
        "stated",
        "We have received a commitment from China that it will not provide weapons to Russia now or in the future.",
    ),
    (SEED0, "scare_quote", "", "", "", False, "", "fair competition,"),
    (
        SEED1,
        "direct",
        "Pavel Timofeev",
        "TIMOFEEV",
        "RUS",
        False,
        "said",
        "France is trying not to escalate relations with China, understanding that it perceives Western Europe as merely a junior partner of the United States,",
    ),
    (
        SEED1,
        "according_to",
        "Pavel Timofeev",
        "TIMOFEEV",
        "RUS",
        False,
        "according to",
        "Paris wants to show Beijing that the European Union is an independent player in the region and does not always follow Washington's policies.",
    ),
    (
        SEED1,
        "indirect",
        "A source close to the French president's office",
        "",
        "",
        True,
        "told",
        "the opening of a NATO office in the Indo-Pacific region is not considered advantageous at the moment.",
    ),
]


def _mentions(body: str, sentences: pd.DataFrame) -> pd.DataFrame:
    by_name = {row[0]: row[1:] for row in GAZETTEER}
    names = sorted(by_name, key=len, reverse=True)
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, names)) + r")\b")
    starts = sentences["start"].to_numpy()
    rows = []
    for m in pattern.finditer(body):
        actor_id, actor, actor_type, country = by_name[m.group(1)]
        sentence = int(
            sentences["sentence_id"].iloc[np.searchsorted(starts, m.start(), "right") - 1]
        )
        rows.append(
            {
                "sentence_id": sentence,
                "actor_id": actor_id,
                "actor": actor,
                "actor_type": actor_type,
                "country": country,
                "matched": m.group(1),
                "start": m.start(),
                "end": m.end(),
            }
        )
    return pd.DataFrame(rows)


def _attributions(article_id: str, body: str, sentences: pd.DataFrame) -> list[dict]:
    starts = sentences["start"].to_numpy()
    rows = []
    for art, kind, speaker, speaker_id, country, anonymous, cue, quote in ATTRIBUTIONS:
        if art != article_id:
            continue
        start = body.index(quote)
        sentence = int(sentences["sentence_id"].iloc[np.searchsorted(starts, start, "right") - 1])
        rows.append(
            {
                "article_id": art,
                "sentence_id": sentence,
                "kind": kind,
                "speaker": speaker,
                "speaker_actor_id": speaker_id,
                "speaker_country": country,
                "anonymous": anonymous,
                "cue": cue,
                "quote": quote,
                "refs": "",
                "start": start,
                "end": start + len(quote),
            }
        )
    return rows


@lru_cache(maxsize=1)
def _build() -> dict[str, pd.DataFrame]:
    # Only the spine (load, clean, segment) and sentiment: actors and sources are replaced by the
    # hand-written gazetteer and the gold attributions above.
    from helpers import schema, sentiment
    from helpers.ingest import segment
    from helpers.ingest.clean import clean_text
    from helpers.ingest.load import load_article
    from helpers.paths import SEEDS_DIR

    parts: dict[str, list[pd.DataFrame]] = {}
    attributions = []
    for path in sorted(SEEDS_DIR.glob("*.txt")):
        article = load_article(path)
        cleaned = clean_text(article)
        body = cleaned.body
        sentences = sentiment.score_sentences(segment.split_sentences(body))
        sentences = sentences.assign(
            orig_start=cleaned.offsets[sentences["start"].to_numpy()],
            orig_end=cleaned.offsets[sentences["end"].to_numpy() - 1] + 1,
        )
        meta = {**vars(article), **cleaned.metadata}
        row = {k: meta.get(k, "") for k in ("source_path", "title", "outlet", "author", "date")}
        row.update(n_sentences=len(sentences), sha256=article.sha256, language="en")
        mentions = _mentions(body, sentences)
        scores, evidence = (
            t.frame() for t in sentiment.mention_sentiment(body, sentences, mentions)
        )
        found = [
            ("articles", pd.DataFrame([row])),
            ("sentences", sentences),
            ("mentions", mentions),
            ("mention_sentiment", scores),
            ("sentiment_evidence", evidence),
        ]
        for name, frame in found:
            parts.setdefault(name, []).append(frame.assign(article_id=article.article_id))
        attributions += _attributions(article.article_id, body, sentences)
    tables = {name: pd.concat(frames, ignore_index=True) for name, frames in parts.items()}
    tables["attributions"] = pd.DataFrame(attributions)
    mentions = tables["mentions"]
    keys = ["article_id", "actor_id", "actor", "actor_type", "country"]
    tables["actor_counts"] = mentions.groupby(keys).size().rename("mentions").reset_index()
    tables["country_sentiment"] = sentiment.country_sentiment(
        tables["mention_sentiment"], tables["articles"], n_boot=200
    )
    return {
        name: schema.conform(name, tables.get(name, schema.empty(name))) for name in schema.TABLES
    }


def seed_kit_tables() -> dict[str, pd.DataFrame]:
    """All tables of the two seeds with mentions, sentiment and attributions filled in (copies)."""
    return {name: frame.copy() for name, frame in _build().items()}


# -- tests ---------------------------------------------------------------------------------------

import matplotlib  # noqa: E402

matplotlib.use("Agg")

import pytest  # noqa: E402
from matplotlib.axes import Axes  # noqa: E402

from helpers import schema  # noqa: E402
from helpers.views import plots  # noqa: E402


def _texts(ax: Axes) -> list:
    fig = ax.figure
    return [
        t for t in fig.findobj(matplotlib.text.Text) if t.get_text().strip() and t.get_visible()
    ]


def _labels(ax: Axes) -> list[str]:
    return [t.get_text() for t in ax.get_yticklabels()]


@pytest.fixture(scope="module")
def kit():
    return seed_kit_tables()


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    import matplotlib.pyplot as plt

    plt.close("all")


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
    # The seeds are dated 2023-06-06 (DEVNET) and 2023-07-11 (Sputnik): two points per line.
    assert all(len(line.get_xdata()) == 2 for line in ax.get_lines()[:2])
    undated = kit["articles"].assign(date="")
    assert (
        "no dated"
        in plots.sentiment_over_time(kit["country_sentiment"], undated).texts[0].get_text()
    )


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


def test_speaker_edges_count_countries_inside_quotes(kit):
    edges = plots.speaker_edges(kit["attributions"], kit["mentions"])
    got = {(r.speaker, r.country): r.quotes for r in edges.itertuples()}
    assert got == {
        # "France is trying not to escalate relations with China, ... of the United States," and
        # "Paris wants to show Beijing ... Washington's policies."
        ("Pavel Timofeev", "FRA"): 2,
        ("Pavel Timofeev", "CHN"): 2,
        ("Pavel Timofeev", "USA"): 2,
        # "We have received a commitment from China that it will not provide weapons to Russia ..."
        ("Antony Blinken", "CHN"): 1,
        ("Antony Blinken", "RUS"): 1,
        # "Europe should avoid following either the United States or China"
        ("Emmanuel Macron", "CHN"): 1,
        ("Emmanuel Macron", "USA"): 1,
        # "France is not enthusiastic about increasing tensions between NATO and China."
        ("someone familiar with the internal discussions within NATO", "CHN"): 1,
        ("someone familiar with the internal discussions within NATO", "FRA"): 1,
        # "Japan is a very close and important partner for NATO."
        ("Jens Stoltenberg", "JPN"): 1,
    }


def test_speaker_edges_fall_back_to_the_sentence_without_offsets(kit):
    quotes = kit["attributions"].drop(columns=["start", "end"])
    edges = plots.speaker_edges(quotes[quotes["speaker"] == "Jens Stoltenberg"], kit["mentions"])
    # "... addressing challenges from Russia and China, stating that “Japan is ...”": the whole
    # sentence counts, Stoltenberg himself does not.
    assert sorted(edges["country"]) == ["CHN", "JPN", "RUS"]


def test_speaker_network_draws_speakers_and_countries(kit):
    ax = plots.speaker_network(kit["attributions"], kit["mentions"])
    texts = {t.get_text() for t in ax.texts}
    assert {"Pavel Timofeev (RUS)", "China (5)", "Japan (1)"} <= texts
    assert len([line for line in ax.lines if len(line.get_xdata()) == 2]) == 10  # one per edge


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


@pytest.mark.parametrize(
    "code,name", [("JPN", "Japan"), ("CHN", "China"), ("XYZ", "XYZ"), ("", "(no country)")]
)
def test_country_label(code, name):
    assert plots.country_label(code) == name


def test_report_embeds_plots_escapes_text_and_is_deterministic(kit):
    from helpers.views.report import render_report, report_images

    tables = dict(kit)
    tables["articles"] = kit["articles"].assign(
        title=lambda f: f["title"] + " <script>alert(1)</script>"
    )
    images = report_images(tables)
    assert {"actor_counts", "country_sentiment", "quote_kinds", "speaker_network"} <= set(images)
    page = render_report(tables, images=images)
    assert page.count("<img ") == len(images) and page.count("data:image/png;base64,") == len(
        images
    )
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)" in page
    assert render_report(tables, images=report_images(tables)) == page


def test_plots_and_report_on_the_real_pipeline(seed_tables, tmp_path):
    """Holds whether or not the actor, sentiment and source modules have landed."""
    from helpers.views.report import write_report

    for ax in _all_plots(seed_tables):
        assert isinstance(ax, Axes) and ax.get_title()
    page = write_report(seed_tables, tmp_path / "report.html").read_text(encoding="utf-8")
    assert "Establishment of NATO Tokyo liaison office" in page
    assert page == write_report(seed_tables, tmp_path / "again.html").read_text(encoding="utf-8")
