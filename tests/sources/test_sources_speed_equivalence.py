"""The fast paths of the attribution steps give what the plain code they replace gives.

Each test runs the plain version (written out here) and the fast one on the seeds and the corpus
articles (their masked text too, as the rules read it) and on a few made-up edge cases.
"""

from __future__ import annotations

import re
from functools import cache

import pytest

from helpers.paths import CORPUS_DIR, SEEDS_DIR
from helpers.sources.phrases import _TOKEN, Tokens
from helpers.sources.quote_marks import _DOUBLE, _SINGLE, find_quote_spans, mask_quotes
from helpers.sources.word_lists import _cue_forms, find_phrase_spans, load_word_roles, phrase_regex

EDGES = [
    "According  to the BBC",
    "it was\nreported that",
    "re-said it, It Was Reported",
    "he’s said",
    "ſaid Kafka, İt is said",
    "said-",
    "Reportedly, 'allegedly' “reports say”",
    "Sources familiar with the talks, officials unfamiliar with it and a source close to Putin",
    "an aide who spoke on condition of anonymity; someonewho   spoke on  condition of anonymity",
    "",
]


@cache
def texts() -> list[str]:
    paths = sorted(SEEDS_DIR.glob("*.txt")) + sorted((CORPUS_DIR / "articles").glob("*.txt"))
    bodies = [p.read_text(encoding="utf-8") for p in paths]
    return bodies + [mask_quotes(b, find_quote_spans(b)) for b in bodies] + EDGES


def word_lists() -> list[tuple[str, ...]]:
    lists = [_cue_forms("cue_verbs.csv")]
    for name in ("speaker_words.csv", "anonymous_sources.csv"):
        lists += [terms for _, terms in sorted(load_word_roles(name).items())]
    return lists


def plain_phrase_regex(phrases: tuple[str, ...]) -> re.Pattern[str]:
    """phrase_regex without its first-letter lookahead."""
    parts = [r"\s+".join(re.escape(w) for w in p.split()) for p in phrases]
    return re.compile(r"(?<![\w’'-])(?:" + "|".join(parts) + r")(?![\w’'-])", re.IGNORECASE)


@pytest.mark.parametrize("phrases", word_lists())
def test_phrase_regex_lookahead_finds_the_same(phrases):
    fast, plain = phrase_regex(phrases), plain_phrase_regex(phrases)
    for text in texts():
        assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]


@pytest.mark.parametrize("phrases", word_lists())
def test_phrase_lookup_finds_what_the_regex_finds(phrases):
    regex = plain_phrase_regex(phrases)
    for text in texts():
        expected = [
            (m.start(), m.end(), " ".join(m.group(0).lower().split())) for m in regex.finditer(text)
        ]
        assert find_phrase_spans(text, phrases) == expected


def test_tokens_from_split_are_the_regex_tokens():
    for text in texts():
        tokens = Tokens(text)
        found = list(_TOKEN.finditer(text))
        assert tokens.words == [m.group(0) for m in found]
        assert tokens.starts == [m.start() for m in found]
        assert tokens.ends == [m.end() for m in found]


def test_mask_quotes_blanks_each_character_but_newlines():
    for text in texts():
        spans = find_quote_spans(text)
        chars = list(text)
        for span in spans:
            if span.depth == 0:
                for i in range(span.start, span.end):
                    if chars[i] != "\n":
                        chars[i] = " "
        assert mask_quotes(text, spans) == "".join(chars)


def test_quote_mark_scan_sees_every_mark():
    from helpers.sources.quote_marks import _DOUBLE_MARK, _SINGLE_MARK

    for text in texts():
        assert [m.start() for m in _DOUBLE_MARK.finditer(text)] == [
            i for i, ch in enumerate(text) if ch in _DOUBLE
        ]
        assert [m.start() for m in _SINGLE_MARK.finditer(text)] == [
            i for i, ch in enumerate(text) if ch in _SINGLE
        ]


def test_names_read_lazily_are_the_names_of_all_runs():
    from helpers.sources.speakers.mentions import AFFILIATION, ArticleNames
    from helpers.sources.speakers.words import speaker_words

    words = speaker_words()

    def article_names(text, tokens):
        return ArticleNames(
            text, tokens, None, titles=words.titles, postnominals=words.postnominals
        )

    for text in texts()[:40]:
        tokens = Tokens(text)
        runs = tokens.cap_runs(0, len(text))
        positions = sorted({0, len(text) // 3, len(text) // 2, len(text)} | {a for a, _ in runs})
        shared = article_names(text, tokens)  # asked out of order: middle, end, start
        for pos in positions[len(positions) // 2 :] + positions[: len(positions) // 2]:
            # the plain version: every run of the body, its person name cut before an affiliation
            names = [shared.person_name(a, b) for a, b in runs if a < pos and b <= pos]
            cut = [(a, b) for a, b in runs if a < pos < b]
            if cut:
                names += [shared.person_name(a, b) for a, b in tokens.cap_runs(cut[0][0], pos)]
            expected = [AFFILIATION.split(n, maxsplit=1)[0] for n in names]
            assert article_names(text, tokens).names_before(pos) == expected
            assert shared.names_before(pos) == expected


def test_qualifier_word_test_skips_only_tokens_no_qualifier_covers():
    for text in texts():
        fast, plain = Tokens(text), Tokens(text)
        plain.qualifier_word = None  # always the window scan
        n = len(fast.words)
        for k in range(n):
            for lo, hi in ((0, n), (max(0, k - 1), min(n, k + 2))):
                assert fast._keeps_going(k, lo, hi) == plain._keeps_going(k, lo, hi)


def test_attribution_frame_is_the_frame_pandas_infers():
    # find_attributions gives its columns' types as None (inferred): the frame it builds must be
    # the frame pandas' own constructor infers from the same lists.
    import pandas as pd

    from helpers.ingest.segment import split_sentences
    from helpers.sources.attributions import find_attributions

    checked = 0
    for text in texts()[: len(texts()) // 2]:  # the articles (not their masked copies)
        if not text.strip():
            continue
        table = find_attributions(text, split_sentences(text), pd.DataFrame())
        if len(table):
            inferred = pd.DataFrame(table.data)
            pd.testing.assert_frame_equal(table.frame(), inferred, check_exact=True)
            assert list(table.frame().dtypes) == list(inferred.dtypes)
            checked += 1
    assert checked > 20
