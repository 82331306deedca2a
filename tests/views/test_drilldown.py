"""helpers.views.drilldown: the sentences behind a number, highlighted and escaped."""

from __future__ import annotations

from helpers.views import widgets
from tests.views.seed_kit import SEED0, SEED1


def test_drilldown_highlights_mentions_and_evidence(kit):
    view = widgets.drilldown(kit)
    view.choice.value = "FRA"
    assert set(view.table["article_id"]) == {SEED0, SEED1}
    first = view.table.iloc[0]
    # Seed 000, sentence 1: "- Establishment of NATO Tokyo liaison office and French opposition"
    assert (first["sentence_id"], first["orig_start"]) == (1, 78)
    assert first["text"][slice(*first["spans"][0][:2])] == "French"
    assert (
        '<mark style="background:#ffe08a' in view.html.value and ">French</mark>" in view.html.value
    )
    # Seed 000, sentence 10: "... as follows: “France is not enthusiastic about increasing tensions
    # between NATO and China.”": the words that carry France's sentiment are underlined.
    row = view.table[(view.table["article_id"] == SEED0) & (view.table["sentence_id"] == 10)].iloc[
        0
    ]
    evidence = {row["text"][a:b].lower() for a, b, kind in row["spans"] if kind == "evidence"}
    table = kit["sentiment_evidence"]
    words = table[
        (table["article_id"] == SEED0) & (table["sentence_id"] == 10) & (table["country"] == "FRA")
    ]["word"]
    assert evidence and evidence == {w.lower() for w in words if w.lower() in row["text"].lower()}
    assert evidence & {"not enthusiastic", "tensions", "enthusiastic"}
    view.mode.value = "speaker"
    view.choice.value = "Emmanuel Macron"
    quotes = [
        r["text"][a:b] for _, r in view.table.iterrows() for a, b, k in r["spans"] if k == "quote"
    ]
    assert quotes == [
        "NATO should continue to focus on the North Atlantic region",
        "Europe should avoid following either the United States or China",
    ]
    view.context.value = (SEED0, 6)
    assert (
        view.context_html.value.count("<mark>") == 1
        and "To counter the authoritarianism" in view.context_html.value
    )


def test_drilldown_escapes_html(kit):
    sentences = kit["sentences"].copy()
    sentences.loc[0, "text"] = sentences.loc[0, "text"] + " <script>alert('x')</script>"
    hits = widgets.find_hits({**kit, "sentences": sentences}, country="FRA", limit=1)
    page = widgets.drilldown_html(kit, hits)
    assert "<script>" not in page and "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert widgets.highlight_html("A <b> & C", [(0, 1, "mention"), (0, 3, "evidence")]).endswith(
        "</mark> &lt;b&gt; &amp; C"
    )
