"""The quote evaluation: matching rules, and the measured numbers on the hand-made gold."""

from __future__ import annotations

import hashlib
import json
import re

import pandas as pd
import pytest

from helpers.evaluate.sources import (
    GOLD,
    GOLD_ARTICLES,
    PASTED_GOLD,
    PASTED_PAGES,
    evaluate,
    find_article,
    found_in,
    load_gold,
    load_pasted_gold,
    main,
    quote_overlap,
    read_pages,
    same_speaker,
    score_article,
    summarize,
)
from tests.support import SEED_000, SEED_001


@pytest.mark.parametrize(
    ("predicted", "gold", "expected"),
    [
        ("a big mistake,", "a big mistake", 1.0),
        (
            "France is trying not to escalate",
            "France is trying not to escalate relations with China",
            0.667,
        ),  # 6 of the longer quote's 9 words
        ("slowing down", "postponement", 0.0),
    ],
)
def test_quote_overlap(predicted, gold, expected):
    assert quote_overlap(predicted, gold) == pytest.approx(expected, abs=0.01)


@pytest.mark.parametrize(
    ("pred", "pred_anon", "gold", "gold_anon", "same"),
    [
        ("Jens Stoltenberg", False, "Jens Stoltenberg", False, True),
        ("Stoltenberg", False, "Jens Stoltenberg", False, True),
        (
            "Mohammed bin Salman",
            False,
            "Mohammad bin Salman",
            False,
            True,
        ),  # spelling of the gazetteer
        (
            "A leaked internal letter seen by Sky News",
            False,
            "a leaked internal letter",
            False,
            True,
        ),
        ("NATO", False, "someone familiar with the internal discussions within NATO", True, False),
        (
            "someone familiar with the internal discussions within NATO",
            True,
            "someone familiar with the internal discussions within NATO",
            True,
            True,
        ),
        ("Donald Trump", False, "Brett McGurk", False, False),
        ("Volodymyr Zelensky", False, "Volodymyr Zelenskyy", False, True),  # transliteration
        ("Carrie Lim", False, "Carrie Lam", False, False),  # too short to be a variant
        ("", False, "Kino Gabriel", False, False),
    ],
)
def test_same_speaker(pred, pred_anon, gold, gold_anon, same):
    assert same_speaker(pred, pred_anon, gold, gold_anon) is same


def test_score_article_counts_each_outcome():
    predicted = pd.DataFrame(
        {
            "kind": ["direct", "direct", "scare_quote", "direct"],
            "quote": [
                "We have received a commitment",
                "fair competition,",
                "slowing down",
                "extra words",
            ],
            "speaker": ["Antony Blinken", "Olaf Scholz", "", "Nobody"],
            "anonymous": [False, False, False, False],
        }
    )
    gold = pd.DataFrame(
        {
            "kind": ["direct", "scare_quote", "scare_quote", "direct"],
            "quote": [
                "We have received a commitment",
                "fair competition,",
                "slowing down",
                "missing",
            ],
            "speaker": ["Blinken", "", "", "Kishida"],
            "anonymous": [False] * 4,
        }
    )
    scored = score_article(predicted, gold)
    assert scored["outcome"].tolist() == ["tp", "scare_as_direct", "scare_ok", "fn", "fp"]
    numbers = summarize(scored)
    assert (numbers["precision"], numbers["recall"], numbers["speaker_acc"]) == (0.5, 0.5, 1.0)


#: the blind rounds whose Wikinews articles are copied into tests/data/sources_gold/articles/
BLIND_ROUNDS = (
    "heldout6",
    "heldout7",
    "heldout8",
    "heldout9",
    "heldout10",
    "heldout13",
    "heldout14",
    "heldout16",
    "heldout17",
)


def test_gold_file_is_well_formed():
    gold = load_gold(GOLD)
    assert set(gold["kind"]) == {"direct", "scare_quote"}
    assert set(gold["split"]) >= {"seed", "dev", "heldout", "heldout4", "heldout5"}
    assert (gold.loc[gold["kind"] == "scare_quote", "speaker"] == "").all()
    assert gold.groupby("split")["article"].nunique()["dev"] == 3
    assert set(gold["split"]) >= set(BLIND_ROUNDS)


def test_blind_round_articles_are_kept_in_the_project_with_attribution():
    gold = load_gold(GOLD)
    attribution = (GOLD_ARTICLES / "ATTRIBUTION.md").read_text(encoding="utf-8")
    blind = gold["split"].isin(BLIND_ROUNDS)
    for article in gold.loc[blind, "article"].unique():
        path = find_article(article)
        assert path.parent == GOLD_ARTICLES and f"`{path.name}`" in attribution
    assert "CC BY 2.5" in attribution
    assert find_article("001_b9b24f8ad2796175").suffix == ".txt"  # seeds are still found


