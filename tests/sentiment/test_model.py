"""The learned sentiment model: its features, its answers on real sentences, its evidence,
reproducible training, and the method choice in the analysis (and its cache key)."""

from __future__ import annotations

import math
import shutil

import pandas as pd
import pytest

from helpers.evaluate.sentiment import predict, read_newsmtsc
from helpers.ingest.segment import split_sentences
from helpers.pipeline import engine
from helpers.pipeline.article import analyze_article
from helpers.sentiment import load_model, mention_sentiment, method_key
from helpers.sentiment.model import (
    EVERY_FEATURE,
    MODEL_DIR,
    WORD_KINDS,
    Model,
    ModelSettings,
    mention_features,
    prepare_sentence,
    read_model,
    sentence_words,
    top_pushes,
    vocabulary,
    write_model,
)
from helpers.sentiment.target import lexicon_mentions
from helpers.sentiment.training import fit
from tests.support import CORPUS, SEED_000

DEVTEST = CORPUS / "newsmtsc" / "devtest_rw.jsonl"


def _features(text: str, targets: list[str]) -> list[dict]:
    """The features of each named target (its first occurrence) of one sentence."""
    spans = [(text.index(t), text.index(t) + len(t)) for t in targets]
    found = lexicon_mentions(text, spans)
    return [
        mention_features(text, mention, spans=spans, settings=load_model().settings)
        for _, mention in found
    ]


def _labels(text: str, targets: list[str]) -> dict[str, str]:
    sentences = pd.DataFrame({"sentence_id": [1], "start": [0], "end": [len(text)], "text": [text]})
    mentions = pd.DataFrame(
        {
            "sentence_id": [1] * len(targets),
            "actor_id": targets,
            "actor": targets,
            "actor_type": ["country"] * len(targets),
            "country": targets,
            "start": [text.index(t) for t in targets],
            "end": [text.index(t) + len(t) for t in targets],
        }
    )
    scores = mention_sentiment(text, sentences, mentions)[0].frame()
    return dict(zip(scores["actor_id"], scores["label"], strict=True))


# --- features --------------------------------------------------------------------------------------


def test_the_mention_and_the_other_mentions_are_masked():
    # data/corpus whitehouse 2021-01-26 readout: "reports of Russia placing bounties on United
    # States soldiers in Afghanistan" (targets Russia, United States, Afghanistan)
    text = (
        "He also raised other matters of concern, including the SolarWinds hack, reports of "
        "Russia placing bounties on United States soldiers in Afghanistan, interference in the "
        "2020 United States election, and the poisoning of Aleksey Navalny."
    )
    russia, us, _ = _features(text, ["Russia", "United States", "Afghanistan"])
    names = " ".join(russia)
    assert "russia" not in names and "afghanistan" not in names
    assert russia["after:place"] == (1.0, "placing")  # stemmed: "placing" -> "place"
    assert "pair:<t> place" in russia and "pair:on <m>" in russia
    assert "pair:<m> place" in us  # for the United States, Russia is the other mention
    assert "flag:other_mentions" in russia
    assert "sentence:<num>" in russia  # "2020" is a number


def test_negation_and_names_in_the_words():
    # seed 001 style: a negated word is its own feature; a capitalised name is <name>
    text = "Macron did not welcome the plan, Stoltenberg said."
    (macron,) = _features(text, ["Macron"])
    assert "near:not_welcom" in macron  # "not welcome" is not "welcome"
    assert "sentence:<name>" in macron and "sentence:stoltenberg" not in macron
    assert "flag:negation_near" in macron and "flag:speech_verb" in macron
    assert [w.form for w in sentence_words("He didn’t win 3 states.")] == [
        "he",
        "didn't",
        "win",
        "<num>",
        "states",
    ]


def test_speaker_flag_follows_the_lexicon_rule():
    # "..., Obama said": the speaker of the sentence
    (obama,) = _features("Taxes are bad for families, Obama said.", ["Obama"])
    assert "flag:speaker" in obama and obama["pair:<t> said"][0] == 1.0


