"""helpers.views.network: the speaker → country edges and their figure, on the seeds' gold quotes."""

from __future__ import annotations

from helpers.views import plots


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
