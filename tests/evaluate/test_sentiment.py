"""Evaluation of target sentiment: NewsMTSC devtest_rw (data/corpus/newsmtsc), hand-labelled
country mentions (tests/data/country_sentiment)."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from helpers.evaluate.sentiment import (
    evaluate,
    evaluate_mentions,
    main,
    predict,
    read_newsmtsc,
    score,
    unseen,
)
from tests.support import CORPUS, SEEDS
from tests.support import GOLD as TEST_DATA

GOLD = CORPUS / "newsmtsc" / "devtest_rw.jsonl"
COUNTRY_LABELS = TEST_DATA / "country_sentiment" / "labels.csv"


@pytest.fixture(scope="module")
def results():
    """Every method on every subset, printed so the numbers show in the test log."""
    out = {
        (m, s): evaluate(GOLD, method=m, subset=s)
        for m in ("model", "lexicon", "textblob", "vader")
        for s in ("all", "even", "odd")
    }
    for (method, subset), r in out.items():
        print(
            f"{method:9} {subset:5} n={r['n']} accuracy={r['accuracy']:.3f} "
            f"macro-F1={r['macro_f1']:.3f}"
        )
    return out


def test_reads_every_target():
    gold = read_newsmtsc(GOLD)
    lines = GOLD.read_text(encoding="utf-8").splitlines()
    assert len(gold) == sum(len(json.loads(line)["targets"]) for line in lines)
    first = gold.iloc[0]  # line 0: "... officially censuring Mr. Trump." (2.0 = negative)
    assert first["sentence"][first["start"] : first["end"]] == "Mr. Trump"
    assert first["gold"] == "negative"


def test_sentences_the_model_was_trained_on_are_left_out():
    # The corpus MANIFEST: four sentences of devtest_rw are also in train.jsonl.
    kept, left_out = unseen(read_newsmtsc(GOLD))
    assert sorted(left_out["line"].unique()) == [91, 268, 308, 379]
    assert len(kept) + len(left_out) == len(read_newsmtsc(GOLD))
    assert left_out.iloc[0]["mention"] == "Marco Rubio"  # line 91


def test_model_beats_the_lexicon_on_the_held_out_half(results):
    # Settings of both methods were chosen on the even records only: odd is held out.
    model, lexicon = results[("model", "odd")], results[("lexicon", "odd")]
    assert model["left_out"] == lexicon["left_out"] == 2  # lines 91 and 379 are odd
    assert model["n"] == lexicon["n"] == 566
    assert model["macro_f1"] >= 0.62  # measured 0.655 (lexicon 0.587)
    assert model["macro_f1"] > lexicon["macro_f1"] + 0.03
    assert results[("model", "all")]["macro_f1"] >= 0.62  # measured 0.665


def test_lexicon_method_beats_sentence_baselines_on_held_out_half(results):
    held_out = results[("lexicon", "odd")]["macro_f1"]
    assert held_out >= 0.55  # measured 0.587 (tuned on the even half only)
    assert held_out > results[("vader", "odd")]["macro_f1"]
    assert held_out > results[("textblob", "odd")]["macro_f1"]
    assert results[("lexicon", "all")]["macro_f1"] >= 0.55  # measured 0.611


def test_target_is_the_old_name_of_the_lexicon_method(results):
    old = evaluate(GOLD, method="target", subset="odd")
    assert old["method"] == "lexicon" and old["macro_f1"] == results[("lexicon", "odd")]["macro_f1"]


def test_baselines_match_the_issue(results):
    # Sentence-level scores the issue measured: TextBlob macro-F1 0.40, VADER 0.51.
    assert results[("textblob", "all")]["macro_f1"] == pytest.approx(0.42, abs=0.03)
    assert results[("vader", "all")]["macro_f1"] == pytest.approx(0.51, abs=0.03)


def test_subsets_split_the_records(results):
    n = {s: results[("model", s)]["n"] for s in ("all", "even", "odd")}
    assert n["even"] + n["odd"] == n["all"]
    odd = results[("model", "odd")]["predictions"]
    assert (odd["line"] % 2 == 1).all()


def test_confusion_table_counts_every_target(results):
    for method in ("model", "lexicon"):
        result = results[(method, "all")]
        table = result["confusion"]
        assert int(table.to_numpy().sum()) == result["n"]
        assert table.loc["negative"].sum() == result["support_negative"]
        correct = sum(table.at[name, name] for name in ("negative", "neutral", "positive"))
        assert correct / result["n"] == pytest.approx(result["accuracy"])


def test_country_mentions_hand_labelled_before_the_methods_ran():
    # tests/data/country_sentiment: 83 country mentions of the seeds and corpus articles.
    done = evaluate_mentions(COUNTRY_LABELS, [SEEDS, CORPUS / "articles"])
    numbers = {m: score(done["label"], done[m]) for m in ("model", "lexicon")}
    for method, r in numbers.items():
        print(
            f"countries {method:8} n={r['n']} accuracy={r['accuracy']:.3f} "
            f"macro-F1={r['macro_f1']:.3f}"
        )
    assert len(done) == 83
    # measured: model accuracy 0.530, macro-F1 0.454; lexicon 0.386, 0.370 (first look, 84 labels,
    # with the model of commit 505f2c9: 0.548, 0.471)
    assert numbers["model"]["accuracy"] >= 0.45
    assert numbers["model"]["macro_f1"] > numbers["lexicon"]["macro_f1"]


def test_score_counts_macro_f1():
    gold = pd.Series(["negative", "negative", "neutral", "positive"])
    predicted = pd.Series(["negative", "neutral", "neutral", "neutral"])
    numbers = score(gold, predicted)
    assert numbers["accuracy"] == 0.5
    # F1: negative 2/3, neutral 2*0.333*1/1.333 = 0.5, positive 0
    assert numbers["macro_f1"] == pytest.approx((2 / 3 + 0.5 + 0) / 3)


def test_predict_keeps_row_order():
    gold = read_newsmtsc(GOLD).head(40)
    for method in ("model", "lexicon"):
        predicted = predict(gold, method=method)
        assert predicted[["line", "target"]].equals(gold[["line", "target"]])
        assert predicted["predicted"].isin(["negative", "neutral", "positive"]).all()
        assert predicted["polarity"].between(-1, 1).all()


def test_main_writes_predictions_scores_and_confusion(tmp_path, capsys):
    assert main([str(GOLD), "--out", str(tmp_path)]) == 0
    printed = capsys.readouterr().out
    assert "odd (held out)" in printed and "confusion" in printed
    assert "left out: 4 target(s)" in printed
    frame = pd.read_csv(tmp_path / "predictions.csv")
    assert list(frame.columns) == ["line", "target", "method", "predicted", "polarity", "gold"]
    assert len(frame) == 4 * (len(read_newsmtsc(GOLD)) - 4)
    assert set(frame["method"]) == {"model", "lexicon", "textblob", "vader"}
    assert frame["polarity"].between(-1, 1).all()
    scores = pd.read_csv(tmp_path / "scores.csv")
    assert len(scores) == 4 * 3 and {"macro_f1", "f1_neutral", "recall_positive"} <= set(scores)
    table = pd.read_csv(tmp_path / "confusion.csv")
    assert list(table.columns) == ["method", "gold", "negative", "neutral", "positive"]
    assert not list(tmp_path.glob(".*.tmp"))  # written atomically, nothing left behind


def test_main_names_a_missing_file(tmp_path, capsys):
    assert main([str(tmp_path / "missing.jsonl"), "--out", str(tmp_path)]) == 2
    assert "no such file" in capsys.readouterr().out


def test_bad_record_names_the_line(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"sentence_normalized": "x", "targets": [{"from": 0}]}\n', encoding="utf-8")
    with pytest.raises(ValueError, match="line 1"):
        read_newsmtsc(bad)
