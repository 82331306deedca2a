"""Evaluation of target sentiment on NewsMTSC devtest_rw (gold shipped in data/corpus/newsmtsc)."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from helpers.evaluate.sentiment import evaluate, main, predict, read_newsmtsc, score
from tests.support import CORPUS

GOLD = CORPUS / "newsmtsc" / "devtest_rw.jsonl"


@pytest.fixture(scope="module")
def results():
    """Every method on every subset, printed so the numbers show in the test log."""
    out = {
        (m, s): evaluate(GOLD, method=m, subset=s)
        for m in ("target", "textblob", "vader")
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


def test_target_method_beats_sentence_baselines_on_held_out_half(results):
    held_out = results[("target", "odd")]["macro_f1"]
    assert held_out >= 0.55  # measured 0.587 (tuned on the even half only)
    assert held_out > results[("vader", "odd")]["macro_f1"]
    assert held_out > results[("textblob", "odd")]["macro_f1"]
    assert results[("target", "all")]["macro_f1"] >= 0.55  # measured 0.611


def test_baselines_match_the_issue(results):
    # Sentence-level scores the issue measured: TextBlob macro-F1 0.40, VADER 0.51.
    assert results[("textblob", "all")]["macro_f1"] == pytest.approx(0.42, abs=0.03)
    assert results[("vader", "all")]["macro_f1"] == pytest.approx(0.51, abs=0.03)


def test_subsets_split_the_records(results):
    n = {s: results[("target", s)]["n"] for s in ("all", "even", "odd")}
    assert n["even"] + n["odd"] == n["all"]
    odd = results[("target", "odd")]["predictions"]
    assert (odd["line"] % 2 == 1).all()


def test_score_counts_macro_f1():
    gold = pd.Series(["negative", "negative", "neutral", "positive"])
    predicted = pd.Series(["negative", "neutral", "neutral", "neutral"])
    numbers = score(gold, predicted)
    assert numbers["accuracy"] == 0.5
    # F1: negative 2/3, neutral 2*0.333*1/1.333 = 0.5, positive 0
    assert numbers["macro_f1"] == pytest.approx((2 / 3 + 0.5 + 0) / 3)


def test_predict_keeps_row_order():
    gold = read_newsmtsc(GOLD).head(40)
    predicted = predict(gold)
    assert predicted[["line", "target"]].equals(gold[["line", "target"]])
    assert predicted["predicted"].isin(["negative", "neutral", "positive"]).all()


def test_main_writes_predictions(tmp_path, capsys):
    assert main([str(GOLD), "--out", str(tmp_path)]) == 0
    printed = capsys.readouterr().out
    assert "odd (held out)" in printed and "vader" in printed and "textblob" in printed
    frame = pd.read_csv(tmp_path / "predictions.csv")
    assert list(frame.columns) == ["line", "target", "predicted", "polarity", "gold"]
    assert len(frame) == len(read_newsmtsc(GOLD))
    assert frame["polarity"].between(-1, 1).all()
    assert not list(tmp_path.glob(".*.tmp"))  # written atomically, nothing left behind


def test_main_names_a_missing_file(tmp_path, capsys):
    assert main([str(tmp_path / "missing.jsonl"), "--out", str(tmp_path)]) == 2
    assert "no such file" in capsys.readouterr().out


def test_bad_record_names_the_line(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"sentence_normalized": "x", "targets": [{"from": 0}]}\n', encoding="utf-8")
    with pytest.raises(ValueError, match="line 1"):
        read_newsmtsc(bad)