# --- answers on real sentences (expected answer written next to the sentence) ------------------

REAL_SENTENCES = [
    # seed 000: Stoltenberg on Japan
    (
        "Secretary General Stoltenberg emphasized the need to enhance cooperation between NATO "
        "and countries in the Indo-Pacific region, stating that “Japan is a very close and "
        "important partner for NATO.”",
        {"Japan": "positive"},
    ),
    # corpus whitehouse 2022-02-23: Biden's statement
    (
        "Statement by President Biden on Russia’s Unprovoked and Unjustified Attack on Ukraine",
        {"Russia": "negative"},
    ),
    # corpus whitehouse 2021-02-10: Biden-Xi readout
    (
        "President Biden underscored his fundamental concerns about Beijing’s coercive and unfair "
        "economic practices, crackdown in Hong Kong, human rights abuses in Xinjiang, and "
        "increasingly assertive actions in the region, including toward Taiwan.",
        {"Beijing": "negative"},
    ),
    # corpus wikinews 2019-09-15: a place where something happened
    (
        "The attack was claimed by the Houthi movement in Yemen, but both Saudi Arabia and the "
        "United States have alleged Iranian involvement.",
        {"Yemen": "neutral"},
    ),
]


@pytest.mark.parametrize(("text", "expected"), REAL_SENTENCES)
def test_model_answers_on_real_sentences(text, expected):
    assert _labels(text, list(expected)) == expected


def test_two_targets_of_one_sentence_get_their_own_labels():
    # NewsMTSC devtest_rw style: praise for one, blame for the other
    text = "Japan is a reliable partner, but China is a threat."
    assert _labels(text, ["Japan", "China"]) == {"Japan": "positive", "China": "negative"}


# --- scores, probabilities and evidence ----------------------------------------------------------


def test_probabilities_polarity_and_evidence_add_up():
    body = SEED_000.read_text(encoding="utf-8")
    sentences = split_sentences(body)
    at = body.index("Japan is a very close and important partner")
    row = sentences[(sentences["start"] <= at) & (sentences["end"] > at)].iloc[0]
    start = body.index("Japan", at)
    mentions = pd.DataFrame(
        {
            "sentence_id": [row["sentence_id"]],
            "actor_id": ["JPN"],
            "actor": ["Japan"],
            "actor_type": ["country"],
            "country": ["JPN"],
            "start": [start],
            "end": [start + 5],
        }
    )
    scores, evidence = (t.frame() for t in mention_sentiment(body, sentences, mentions))
    got = scores.iloc[0]
    assert got["method"] == "model" and got["label"] == "positive"
    assert got["p_negative"] + got["p_neutral"] + got["p_positive"] == pytest.approx(1.0)
    assert got["polarity"] == pytest.approx(got["p_positive"] - got["p_negative"])
    assert got["lexicon_label"] == "positive"  # the lexicon method, kept beside the model
    model_rows = evidence[evidence["source"] == "model"]
    assert 0 < len(model_rows) <= 5
    # the five largest pushes (at least 0.1), which add up toward positive; measured: "a",
    # "addressing", "and", the lexicon's polarity pull up, "that" (before Japan) pulls down
    assert (model_rows["polarity"].abs() >= 0.1).all()
    assert model_rows["polarity"].sum() > 0
    sentence = row["text"]
    for word, feature in zip(model_rows["word"], model_rows["feature"], strict=True):
        # a row names words of the sentence, or a feature that is not a word
        assert word in sentence or feature.startswith(("lexicon:", "flag:")), word
    # every evidence push is (positive weight - negative weight) x value of its features
    model = load_model()
    _, mention = lexicon_mentions(sentence, [(start - row["start"], start - row["start"] + 5)])[0]
    features = mention_features(
        sentence, mention, spans=[(mention.start, mention.end)], settings=model.settings
    )
    scores_ = model.scores(features)
    total = sum(p for _, p, _ in model.evidence(features, limit=10_000, minimum=0.0))
    assert total == pytest.approx((scores_[2] - model.bias[2]) - (scores_[0] - model.bias[0]))
    assert math.log(got["p_positive"] / got["p_negative"]) == pytest.approx(scores_[2] - scores_[0])