def test_quotes_in_another_script_are_not_scored():
    predicted = pd.DataFrame(
        {
            "kind": ["direct", "direct"],
            "quote": ["I want this, I want that", "ओह ये आ रहा है।"],
            "speaker": ["", ""],
            "anonymous": [False, False],
        }
    )
    gold = pd.DataFrame(
        {
            "kind": ["direct"],
            "quote": ["I want this, I want that"],
            "speaker": ["x"],
            "anonymous": [True],
        }
    )
    assert score_article(predicted, gold)["outcome"].tolist() == ["tp"]


def test_measured_quality_on_the_gold(capsys):
    scored = evaluate(load_gold(GOLD))
    for split, rows in scored.groupby("split"):
        numbers = summarize(rows)
        print(
            f"{split}: quote F1 {numbers['f1']:.3f}, speaker accuracy {numbers['speaker_acc']:.3f}"
        )
        # floors below measured; heldout9 (mostly one long interview) is at 0.64
        assert numbers["f1"] >= 0.8 and numbers["speaker_acc"] >= 0.45
    overall = summarize(scored)
    assert overall["f1"] >= 0.9 and overall["speaker_acc"] >= 0.8  # measured 0.98 and 0.86


def test_command_line_prints_the_table(capsys):
    assert main(["--split", "seed", "--split", "heldout5"]) == 0
    out = capsys.readouterr().out
    assert "precision" in out and "[seed]" in out and "[heldout5]" in out
    assert main(["--gold", "no/such/file.csv"]) == 2


def test_pasted_gold_keeps_only_offsets_and_a_few_words():
    """heldout12, heldout15, heldout18–20: the pages are not the project's, so the gold holds no
    quote text beyond 4 words."""
    gold = pd.read_csv(PASTED_GOLD, dtype=str, keep_default_na=False)
    pages = pd.read_csv(PASTED_PAGES, dtype=str, keep_default_na=False)
    assert "quote" not in gold.columns
    assert gold["span"].str.split().str.len().max() <= 4
    assert set(gold["kind"]) == {"direct", "scare_quote"}
    rounds = {"heldout12", "heldout15", "heldout18", "heldout19", "heldout20", "heldout21",
              "heldout22", "heldout23", "heldout24"}  # fmt: skip
    assert set(gold["split"]) == set(pages["split"]) == rounds
    assert (gold.loc[gold["kind"] == "scare_quote", "speaker"] == "").all()
    assert (gold["start"].astype(int) < gold["end"].astype(int)).all()
    news = pages[pages["news"] == "true"]
    assert set(gold["page"]) <= set(news["page"])
    assert (news["body"] != "").all() and (pages["why"] != "").all()
    counts = {"heldout12": 86, "heldout15": 43, "heldout18": 46, "heldout19": 42, "heldout20": 42,
              "heldout21": 40, "heldout22": 43, "heldout23": 43, "heldout24": 18}
    assert pages["split"].value_counts().to_dict() == counts
    assert news["split"].value_counts().to_dict() == {**counts, "heldout12": 34}


def pasted_corpus(tmp_path, text: str):
    """A one-page corpus in the pasted-pages format, with its index and gold files."""
    page = tmp_path / "pages.jsonl"
    page.write_text(json.dumps({"id": "p1", "text": text}) + "\n", encoding="utf-8")
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    index = tmp_path / "pages.csv"
    article = text.index("The fact that")
    index.write_text(
        f"page,source_file,news,body,sha256,why\np1,x.html,true,{article}-{len(text)},{sha},news\n",
        encoding="utf-8",
    )
    start = text.index("France is trying")
    end = text.index('," the expert said')
    gold = tmp_path / "gold.csv"
    gold.write_text(
        "page,split,kind,speaker,anonymous,start,end,span,note\n"
        f"p1,heldout12,direct,Pavel Timofeev,false,{start},{end},France is trying not,\n",
        encoding="utf-8",
    )
    return page, index, gold


def test_pasted_gold_slices_each_quote_out_of_its_page(tmp_path):
    text = '"Read more" in the menu\n' + SEED_001.read_text(encoding="utf-8")
    page, index, gold_path = pasted_corpus(tmp_path, text)
    gold, bodies = load_pasted_gold(read_pages(page), gold=gold_path, index=index)
    assert gold["quote"].iloc[0].startswith("France is trying not to escalate relations")
    assert gold["quote"].iloc[0].endswith("United States")
    assert bodies["p1"][0][1] == len(text)
    assert found_in("Read more", text, bodies["p1"]) == "furniture"
    assert found_in("France is trying not", text, bodies["p1"]) == "article"
    assert found_in("words of no page", text, bodies["p1"]) == ""
    changed = read_pages(page) | {"p1": text.replace("France", "Frankreich")}
    with pytest.raises(ValueError, match="differs"):
        load_pasted_gold(changed, gold=gold_path, index=index)


