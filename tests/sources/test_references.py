"""Footnote references: parsing the list that cleaning split off and linking the text markers."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.evaluate.sources import prepare
from helpers.sources.references import (
    check_citations,
    find_citation_markers,
    match_outlet,
    parse_date,
    parse_references,
)
from tests.support import SEED_000, SEED_001


@pytest.fixture(scope="module")
def seed_000():
    prep = prepare(SEED_000, actors=False)
    return prep, parse_references(prep.reference_lines)


# (ref, outlet, date, url starts, resolves_to) for the lines of seed 000's list
SEED_000_REFS = [
    ("1", "Nikkei Asia", "2023-05-03", "https://asia.nikkei.com/", ""),  # "2023/5/3NIKKEI ASIA"
    ("2", "NHK", "2023-05-11", "https://www3.nhk.or.jp/", ""),
    ("3", "Reuters", "", "https://jp.reuters.com/", ""),  # "REUTERS": case-insensitive outlet
    ("4", "NHK", "2023-05-11", "https://www3.nhk.or.jp/", "2"),  # "NHK News Web as above"
    ("5", "Financial Times", "2023-06-06", "https://www.ft.com/", ""),  # "Finatial", URL next line
    ("6", "Financial Times", "2023-06-06", "https://www.ft.com/", "5"),  # "ibid.2023/6/6 …"
    ("8", "Yahoo! News Japan", "", "https://news.yahoo.co.jp/", ""),  # "Hiroshi Endo Yahoo Japan"
    ("9", "Sankei Shimbun", "", "https://www.sankei.com/", ""),  # "Sankei Tsushin": the same group
]


@pytest.mark.parametrize(("ref", "outlet", "date", "url", "resolves_to"), SEED_000_REFS)
def test_seed_000_reference_list(seed_000, ref, outlet, date, url, resolves_to):
    _, refs = seed_000
    row = refs.set_index("ref").loc[ref]
    assert (row["outlet"], row["date"], row["resolves_to"]) == (outlet, date, resolves_to)
    assert row["url"].startswith(url)


def test_url_alone_on_a_line_belongs_to_the_entry_above(seed_000):
    _, refs = seed_000
    assert len(refs) == 11  # [7] is missing from the list; the URL line is not an entry
    assert (
        refs.set_index("ref").loc["5", "title"] == "France objects to Nato plan for office in Tokyo"
    )


def test_dangling_citation_names_7(seed_000):
    prep, refs = seed_000
    refs, problems = check_citations(prep.sentences, refs)
    assert problems[["kind", "ref"]].values.tolist() == [["dangling_citation", "7"]]
    assert "[7]" in problems["detail"].iloc[0]
    assert refs["cited_in_text"].all()


def test_uncited_reference_is_reported():
    sentences = pd.DataFrame({"sentence_id": [1], "text": ["NATO plans an office in Tokyo[1]."]})
    refs = parse_references(
        [
            (10, "[1] 2023/5/3NIKKEI ASIA https://asia.nikkei.com/x"),
            (11, "[2] Tokyo Shimbun https://www.tokyo-np.co.jp/article/258593"),
        ]
    )
    refs, problems = check_citations(sentences, refs)
    assert refs["cited_in_text"].tolist() == [True, False]
    assert problems[["kind", "ref"]].values.tolist() == [["uncited_reference", "2"]]


def test_article_without_a_list_has_no_problems():
    prep = prepare(SEED_001, actors=False)
    refs, problems = check_citations(prep.sentences, parse_references(prep.reference_lines))
    assert refs.empty and problems.empty


@pytest.mark.parametrize(
    ("text", "markers"),
    [
        ("with the Russian Foreign Ministry also expressing similar concerns. [3][4]", ["3", "4"]),
        ("Article 6 [of the NATO Charter] states that Article 5 covers only territories", []),
        (
            "was forced to make a correction during his parliamentary speech on 22 June, [11] emphasizing",
            ["11"],
        ),
    ],
)
def test_citation_markers(text, markers):
    assert find_citation_markers(text) == markers


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("[2] 2023/5/11 NHK News Web", "2023-05-11"),
        ("Reuters, 5 June 2023", "2023-06-05"),
        ("BBC News, June 5, 2023", "2023-06-05"),
        ("[3] REUTERS https://jp.reuters.com/article/nato-japan-china-idJPKBN2WV0ND", ""),
    ],
)
def test_reference_dates(text, iso):
    assert parse_date(text)[0] == iso


@pytest.mark.parametrize(
    ("text", "outlet"),
    [
        ("Finatial Times", "Financial Times"),
        ("NIKKEI ASIA", "Nikkei Asia"),
        ("Nikkei", "Nikkei"),  # the Japanese daily, not its English sister
        (  # running text (no fuzzy matching): the stock index is not the newspaper
            "In Tokyo the Nikkei 225 index fell 2 per cent on Monday as exporters slid after the "
            "yen rose against the dollar.",
            "",
        ),
        ("Sankei Shimbun", "Sankei Shimbun"),
        ("Hiroshi Endo Yahoo Japan", "Yahoo! News Japan"),
        ("Evan Spiegel, the chief executive", ""),  # a person, not Der Spiegel
        ("An unknown Gazette of Nowhere", ""),  # not in data/outlets.csv: nothing
    ],
)
def test_outlet_names(text, outlet):
    assert match_outlet(text) == outlet


@pytest.mark.parametrize(
    "text",
    [
        # Running text from the seeds and corpus: near-misses of outlet names are ordinary words.
        "Prime Minister Kishida is working on arrangements to attend the NATO Summit in Lithuania "
        "in July. With an eye on the political situation, he is also considering a visit.",
        "I will be monitoring the situation from the White House this evening and will continue "
        "to get regular updates from my national security team.",
    ],
)
def test_misspelt_outlets_are_not_guessed_in_running_text(text):
    assert len(text) > 100
    assert match_outlet(text) == ""
