"""helpers.sentiment.fastvader gives exactly VADER's compound score, clause for clause, only faster."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.sentiment import fastvader
from helpers.sentiment.fastvader import Vader
from helpers.sentiment.lexicons import news_analyzer, news_vader, plain_analyzer, plain_vader
from helpers.sentiment.target import mask_spans, split_clauses
from tests.sentiment.test_fastblob import other_corpus_sentences, pipeline_sentences

# Real sentences (file they come from) with VADER's compound next to them: the rules a
# re-implementation could get wrong (negation, "but", boosters, capitals, "!", "no", "least").
CASES = [
    # wikinews_2015-08-21 (North Korea): "but" halves what comes before it, boosts what follows
    (
        "No injuries or deaths were reported in the attacks from either side, but South Korea "
        "evacuated about 80 people in the town of Yeoncheon after at least one shell landed near "
        "the area.",
        -0.3716,
    ),
    # wikinews_2019-08-24 (G7): "!" amplifies the score
    ("Members of the G7 Summit, let's discuss this emergency first order in two days!\"", -0.5093),
    # whitehouse_2022-02-12: "sort of" is a (dampening) booster, not a word of its own
    (
        "And also, there were reports of a sort of close encounter between Russian and American "
        "submarines today, and I’m wondering if they discussed that as well.",
        0.2732,
    ),
    # seeds/001: negation three words back ("not been very successful")
    (
        "However, Paris has not been very successful in doing so. Nevertheless, President Macron "
        "understands that France will not have a good dialogue with China if it abandons such "
        "attempts and aspirations.",
        -0.7903,
    ),
    # wikinews_2019-01-04 (Magnitogorsk): "at least", and "no" before a lexicon word
    (
        "Rescuers, working in temperatures well below freezing, according to the emergencies "
        "ministry recovered at least ten survivors from the debris on Monday.",
        0.1779,
    ),
    (
        "The Investigative Committee says it has found no trace of explosives despite Znak.com "
        "claiming an anonymous source described a second-floor apartment being used as an "
        "explosives depot ahead of a planned shopping centre bombing.",
        -0.296,
    ),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_real_sentences_score_as_vader(text, expected):
    assert plain_analyzer().polarity_scores(text)["compound"] == expected
    assert plain_vader().compound(text) == expected


def _clauses() -> list[str]:
    """Every clause the pipeline scores: the sentences and their clause pieces, names masked too."""
    out = []
    for sentence in pipeline_sentences():
        out.append(sentence)
        out.extend(sentence[s:e] for s, e, _ in split_clauses(sentence))
        masked = mask_spans(sentence, [(0, min(8, len(sentence)))])
        out.extend(masked[s:e] for s, e, _ in split_clauses(masked))
    return out


@pytest.mark.parametrize(
    "fast, slow",
    [(plain_vader, plain_analyzer), (news_vader, news_analyzer)],
    ids=["plain", "news"],
)
def test_every_clause_of_the_corpus_and_seeds(fast, slow):
    assert fastvader._TRANSCRIBED  # the fast path is what is compared, not VADER with itself
    texts = _clauses()
    assert len(texts) > 3000
    different = [t for t in texts if fast().compound(t) != slow().polarity_scores(t)["compound"]]
    assert different == []


def test_every_other_corpus_sentence():
    texts = other_corpus_sentences()
    assert len(texts) > 2000
    for text in texts:
        for fast, slow in ((plain_vader(), plain_analyzer()), (news_vader(), news_analyzer())):
            assert fast.compound(text) == slow.polarity_scores(text)["compound"], text


PIECES = [
    "not", "no", "nor", "or", "never", "so", "this", "without", "doubt", "isn't", "don't", "can't",
    "very", "really", "extremely", "kind", "of", "kind of", "sort of", "least", "at", "but", "BUT",
    "good", "GOOD", "bad", "great", "terrible", "happy", "sad", "the shit", "bus stop", "yeah right",
    "cut the mustard", "!", "!!!!!", "?", "??", "????", ".", ",", ":)", ":(", "😀", "👍", " 💔",
    "'", '"', "“", "”", "indicted", "sanctions", "Peace", "WAR", "x", "xx", "-", "2019",
]  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.sampled_from(PIECES) | st.text(max_size=6), max_size=20), st.sampled_from([" ", ""])
)
def test_generated_text_scores_as_vader(pieces, sep):
    text = sep.join(pieces)
    for fast, slow in ((plain_vader(), plain_analyzer()), (news_vader(), news_analyzer())):
        assert fast.compound(text) == slow.polarity_scores(text)["compound"]


def test_lexicon_is_read_live():
    # helpers.sentiment.lexicons.news_analyzer adds the kit's words after VADER loads its own.
    analyzer = plain_analyzer().__class__()
    fast = Vader(analyzer)
    text = "He was indicted."
    before = fast.compound(text)
    analyzer.lexicon["indicted"] = -3.0
    assert fast.compound(text) == analyzer.polarity_scores(text)["compound"] != before


def test_compounds_gives_the_other_score_only_when_it_is_the_same():
    # helpers.sentiment.target takes plain VADER's score from the news analyzer's when given.
    news, plain = news_vader(), plain_vader()
    known = 0
    for text in _clauses() + other_corpus_sentences():
        mine, other = news.compounds(text, plain)
        assert mine == news_analyzer().polarity_scores(text)["compound"], text
        if other is not None:
            known += 1
            assert other == plain_analyzer().polarity_scores(text)["compound"], text
    assert known > 1000


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES) | st.text(max_size=6), max_size=20))
def test_generated_compounds_are_each_analyzers_score(pieces):
    text = " ".join(pieces)
    mine, other = news_vader().compounds(text, plain_vader())
    assert mine == news_analyzer().polarity_scores(text)["compound"]
    assert other in (None, plain_analyzer().polarity_scores(text)["compound"])
