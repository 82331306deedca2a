"""The analysis contract end to end: `python -m helpers analyze` on seeds, bad files and the corpus."""

from __future__ import annotations

import csv
import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from helpers.pipeline.article import analyze_article
from helpers.schema import TABLE_NAMES, TABLES
from tests.support import CORPUS, SEED_000, SEED_001, SEEDS

CONTRACT = {
    "articles": "article_id, source_path, title, outlet, author, date, language, n_words, n_sentences, sha256",
    "removed_lines": "article_id, line_no, text, reason",
    "sentences": "article_id, sentence_id, paragraph_id, start, end, text, polarity, subjectivity",
    "mentions": "article_id, sentence_id, actor_id, actor, actor_type, country, matched, start, end",
    "actor_counts": "article_id, actor_id, actor, actor_type, country, mentions",
    "country_sentiment": "article_id, country, mentions, polarity, subjectivity",
    "attributions": "article_id, sentence_id, kind, speaker, speaker_actor_id, speaker_country, "
    "anonymous, cue, quote, refs",
    "references": "article_id, ref, text, outlet, date, url, cited_in_text",
    "problems": "article_id, kind, detail",
}


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "helpers", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=300,
    )


def digest(folder: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.iterdir())
        if p.exists()
    }


@pytest.fixture(scope="module")
def seed_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    before = digest(SEEDS)
    result = run_cli("analyze", str(SEEDS), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert digest(SEEDS) == before  # input files are never modified
    return out


def test_every_contract_table_with_its_columns(seed_run):
    for name, columns in CONTRACT.items():
        with (seed_run / f"{name}.csv").open(encoding="utf-8") as fh:
            header = next(csv.reader(fh))
        assert header[: len(columns.split(", "))] == columns.split(", "), name
    assert (seed_run / "report.html").is_file()
    assert set(TABLE_NAMES) <= set(TABLES)


def test_seed_articles_table(seed_run):
    articles = pd.read_csv(seed_run / "articles.csv", dtype=str, keep_default_na=False).set_index(
        "article_id"
    )
    assert articles.loc["000_cf5bdca3ca1cd9b9", "author"] == "Masahiro Tauchi"
    assert "DEVNET" in articles.loc["000_cf5bdca3ca1cd9b9", "outlet"]
    row = articles.loc["001_b9b24f8ad2796175"]
    assert row["title"] == "China Comes First: Why NATO's Office in Japan Faces Uncertainty"
    assert "Sputnik" in row["outlet"] and row["date"] == "2023-07-11"
    assert row["sha256"] == hashlib.sha256(SEED_001.read_bytes()).hexdigest()
    assert int(row["n_sentences"]) > 20


def test_sentences_slice_the_cleaned_text(seed_run):
    sentences = pd.read_csv(seed_run / "sentences.csv", keep_default_na=False)
    tables = analyze_article(SEED_000).frames()
    assert (sentences["article_id"] == "000_cf5bdca3ca1cd9b9").sum() == len(tables["sentences"])
    assert (
        sentences["polarity"].between(-1, 1).all() and sentences["subjectivity"].between(0, 1).all()
    )
    original = SEED_000.read_text(encoding="utf-8")
    for row in tables["sentences"].itertuples():
        assert original[row.orig_start : row.orig_end] == row.text


def test_output_is_deterministic(seed_run, tmp_path):
    result = run_cli("analyze", str(SEEDS), "--out", str(tmp_path), "--quiet")
    assert result.returncode == 0
    assert digest(tmp_path) == digest(seed_run)


BAD_FILES = {
    "empty.txt": b"",
    "whitespace.txt": b"  \n \n\t",
    "binary.txt": bytes(range(256)) * 20,
    "report.pdf": b"%PDF-1.5\n1 0 obj\n<<>>\nendobj",
    "latin1 r\xc3\xa9sum\xc3\xa9.txt": None,  # filled below: a good article in cp1252 with an odd name
    "russian.txt": ("Заголовок открываемого материала. Новости дня. " * 40).encode(),
    "one-line.txt": b"word " * 210_000,
    "notes.docx": b"PK\x03\x04",
}


def test_bad_files_never_stop_the_run(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name, content in BAD_FILES.items():
        name = name.encode("latin-1").decode("utf-8")
        if content is None:
            content = (
                SEED_001.read_text(encoding="utf-8").replace("’", "'").encode("cp1252", "replace")
            )
        (folder / name).write_bytes(content)
    shutil.copy(SEED_000, folder / SEED_000.name)
    (folder / "gone.txt").symlink_to(tmp_path / "missing-target.txt")  # unreadable: a dangling link
    before = digest(folder)
    out = tmp_path / "out"
    result = run_cli("analyze", str(folder), "--out", str(out), "--quiet")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert digest(folder) == before
    problems = pd.read_csv(out / "problems.csv", keep_default_na=False)
    kinds = dict(zip(problems["article_id"], problems["kind"], strict=False))
    assert kinds["empty"] == "empty" and kinds["whitespace"] == "empty"
    assert kinds["binary"] == "binary" and kinds["report"] == "pdf"
    assert kinds["russian"] == "not_english" and kinds["one-line"] == "long_line"
    assert kinds["notes"] == "unsupported" and kinds["gone"] == "unreadable"
    articles = pd.read_csv(out / "articles.csv", keep_default_na=False)
    assert set(articles["article_id"]) == {"000_cf5bdca3ca1cd9b9", "latin1 résumé"}
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert len(warnings) == len(problems)
    for line in warnings:
        assert str(folder) in line


def test_a_sub_folder_of_articles_is_reported_not_skipped_silently(tmp_path):
    # a class keeps each outlet in its own folder: naming the parent reads none of them
    for outlet, seed in (("devnet", SEED_000), ("sputnik", SEED_001)):
        (tmp_path / "in" / outlet).mkdir(parents=True)
        shutil.copy(seed, tmp_path / "in" / outlet / seed.name)
    (tmp_path / "in" / "pictures").mkdir()
    (tmp_path / "in" / "pictures" / "map.png").write_bytes(b"\x89PNG")
    out = tmp_path / "out"
    result = run_cli("analyze", str(tmp_path / "in"), "--out", str(out), "--quiet")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    problems = pd.read_csv(out / "problems.csv", keep_default_na=False)
    assert problems["kind"].tolist() == ["sub_folder", "sub_folder"]  # not "pictures"
    assert f"{tmp_path / 'in' / 'devnet'}: sub-folder not read (1 article file(s)" in result.stderr
    # naming a sub-folder too reads it, and only the other one is still reported
    result = run_cli(
        "analyze",
        str(tmp_path / "in"),
        str(tmp_path / "in" / "devnet"),
        "--out",
        str(out),
        "--quiet",
    )
    assert result.returncode == 0, result.stderr
    problems = pd.read_csv(out / "problems.csv", keep_default_na=False)
    notes = problems[problems["kind"] == "sub_folder"]["detail"].tolist()
    assert len(notes) == 1 and notes[0].startswith(str(tmp_path / "in" / "sputnik"))
    articles = pd.read_csv(out / "articles.csv", keep_default_na=False)
    assert articles["article_id"].tolist() == [SEED_000.stem]


def test_no_article_is_an_error(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    result = run_cli("analyze", str(tmp_path), "--out", str(tmp_path / "out"), "--quiet")
    assert result.returncode == 1
    assert "no article could be analysed" in result.stderr
    assert "Traceback" not in result.stderr


def test_report_escapes_html(tmp_path):
    text = SEED_001.read_text(encoding="utf-8").replace(
        "China Comes First", "<script>alert('x')</script> China Comes First"
    )
    (tmp_path / "evil.txt").write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    assert run_cli("analyze", str(tmp_path), "--out", str(out), "--quiet").returncode == 0
    report = (out / "report.html").read_text(encoding="utf-8")
    assert "<script>alert" not in report and "&lt;script&gt;alert" in report


def test_corpus_articles_all_load_with_their_titles():
    from helpers.ingest import collect_files

    gold = pd.read_csv(CORPUS / "articles" / "articles.csv")
    assert len(gold) == 40
    manifest = {path.name: meta for path, meta in collect_files([CORPUS / "articles"])[0]}
    for row in gold.itertuples():
        # with the folder's manifest, as a run reads it (alone, an undated file gets a no_date row)
        tables = analyze_article(
            CORPUS / "articles" / row.file, overrides=manifest[row.file]
        ).frames()
        assert tables["articles"]["title"].iloc[0] == row.title
        assert tables["problems"].empty, tables["problems"]


def test_helpers_analyze_is_the_function_even_after_submodule_imports():
    import helpers
    import helpers.analyze  # noqa: F401  (would shadow the function if the package did not rebind it)

    assert callable(helpers.analyze)
    tables = helpers.analyze([SEED_001], progress=False, warn=False)
    assert list(tables["articles"]["article_id"]) == ["001_b9b24f8ad2796175"]


def test_file_names_that_will_cause_trouble_are_analysed_and_reported(tmp_path):
    from helpers.analyze import analyze

    corpus = sorted((CORPUS / "articles").glob("*.txt"))[:4]
    names = ["ALL.txt", "outlet:Reuters.txt", "my article.txt", "ok.txt"]
    for source, name in zip(corpus, names, strict=True):
        shutil.copy(source, tmp_path / name)
    tables = analyze([tmp_path], jobs=1, use_cache=False, progress=False, warn=False)
    assert sorted(tables["articles"]["article_id"]) == ["ALL", "my article", "ok", "outlet:Reuters"]
    notes = tables["problems"].query("kind == 'file_name'")
    assert sorted(notes["article_id"]) == ["ALL", "my article", "outlet:Reuters"]
    detail = dict(zip(notes["article_id"], notes["detail"], strict=True))
    assert "summary rows in country_sentiment.csv" in detail["ALL"]
    assert "spaces or non-ASCII" in detail["my article"]