def _one_by_one(model: Model, text: str, mentions: list) -> list[tuple]:
    """Each mention scored from its :func:`mention_features` dict, the way the analysis did
    before :meth:`Model.score_sentence` (the sentence: features tallied once, added as base)."""
    spans = [(m.start, m.end) for m in mentions]
    prepared = prepare_sentence(text, spans, model.settings)
    base, shared = model.tally(prepared.words, bias=False)
    out = []
    for mention in mentions:
        features = mention_features(
            text,
            mention,
            spans=spans,
            settings=model.settings,
            sentence=prepared,
            with_sentence=False,
        )
        scores, pushes = model.tally(features)
        label, probabilities = model.probabilities(scores, base=base)
        out.append((label, probabilities, top_pushes(pushes, shared=shared)))
    return out


def test_score_sentence_gives_the_answers_of_the_features_one_by_one():
    # Every sentence of seed 000 with a mention, its mentions as the analysis finds them: the
    # fast path (only the model's features made, shared parts read once) must give the same
    # labels, probabilities (to the last bit) and evidence as the features dict one by one.
    frames = analyze_article(SEED_000).frames()
    sentences, mentions = frames["sentences"], frames["mentions"]
    model = load_model()
    checked = 0
    for sentence_id, text in zip(sentences["sentence_id"], sentences["text"], strict=True):
        names = mentions.loc[mentions["sentence_id"] == sentence_id, "matched"]
        spans = sorted({(text.find(n), text.find(n) + len(n)) for n in names if n in text})
        if not spans:
            continue
        found = [mention for _, mention in lexicon_mentions(text, spans)]
        assert model.score_sentence(text, found) == _one_by_one(model, text, found), text
        checked += len(found)
    assert checked > 20
    # and on a sentence of two countries and a contrast, whose answers are known
    text = "Japan is a reliable partner, but China is a threat."
    found = [mention for _, mention in lexicon_mentions(text, [(0, 5), (33, 38)])]
    answers = model.score_sentence(text, found)
    assert [label for label, _, _ in answers] == ["positive", "negative"]
    assert answers == _one_by_one(model, text, found)
    assert [sum(p) for _, p, _ in answers] == pytest.approx([1.0, 1.0])
    assert all(0 < len(evidence) <= 5 for _, _, evidence in answers)


def test_vocabulary_holds_the_features_the_model_has_weights_for():
    model = load_model()
    known = vocabulary(model.weights)
    text = "Japan was praised for its aid, but China was not trusted."
    forms = prepare_sentence(text, [(0, 5), (35, 40)], model.settings).forms
    assert "prais" in forms and "not_trust" in forms
    for form in forms[1:]:
        entries = known.words(form)
        for kind, entry in zip(WORD_KINDS, entries or [None] * len(WORD_KINDS), strict=True):
            name = f"{kind}:{form}"
            if name in model.weights:
                negative, neutral, positive = model.weights[name]
                assert entry == (name, negative, neutral, positive, positive - negative)
            else:
                assert entry is None
    assert known.words("prais")[0][0] == "near:prais"  # "praised": a word the model learned
    assert known.words("zzyzx") is None  # a word it never saw: no feature is made
    assert known.pairs(("<t>", "a"))[0] == "pair:<t> a"
    assert known.others("flag:speaker")[0] == "flag:speaker"
    # EVERY_FEATURE (training, mention_features) makes every feature, names alone
    assert EVERY_FEATURE.words("zzyzx") == tuple((f"{k}:zzyzx",) for k in WORD_KINDS)
    assert EVERY_FEATURE.pairs(("by", "<t>")) == ("pair:by <t>",)
    assert model.vocabulary.words("prais") == known.words("prais")


