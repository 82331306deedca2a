"""The actor evaluation: gold readers and the measured numbers (printed; floors well below them)."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from helpers.evaluate.actors import (
    main,
    read_conllu,
    score_gum,
    score_newswcl50,
    summarize_newswcl50,
)
from helpers.paths import CORPUS_DIR

ANNOTATIONS = CORPUS_DIR / "newswcl50" / "Annotations.csv"
GUM_IR = ["GUM_news_korea.conllu", "GUM_news_asylum.conllu", "GUM_news_flag.conllu",
          "GUM_news_afghan.conllu"]  # fmt: skip


def test_read_conllu_rebuilds_text_and_gold_spans():
    body, sentences, gold, day = read_conllu(CORPUS_DIR / "gum" / "GUM_news_korea.conllu")
    assert str(day) == "2015-08-21"
    assert all(body[s:e] == t for s, e, t in zip(sentences.start, sentences.end, sentences.text,
                                                  strict=True))  # fmt: skip
    north = gold[gold["identity"] == "North Korea"]
    assert body[north.start.iloc[0] : north.end.iloc[0]] == "North Korea"
    kim = gold[gold["identity"] == "Kim Jong-un"]
    assert body[kim.start.iloc[0] : kim.end.iloc[0]] == "Kim Jong-un" and kim.name.iloc[0]


@pytest.fixture
def small_newswcl50(tmp_path):
    """Every 8th coded COUNTRY/ACTOR row of NewsWCL50, in its own format (first line "sep=,")."""
    rows = pd.read_csv(ANNOTATIONS, skiprows=1, dtype=str, keep_default_na=False)
    rows = rows[rows["code_type"].isin(["COUNTRY", "ACTOR"])].iloc[::8]
    path = tmp_path / "Annotations.csv"
    path.write_text("sep=,\n" + rows.to_csv(index=False), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("code", "mention", "right"),
    [("PRK", "North Korea", True), ("USA", "the White House", True), ("RUS", "the Kremlin", True),
     ("EU", "the European Union", True), ("USA", "his country", False)],
)  # fmt: skip
def test_newswcl50_country_strings(tmp_path, code, mention, right):
    path = tmp_path / "Annotations.csv"
    path.write_text(
        "sep=,\nid,code_type,code_name,code_mention,target_concept,event_id,publisher_id,paragraph,"
        f"sentence,start,end\nx,COUNTRY,{code},{mention},,0,LL,0,0,0,1\n", encoding="utf-8")  # fmt: skip
    assert bool(score_newswcl50(path)["correct"].iloc[0]) == right


def test_newswcl50_actor_strings_resolve_by_the_2018_date(tmp_path):
    path = tmp_path / "Annotations.csv"
    rows = [("ACTOR", "PRK\\Jong Un", "North Korean leader"), ("ACTOR", "RUS\\Putin", "Russian President"),
            ("ACTOR", "GBR\\May", "Prime Minister May"), ("ACTOR", "USA\\Trump", "the president")]  # fmt: skip
    path.write_text("sep=,\nid,code_type,code_name,code_mention\n"
                    + "".join(f"x,{t},{c},{m}\n" for t, c, m in rows), encoding="utf-8")  # fmt: skip
    scored = score_newswcl50(path)
    assert scored["correct"].tolist() == [True, True, True, False]  # "the president" needs context
    assert scored["predicted"].tolist()[:3] == ["Kim Jong Un", "Vladimir Putin", "Theresa May"]


def test_newswcl50_sample_measured(small_newswcl50):
    summary = summarize_newswcl50(score_newswcl50(small_newswcl50)).set_index("task")
    print(summary.to_string())  # full run: python -m helpers evaluate actors
    assert summary.loc["COUNTRY code", "precision"] > 0.85
    assert summary.loc["COUNTRY code", "recall"] > 0.45
    assert summary.loc["ACTOR person", "precision"] > 0.85
    assert summary.loc["ACTOR person", "recall"] > 0.6


def test_gum_ir_documents_measured(tmp_path):
    for name in GUM_IR:
        shutil.copy(CORPUS_DIR / "gum" / name, tmp_path / name)
    scores = score_gum(tmp_path).set_index("type")
    print(scores.to_string())
    assert scores.loc["country", "recall"] > 0.7
    assert scores.loc["country", "precision_judged"] > 0.6
    assert scores.loc["person", "precision_strict"] > 0.8
    assert scores.loc["person", "recall_in_gazetteer"] > 0.5


def test_main_prints_both_sections(tmp_path, small_newswcl50, capsys):
    shutil.copy(CORPUS_DIR / "gum" / GUM_IR[0], tmp_path / GUM_IR[0])
    assert main(["--newswcl50", str(small_newswcl50), "--gum", str(tmp_path), "--errors", "2"]) == 0
    out = capsys.readouterr().out
    assert "NewsWCL50" in out and "COUNTRY code" in out and "GUM news" in out and "country" in out
