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


def test_the_drilldown_shows_a_page_and_the_context_first(kit):
    view = widgets.drilldown(kit)
    view.choice.value = "CHN"
    found = len(view.table)
    assert found > 10  # China: every mention in the two seeds, not all on one screen
    assert view.html.value.count("border-left:4px") == 5
    assert f"sentences 1–5 of {found}" in view.position.value and view.previous.disabled
    view.next.click()
    assert f"sentences 6–10 of {found}" in view.position.value and not view.previous.disabled
    view.go(99)  # clipped to the last page
    assert view.next.disabled and view.page == (found - 1) // 5
    # "In context" sits above the sentences, starts on the first sentence found, and names the
    # article by its title, not by its file name.
    children = list(view.children)
    assert children.index(view.context) < children.index(view.html)
    assert view.context.value == (
        view.table["article_id"].iloc[0],
        view.table["sentence_id"].iloc[0],
    )
    assert view.context.label.startswith("Establishment of NATO Tokyo")
    assert "<mark>" in view.context_html.value
    # Changing the choice starts again at page one, context on its first sentence.
    view.choice.value = "FRA"
    assert view.page == 0 and view.context.value[0] == view.table["article_id"].iloc[0]


def test_evidence_words_are_underlined_in_the_clause_where_they_counted(kit):
    # Seed 000, sentence 5: "In response to the news of NATO’s liaison office in Tokyo, Chinese
    # Foreign Ministry spokesperson Mao Ning criticized the move ... with the Russian Foreign
    # Ministry also expressing similar concerns." Only words of China's clauses are underlined for
    # China, and "Foreign" of the two Foreign Ministries is part of a name, never evidence.
    hits = widgets.find_hits(kit, country="CHN")
    row = hits[(hits["article_id"] == SEED0) & (hits["sentence_id"] == 5)].iloc[0]
    marked = [(a, row["text"][a:b]) for a, b, kind in row["spans"] if kind == "evidence"]
    words = {word for _, word in marked}
    assert "criticized" in words
    assert "Foreign" not in words
    sentences = kit["sentences"]
    s_start = sentences[(sentences["article_id"] == SEED0) & (sentences["sentence_id"] == 5)][
        "start"
    ].iloc[0]
    scores = kit["mention_sentiment"]
    china = scores[
        (scores["article_id"] == SEED0)
        & (scores["sentence_id"] == 5)
        & (scores["country"] == "CHN")
    ]
    clauses = list(zip(china["clause_start"] - s_start, china["clause_end"] - s_start, strict=True))
    assert all(any(c0 <= at < c1 for c0, c1 in clauses) for at, _ in marked)
    evidence = kit["sentiment_evidence"]
    listed = evidence[
        (evidence["article_id"] == SEED0)
        & (evidence["sentence_id"] == 5)
        & (evidence["country"] == "CHN")
    ]["word"]
    assert {w.lower() for w in words} <= {w.lower() for w in listed}