def test_lexicon_method_keeps_todays_scores():
    text = "Japan is a reliable partner, but China is a threat."
    sentences = pd.DataFrame({"sentence_id": [1], "start": [0], "end": [len(text)], "text": [text]})
    mentions = pd.DataFrame(
        {
            "sentence_id": [1, 1],
            "actor_id": ["JPN", "CHN"],
            "country": ["JPN", "CHN"],
            "start": [0, 33],
            "end": [5, 38],
        }
    )
    lexicon, evidence = (
        t.frame() for t in mention_sentiment(text, sentences, mentions, method="lexicon")
    )
    model = mention_sentiment(text, sentences, mentions)[0].frame()
    assert (lexicon["method"] == "lexicon").all() and lexicon["p_positive"].isna().all()
    assert lexicon["polarity"].tolist() == lexicon["lexicon_polarity"].tolist()
    assert lexicon["polarity"].tolist() == model["lexicon_polarity"].tolist()
    assert "model" not in set(evidence["source"])
    with pytest.raises(ValueError, match="sentiment method"):
        mention_sentiment(text, sentences, mentions, method="vibes")


# --- the model file and training ------------------------------------------------------------------


def test_the_shipped_model_reads_back_and_is_small():
    model = load_model()
    assert model.info["trained_on"]["file"] == "train.jsonl"
    assert model.info["trained_on"]["targets"] == 8739
    assert 1000 < len(model.weights) < 20_000
    table = model.table()
    assert table["push"].tolist() == (table["positive"] - table["negative"]).tolist()
    assert (MODEL_DIR / "weights.csv").stat().st_size < 1_000_000
    assert "Copyright 2020 Felix Hamborg" in (MODEL_DIR / "LICENSE").read_text(encoding="utf-8")


def test_retraining_on_the_same_data_gives_the_same_model(tmp_path):
    # A slice of the project's devtest_rw copy (training data is not in the project): train
    # twice, write both, compare the files and the predictions on the other records.
    gold = read_newsmtsc(DEVTEST)
    train, held = gold[gold["line"] < 500], gold[gold["line"] >= 900]
    settings = ModelSettings(min_count=2)
    first, second = fit(train, settings=settings), fit(train, settings=settings)
    write_model(first, tmp_path / "a")
    write_model(second, tmp_path / "b")
    for name in ("weights.csv", "model.json"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    back = read_model(tmp_path / "a")
    assert back.weights == first.weights and back.bias == first.bias
    one = predict(held, method="model", model=first)
    two = predict(held, method="model", model=back)
    assert one["predicted"].tolist() == two["predicted"].tolist()
    assert one["polarity"].tolist() == two["polarity"].tolist()
    right = (one["predicted"] == one["gold"]).mean()
    print(f"trained on {len(train)} devtest_rw targets: accuracy {right:.3f} on {len(held)}")
    assert right > 0.45  # far fewer examples than the real model: better than chance (0.33)


def test_a_damaged_model_names_the_file(tmp_path):
    shutil.copytree(MODEL_DIR, tmp_path / "m")
    (tmp_path / "m" / "weights.csv").write_text("feature,negative\nx,1\n", encoding="utf-8")
    with pytest.raises(RuntimeError, match="weights.csv|sentiment model"):
        read_model(tmp_path / "m")
    assert isinstance(load_model(), Model)


# --- the choice of method in the analysis ---------------------------------------------------------


def test_method_is_part_of_the_cache_key(tmp_path):
    assert method_key("lexicon") != method_key("model")
    files = [(SEED_000, {})]
    model = engine.run_articles(files, jobs=1, cache_dir=tmp_path)
    lexicon = engine.run_articles(files, jobs=1, cache_dir=tmp_path, sentiment="lexicon")
    assert lexicon.stats["cached"] == 0  # a model run is never served for a lexicon run
    again = engine.run_articles(files, jobs=1, cache_dir=tmp_path, sentiment="lexicon")
    assert again.stats["cached"] == 1
    methods = {
        name: set(run.parts["mention_sentiment"][0]["method"])
        for name, run in (("model", model), ("lexicon", again))
    }
    assert methods == {"model": {"model"}, "lexicon": {"lexicon"}}
