"""The run engine: cache (cold, warm, damaged), duplicates, --jobs and Dask give the same tables."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from helpers.ingest import collect_files
from helpers.pipeline import dedupe, engine, workers
from helpers.pipeline.article import analyze_article
from helpers.pipeline.run import analyze, build_tables
from helpers.schema import PER_ARTICLE
from helpers.tables import to_stable_csv
from tests.support import CORPUS, SEED_000, SEED_001

ARTICLES = CORPUS / "articles"
# Ten real corpus articles and the two seeds: enough for the process pool (>= 8 to analyse).
SAMPLE = [SEED_000, SEED_001, *sorted(ARTICLES.glob("wikinews_2019-*.txt"))[:10]]
G7 = (
    ARTICLES / "wikinews_2019-08-24_world-leaders-call-to-address-amazon-rainforest-fires-at-g7.txt"
)
GERMANY = ARTICLES / "wikinews_2019-01-23_germany-bans-mahan-air-of-iran-citing-security.txt"
SOLEIMANI = ARTICLES / "wikinews_2020-01-05_united-states-military-kills-qasem-soleimani.txt"


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("articles")
    for source in SAMPLE:
        shutil.copy(source, path / source.name)
    return path


def csv_bytes(tables: dict[str, pd.DataFrame]) -> dict[str, str]:
    return {
        name: hashlib.sha256(to_stable_csv(frame).encode()).hexdigest()
        for name, frame in tables.items()
    }


def plain_loop(paths: list[Path]) -> dict[str, pd.DataFrame]:
    """What analyze did before the engine: each file analysed, concatenated (no problems)."""
    files, _ = collect_files(paths)
    parts = {name: [] for name in PER_ARTICLE}
    for path, overrides in files:
        tables = analyze_article(path, overrides=overrides).frames()
        for name in PER_ARTICLE:
            parts[name].append(tables[name])
    return build_tables(parts)


@pytest.fixture(scope="module")
def reference(folder):
    return csv_bytes(plain_loop([folder]))


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    """Three articles and their plain-loop tables: enough to exercise the cache files."""
    path = tmp_path_factory.mktemp("small")
    for source in (SEED_001, G7, GERMANY):
        shutil.copy(source, path / source.name)
    return path, csv_bytes(plain_loop([path]))


def test_engine_gives_the_tables_of_the_plain_loop(folder, reference):
    tables = analyze([folder], jobs=1, use_cache=False, progress=False, warn=False)
    assert csv_bytes(tables) == reference


@pytest.mark.usefixtures("fixed_version")
def test_warm_cache_reads_everything_and_gives_the_same_bytes(folder, reference, tmp_path):
    files, _ = collect_files([folder])
    cold = engine.run_articles(files, jobs=1, cache_dir=tmp_path)
    assert cold.stats == {"files": 12, "cached": 0, "analysed": 12}
    warm = engine.run_articles(files, jobs=1, cache_dir=tmp_path)
    assert warm.stats == {"files": 12, "cached": 12, "analysed": 0}
    assert list(tmp_path.glob("*/seg-*/index.parquet"))
    tables = analyze([folder], jobs=1, cache_dir=tmp_path, progress=False, warn=False)
    assert csv_bytes(tables) == reference


@pytest.mark.usefixtures("fixed_version")
def test_results_leave_memory_once_cached_and_come_back_whole(small, tmp_path, monkeypatch):
    folder, expected = small
    monkeypatch.setattr(engine.Cache, "FLUSH_ARTICLES", 2)  # two segments for three articles
    tables = analyze([folder], jobs=1, cache_dir=tmp_path, progress=False, warn=False)
    assert csv_bytes(tables) == expected
    assert len(list(tmp_path.glob("*/seg-*"))) == 2
    # A disk that loses what was just written: the articles are analysed again, not dropped.
    monkeypatch.setattr(engine.Cache, "lookup", lambda self, keys, tables=True: {})
    tables = analyze([folder], jobs=1, cache_dir=tmp_path / "lossy", progress=False, warn=False)
    assert csv_bytes(tables) == expected


@pytest.mark.usefixtures("fixed_version")
def test_only_new_files_are_analysed(small, tmp_path):
    grown = tmp_path / "grown"
    shutil.copytree(small[0], grown)
    engine.run_articles(collect_files([grown])[0], jobs=1, cache_dir=tmp_path / "c")
    shutil.copy(SOLEIMANI, grown / SOLEIMANI.name)
    again = engine.run_articles(collect_files([grown])[0], jobs=1, cache_dir=tmp_path / "c")
    assert again.stats == {"files": 4, "cached": 3, "analysed": 1}


def test_two_jobs_give_byte_identical_tables(folder, reference, tmp_path):
    tables = analyze([folder], jobs=2, use_cache=False, progress=False, warn=False)
    assert csv_bytes(tables) == reference


def test_dask_local_cluster_gives_the_same_tables(folder, reference):
    distributed = pytest.importorskip("dask.distributed")
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        tables = analyze(
            [folder],
            engine="dask",
            scheduler=cluster.scheduler_address,
            use_cache=False,
            progress=False,
            warn=False,
        )
    assert csv_bytes(tables) == reference


def _damage_truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def _damage_flip(path: Path) -> None:
    data = bytearray(path.read_bytes())
    middle = len(data) // 3  # inside the data pages, away from the footer
    data[middle : middle + 8] = bytes(b ^ 0xFF for b in data[middle : middle + 8])
    path.write_bytes(bytes(data))


def _damage_garbage(path: Path) -> None:
    path.write_bytes(b"PAR1 this is not a parquet file PAR1")


@pytest.mark.parametrize(
    "target, damage",
    [
        ("sentences-*.parquet", _damage_truncate),  # a half-written file
        ("sentences-*.parquet", _damage_flip),  # bit rot in a data page
        ("index.parquet", _damage_garbage),
        ("index.parquet", Path.unlink),
    ],
)
@pytest.mark.usefixtures("fixed_version")
def test_a_damaged_cache_is_recomputed_not_trusted(small, tmp_path, target, damage):
    folder, expected = small
    files, _ = collect_files([folder])
    engine.run_articles(files, jobs=1, cache_dir=tmp_path)
    (segment,) = tmp_path.glob("*/seg-*")
    damage(next(segment.glob(target)))
    again = engine.run_articles(files, jobs=1, cache_dir=tmp_path)
    assert again.stats["analysed"] == 3
    tables = analyze([folder], jobs=1, cache_dir=tmp_path, progress=False, warn=False)
    assert csv_bytes(tables) == expected


@pytest.mark.usefixtures("fixed_version")
def test_a_leftover_temporary_folder_is_ignored(small, tmp_path):
    files, _ = collect_files([small[0]])
    engine.run_articles(files, jobs=1, cache_dir=tmp_path)
    (segment,) = tmp_path.glob("*/seg-*")
    half = segment.parent / ".tmp-crashed"
    shutil.copytree(segment, half)
    (half / "index.parquet").unlink()
    assert engine.run_articles(files, jobs=1, cache_dir=tmp_path).stats["cached"] == 3


def test_changing_a_data_file_changes_the_pipeline_version(tmp_path, monkeypatch):
    from helpers import paths

    data = tmp_path / "data"
    shutil.copytree(paths.DATA_DIR, data, ignore=shutil.ignore_patterns("corpus", "articles"))
    monkeypatch.setattr(engine, "DATA_DIR", data)
    before = engine.pipeline_version()
    assert engine.pipeline_version() == before
    with (data / "outlets.csv").open("a", encoding="utf-8") as fh:
        fh.write("Example Times,Example Times,USA,test row\n")
    assert engine.pipeline_version() != before


@pytest.mark.usefixtures("fixed_version")
def test_load_problems_are_cached_and_still_reported(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "scan.pdf").write_bytes(b"%PDF-1.5\n1 0 obj")
    shutil.copy(SEED_001, folder / SEED_001.name)
    files, _ = collect_files([folder])
    engine.run_articles(files, jobs=1, cache_dir=tmp_path / "c")
    warm = engine.run_articles(files, jobs=1, cache_dir=tmp_path / "c")
    assert warm.stats["cached"] == 3
    kinds = {p["article_id"]: p["kind"] for p in warm.problems}
    assert kinds == {"empty": "empty", "scan": "pdf"}


def test_duplicates_are_analysed_once_and_near_duplicates_flagged(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for source in (SEED_000, G7, GERMANY):
        shutil.copy(source, folder / source.name)
    # The same seed re-saved as UTF-16: same text, other bytes and name.
    text = SEED_000.read_text(encoding="utf-8")
    (folder / "zz_seed_copy.txt").write_bytes(text.encode("utf-16"))
    # The G7 story re-posted with a different headline line and a newsletter footer.
    g7 = G7.read_text(encoding="utf-8").split("\n")
    repost = ["G7 leaders discuss the fires", *g7[1:], "Sign up to our newsletter for daily news."]
    (folder / "zz_g7_repost.txt").write_text("\n".join(repost), encoding="utf-8")
    tables = analyze([folder], use_cache=False, jobs=1, progress=False, warn=False)
    problems = tables["problems"].set_index("article_id")
    assert problems.loc["zz_seed_copy", "kind"] == "duplicate"
    assert SEED_000.name in problems.loc["zz_seed_copy", "detail"]
    assert problems.loc["zz_g7_repost", "kind"] == "near_duplicate"
    assert G7.name in problems.loc["zz_g7_repost", "detail"]
    assert "zz_seed_copy" not in set(tables["articles"]["article_id"])
    assert "zz_g7_repost" in set(tables["articles"]["article_id"])
    flagged = problems[problems["kind"].isin(["duplicate", "near_duplicate"])]
    assert len(flagged) == 2  # the distinct articles are not flagged


def test_a_rerun_finds_duplicates_from_the_cache_without_decoding_again(tmp_path, monkeypatch):
    # The text hash of every analysed file is kept in the cache index: a rerun reads no text
    # again, yet still reports a copy, including one added after the first run.
    folder = tmp_path / "in"
    folder.mkdir()
    for source in (SEED_000, SEED_001, GERMANY):
        shutil.copy(source, folder / source.name)
    decoded = []
    text_hash = engine._text_hash
    monkeypatch.setattr(
        engine, "_text_hash", lambda raw, path: decoded.append(path.name) or text_hash(raw, path)
    )
    first = engine.run_articles(
        [(p, {}) for p in sorted(folder.iterdir())], jobs=1, cache_dir=tmp_path / "c"
    )
    assert sorted(decoded) == sorted(p.name for p in folder.iterdir())
    assert not first.problems
    decoded.clear()
    (folder / "zz_copy.txt").write_bytes(SEED_001.read_text(encoding="utf-8").encode("utf-16"))
    again = engine.run_articles(
        [(p, {}) for p in sorted(folder.iterdir())], jobs=1, cache_dir=tmp_path / "c"
    )
    assert decoded == ["zz_copy.txt"]  # only the new file is read and decoded
    assert [(p["article_id"], p["kind"]) for p in again.problems] == [("zz_copy", "duplicate")]
    assert again.stats["cached"] == 3 and again.stats["analysed"] == 0


def _shingles(text: str) -> set[tuple[str, ...]]:
    words = dedupe._WORD.findall(text.lower())
    return {tuple(words[i : i + 5]) for i in range(len(words) - 4)}


def test_minhash_estimates_jaccard_on_real_text():
    first = " ".join(analyze_article(G7).frames()["sentences"]["text"])
    half = first[: len(first) // 2]
    second = " ".join(analyze_article(GERMANY).frames()["sentences"]["text"])
    for a, b in [(first, half), (first, second), (first, first + " Reuters contributed.")]:
        exact = len(_shingles(a) & _shingles(b)) / len(_shingles(a) | _shingles(b))
        estimate = dedupe.estimate_jaccard(dedupe.minhash(a), dedupe.minhash(b))
        print(f"exact {exact:.3f} estimate {estimate:.3f}")
        assert abs(exact - estimate) < 0.12


def test_no_near_duplicates_among_the_distinct_corpus_articles():
    texts = [
        " ".join(analyze_article(p).frames()["sentences"]["text"])
        for p in sorted(ARTICLES.glob("*.txt"))
    ]
    assert dedupe.near_duplicates([dedupe.minhash(t) for t in texts]) == []


def test_cli_options_reach_the_engine(tmp_path):
    out, cache = tmp_path / "out", tmp_path / "cache"
    common = [sys.executable, "-m", "helpers", "analyze", str(SEED_001), "--quiet"]
    first = subprocess.run(
        [*common, "--out", str(out), "--jobs", "1", "--cache-dir", str(cache)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert first.returncode == 0, first.stderr
    assert list(cache.glob("*/seg-*/index.parquet"))
    second = subprocess.run(
        [
            *common,
            "--out",
            str(tmp_path / "o2"),
            "--no-cache",
            "--cache-dir",
            str(tmp_path / "none"),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert second.returncode == 0, second.stderr
    assert not (tmp_path / "none").exists()
    assert (out / "sentences.csv").read_bytes() == (tmp_path / "o2" / "sentences.csv").read_bytes()
    bad = subprocess.run([*common, "--jobs", "0"], capture_output=True, text=True, timeout=300)
    assert bad.returncode == 2 and "--jobs" in bad.stderr


def test_results_cross_processes_as_arrow_streams_unchanged():
    # Workers send Entry objects to the main process (pickle): the tables travel as Arrow IPC
    # bytes and come back with the same schema and values; a problem entry has no tables.
    import pickle

    tasks = [(str(i), str(path), {}) for i, path in enumerate([SEED_000, SOLEIMANI])]
    entries = workers.analyse_chunk([*tasks, ("bad", str(ARTICLES / "no-such-file.txt"), {})])
    assert all(isinstance(v, bytes) for v in entries[0].__getstate__()["tables"].values())
    for entry, back in zip(entries, pickle.loads(pickle.dumps(entries)), strict=True):
        assert (back.key, back.problem, back.fragments) == (
            entry.key,
            entry.problem,
            entry.fragments,
        )
        assert back.signature == entry.signature
        if entry.tables is None:
            assert back.tables is None and entry.problem[0] == "unreadable"
            continue
        assert back.tables.keys() == entry.tables.keys()
        for name, table in entry.tables.items():
            assert back.tables[name].schema.equals(table.schema, check_metadata=True), name
            pd.testing.assert_frame_equal(back.tables[name].to_pandas(), table.to_pandas())