def test_command_line_needs_an_existing_pages_file(capsys):
    assert main(["--split", "heldout12", "--pages", "no/such/pages.jsonl"]) == 2
    assert "not found" in capsys.readouterr().out


def test_a_round_of_pasted_pages_not_given_is_left_out(tmp_path):
    """Two rounds of pasted pages, each from its own pages file: the round whose pages were not
    given is left out; a round given only in part is an error, never a score on half the pages."""
    text = SEED_001.read_text(encoding="utf-8")
    page, index, gold_path = pasted_corpus(tmp_path, text)
    other = SEED_000.read_text(encoding="utf-8")
    sha = hashlib.sha256(other.encode("utf-8")).hexdigest()[:16]
    listing = index.read_text(encoding="utf-8").replace("why\n", "why,split\n", 1)
    listing = (
        listing.rstrip("\n")
        + ",heldout12\n"
        + f"p2,y.html,true,0-{len(other)},{sha},news,heldout15\n"
    )
    index.write_text(listing, encoding="utf-8")
    gold, bodies = load_pasted_gold(read_pages(page), gold=gold_path, index=index)
    assert set(bodies) == {"p1"} and gold.attrs["split_of"] == {"p1": "heldout12"}
    both = read_pages(page) | {"p2": other}
    gold, bodies = load_pasted_gold(both, gold=gold_path, index=index)
    assert gold.attrs["split_of"] == {"p1": "heldout12", "p2": "heldout15"}
    assert set(load_pasted_gold(both, gold=gold_path, index=index, splits=["heldout15"])[1]) == {
        "p2"
    }
    index.write_text(listing + f"p3,z.html,true,0-10,{sha},news,heldout15\n", encoding="utf-8")
    with pytest.raises(ValueError, match="p3"):
        load_pasted_gold(both, gold=gold_path, index=index)


def test_a_bug_on_one_article_is_reported_and_the_run_goes_on(monkeypatch, capsys):
    """An internal error on one article (as heldout14's first run met) is a warning line, and its
    gold quotes count as missed; the other articles are still scored."""
    import helpers.evaluate.sources as module

    real = module.find_attributions
    seed_gold = load_gold(GOLD)
    seed_gold = seed_gold[seed_gold["split"] == "seed"]
    broken = seed_gold["article"].iloc[0]

    def flaky(body, *args, **kwargs):
        if body.startswith(module.prepare(module.find_article(broken)).body[:200]):
            raise IndexError("list index out of range")
        return real(body, *args, **kwargs)

    monkeypatch.setattr(module, "find_attributions", flaky)
    scored = evaluate(seed_gold)
    assert f"warning: {broken}: could not be analysed (IndexError" in capsys.readouterr().out
    mine = scored[(scored["article"] == broken) & (scored["gold_kind"] == "direct")]
    assert len(mine) and set(mine["outcome"]) == {"fn"}
    assert (scored.loc[scored["article"] != broken, "outcome"] == "tp").any()


def test_an_english_page_with_furniture_in_another_script_is_evaluated(tmp_path):
    """As ``analyze`` does, the evaluation decides the language on the cleaned body: an English
    article under lines of another script (here Hindi lines of a Wikinews interview, after three
    paragraphs of a seed) is read, not refused (a first look once counted such a page's quotes
    as missed)."""
    from helpers.evaluate.sources import prepare
    from helpers.ingest import LoadProblem, load_article

    interview = find_article(
        "wikinews_2020-10-18_living-with-hiv-during-covid-19-wikinews-talks-to-hiv-positi"
    ).read_text(encoding="utf-8")
    hindi = [m.strip() for m in re.findall(r"Hindi language: \u200d?([^\n(]+)", interview)]
    hindi = [h for h in hindi if not re.search("[A-Za-z]", h) and len(h.split()) > 3][:12]
    seed = [line for line in SEED_001.read_text(encoding="utf-8").split("\n")
            if len(line.split()) > 12][1:4]  # three paragraphs of the article  # fmt: skip
    page = tmp_path / "page.txt"
    page.write_text("\n".join(seed + hindi), encoding="utf-8")
    with pytest.raises(LoadProblem):
        load_article(page)  # the whole text reads as Hindi
    prepared = prepare(page)
    assert prepared.body.split("\n") == seed and not prepared.sentences.empty
