"""The streaming writer (the CLI's path) writes the same bytes as the in-memory tables, warm or cold."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from helpers import schema
from helpers.analyze import analyze, analyze_to, write_tables
from helpers.frames import arrow_tables
from helpers.paths import DEFAULT_CACHE_DIR
from helpers.pipeline.article import ArticleTables, analyze_article, encode
from helpers.pipeline.run import build_tables
from helpers.tables import csv_header, csv_rows, csv_rows_from_columns, read_table, to_stable_csv
from tests.support import CORPUS, SEED_000, SEED_001

ARTICLES = CORPUS / "articles"
# Quote-heavy, reference-heavy and plain articles, plus the seeds (footnotes, captions, bylines).
SAMPLE = [
    SEED_000,
    SEED_001,
    ARTICLES / "wikinews_2019-03-28_thousands-march-in-anti-brexit-protest-london.txt",
    ARTICLES / "wikinews_2019-10-08_us-president-trump-announces-troop-withdrawal-from-syria.txt",
    ARTICLES / "whitehouse_2021-10-29_united-states-france-joint-statement.txt",
    ARTICLES / "wikinews_2020-01-05_united-states-military-kills-qasem-soleimani.txt",
]


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    """The sample, an empty file and a renamed copy of a seed (a duplicate), as a user has them."""
    path = tmp_path_factory.mktemp("articles")
    for source in SAMPLE:
        shutil.copy(source, path / source.name)
    (path / "empty.txt").write_text("", encoding="utf-8")
    shutil.copy(SEED_001, path / "zz_copy_of_seed.txt")
    return path


@pytest.fixture(scope="module")
def in_memory(folder, tmp_path_factory) -> dict[str, bytes]:
    out = tmp_path_factory.mktemp("in-memory")
    tables = analyze([folder], jobs=1, use_cache=False, progress=False, warn=False)
    write_tables(tables, out)
    return files(out)


def files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.mark.usefixtures("fixed_version")
def test_streamed_tables_are_the_in_memory_tables_byte_for_byte(folder, in_memory, tmp_path):
    done = analyze_to([folder], tmp_path / "out", jobs=1, cache_dir=tmp_path / "c", warn=False)
    assert done.n_articles == len(SAMPLE)
    streamed = files(tmp_path / "out")
    assert sorted(streamed) == sorted(in_memory)
    for name in in_memory:
        assert streamed[name] == in_memory[name], f"{name} differs"
    problems = pd.read_csv(tmp_path / "out" / "problems.csv", keep_default_na=False)
    assert {"empty", "duplicate"} <= set(problems["kind"])


@pytest.mark.usefixtures("fixed_version")
def test_warm_rerun_reads_everything_from_the_cache(folder, in_memory, tmp_path, capsys):
    analyze_to([folder], tmp_path / "a", jobs=1, cache_dir=tmp_path / "c", warn=False)
    again = analyze_to([folder], tmp_path / "b", jobs=1, cache_dir=tmp_path / "c")
    assert again.stats["analysed"] == 0 and again.stats["cached"] >= len(SAMPLE)
    assert files(tmp_path / "b") == in_memory
    # Warnings are still printed from cached problems, one line each.
    err = capsys.readouterr().err
    assert err.count("warning: ") == len(pd.read_csv(tmp_path / "b" / "problems.csv"))


@pytest.mark.usefixtures("fixed_version")
def test_no_cache_leaves_no_cache_behind(folder, in_memory, tmp_path):
    analyze_to([folder], tmp_path / "out", jobs=1, use_cache=False, warn=False)
    assert files(tmp_path / "out") == in_memory
    assert not (DEFAULT_CACHE_DIR / ("0" * 16)).exists()


@pytest.mark.usefixtures("fixed_version")
def test_damaged_fragments_are_recomputed_not_trusted(folder, in_memory, tmp_path, capsys):
    analyze_to([folder], tmp_path / "a", jobs=1, cache_dir=tmp_path / "c", warn=False)
    [fragments] = list((tmp_path / "c").glob("*/seg-*/fragments.parquet"))
    data = bytearray(fragments.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 64] = bytes(64)  # a damaged page: the checksum no longer matches
    fragments.write_bytes(bytes(data))
    analyze_to([folder], tmp_path / "b", jobs=1, cache_dir=tmp_path / "c", warn=False)
    assert files(tmp_path / "b") == in_memory


@pytest.mark.usefixtures("fixed_version")
def test_a_cached_table_without_its_columns_is_recomputed_not_skipped(
    folder, in_memory, tmp_path, capsys
):
    # A segment whose mention scores lack a column this version writes was not written by it:
    # skipping it would leave its articles out of the outlet and all-articles rows.
    import pyarrow.parquet as pq

    analyze_to([folder], tmp_path / "a", jobs=1, cache_dir=tmp_path / "c", warn=False)
    [scores] = list((tmp_path / "c").glob("*/seg-*/mention_sentiment-*.parquet"))
    pq.write_table(pq.read_table(scores).drop_columns(["vader"]), scores)
    for kept in (tmp_path / "c").glob("*/summary-*.json"):  # else the summary is not recomputed
        kept.unlink()
    analyze_to([folder], tmp_path / "b", jobs=1, cache_dir=tmp_path / "c", warn=False)
    assert "lacks the columns ['vader']" in capsys.readouterr().err
    assert files(tmp_path / "b") == in_memory


def _written_in_memory(folder: Path, out: Path) -> dict[str, bytes]:
    write_tables(analyze([folder], jobs=1, use_cache=False, progress=False, warn=False), out)
    return files(out)


@pytest.mark.usefixtures("fixed_version")
def test_reruns_on_a_changed_folder_write_the_same_bytes(tmp_path, monkeypatch):
    # A warm rerun copies each table's rows out of the cache's text buffers when every segment's
    # articles come before the next one's; otherwise it merges row by row. Both must give the
    # bytes of a fresh in-memory run: here a removed file (a segment read in part) and a file
    # added between two others (segments whose article ranges overlap).
    from helpers.pipeline.cache import Cache

    calls = []
    blocks = Cache.fragment_blocks

    def spy(self, name, keys):
        found = blocks(self, name, keys)
        calls.append(found is not None)
        return found

    monkeypatch.setattr(Cache, "fragment_blocks", spy)
    folder = tmp_path / "articles"
    folder.mkdir()
    for source in SAMPLE:
        shutil.copy(source, folder / source.name)
    middle = folder / sorted(p.name for p in folder.iterdir())[3]
    kept_aside = tmp_path / middle.name
    cache = tmp_path / "cache"

    shutil.move(middle, kept_aside)  # a folder without the middle article
    analyze_to([folder], tmp_path / "a", jobs=1, cache_dir=cache, warn=False)
    assert files(tmp_path / "a") == _written_in_memory(folder, tmp_path / "ref-a")
    assert calls and all(calls)  # one segment: blocks

    calls.clear()
    shutil.move(kept_aside, middle)  # added back: its segment lies inside the first one's range
    analyze_to([folder], tmp_path / "b", jobs=1, cache_dir=cache, warn=False)
    assert files(tmp_path / "b") == _written_in_memory(folder, tmp_path / "ref-b")
    assert calls and not any(calls)  # overlapping segments: merged row by row

    fresh = tmp_path / "fresh-cache"  # one segment with every article ...
    analyze_to([folder], tmp_path / "c", jobs=1, cache_dir=fresh, warn=False)
    calls.clear()
    (folder / SAMPLE[0].name).unlink()  # ... then one removed: the segment is read in part
    analyze_to([folder], tmp_path / "d", jobs=1, cache_dir=fresh, warn=False)
    assert files(tmp_path / "d") == _written_in_memory(folder, tmp_path / "ref-d")
    assert calls and all(calls)


@pytest.fixture(scope="module")
def article_tables() -> list[ArticleTables]:
    return [analyze_article(path) for path in SAMPLE]


def test_csv_rows_format_each_article_as_the_whole_table_does(article_tables):
    for done in article_tables:
        for name, frame in done.frames().items():
            text, n = csv_rows(name, frame)
            assert n == len(frame)
            if len(frame):
                assert csv_header(name) + text == to_stable_csv(schema.conform(name, frame)), name


def test_the_engine_path_gives_the_frames_fragments_and_arrow_tables(article_tables):
    # encode formats the rows from the steps' lists, without the frames: the same bytes as the
    # whole tables built from the frames (actor counts and article sentiment rows included), and
    # the same Arrow tables as the frames converted.
    for path, done in zip(SAMPLE, article_tables, strict=True):
        kept = encode(done)
        assert kept.article_id == path.stem and kept.frames is None
        frames = done.frames()
        whole = build_tables({name: [frame] for name, frame in frames.items()})
        # (an article's own sentiment rows are its article level; outlet and all come later)
        whole["country_sentiment"] = whole["country_sentiment"].query("level == 'article'")
        for name in schema.TABLE_NAMES:
            assert kept.fragments[name] == csv_rows(name, whole[name]), f"{path.name}: {name}"
        expected = arrow_tables(frames)
        assert kept.tables.keys() == expected.keys()
        for name, table in expected.items():  # (NaN is not equal to NaN in Table.equals)
            assert kept.tables[name].schema == table.schema, f"{path.name}: {name}"
            pd.testing.assert_frame_equal(kept.tables[name].to_pandas(), table.to_pandas())
        assert kept.text == " ".join(frames["sentences"]["text"])


def test_csv_rows_from_columns_takes_none_and_nan_as_missing():
    columns = {
        "article_id": ["a", "a"],
        "sentence_id": [2, 1],
        "start": [5, 0],
        "end": [9, 4],
        "text": ["Two.", None],
        "polarity": [float("nan"), 0.123456],
    }
    text, n = csv_rows_from_columns("sentences", columns, 2)
    frame = pd.DataFrame(columns)
    assert (text, n) == csv_rows("sentences", frame)
    assert text.splitlines()[0].startswith("a,1,")


def test_every_column_a_step_writes_is_declared_in_the_schema(article_tables):
    for done in article_tables:
        for name, frame in done.frames().items():
            undeclared = set(frame.columns) - set(schema.TABLES[name].all_columns)
            assert not undeclared, (
                f"{name}: declare {sorted(undeclared)} in helpers/schema.py EXTRAS, "
                "or the CSV files would drop them"
            )


def test_read_table_gives_the_types_back(tmp_path, article_tables):
    tables = article_tables[0].frames()
    frame = schema.conform("attributions", tables["attributions"])
    (tmp_path / "a.csv").write_text(to_stable_csv(frame), encoding="utf-8")
    back = schema.conform("attributions", read_table(tmp_path / "a.csv", "attributions"))
    assert back["anonymous"].dtype == bool
    assert back["anonymous"].tolist() == frame["anonymous"].tolist()
    assert back["sentence_id"].tolist() == frame["sentence_id"].tolist()
    assert to_stable_csv(back) == to_stable_csv(frame)


@pytest.mark.usefixtures("fixed_version")
def test_remembered_cross_article_results_are_checked(folder, in_memory, tmp_path):
    analyze_to([folder], tmp_path / "a", jobs=1, cache_dir=tmp_path / "c", warn=False)
    [summary] = list((tmp_path / "c").glob("*/summary-*.json"))
    [report] = list((tmp_path / "c").glob("*/report-*.html"))
    summary.write_text("[[1, 2], {not json", encoding="utf-8")  # a damaged file is recomputed
    analyze_to([folder], tmp_path / "b", jobs=1, cache_dir=tmp_path / "c", warn=False)
    assert files(tmp_path / "b") == in_memory
    assert report.read_bytes() == in_memory["report.html"]


def test_report_figures_from_files_are_the_figures_of_the_whole_tables(folder, tmp_path):
    # The CLI draws the report from chunks of the CSV files (memory stays flat); a notebook draws
    # from the whole tables. Same PNG bytes, figure by figure.
    from helpers.views.report import figure_tables, report_images

    tables = analyze([folder], jobs=1, use_cache=False, progress=False, warn=False)
    write_tables(tables, tmp_path)
    whole = report_images(tables)
    chunked = report_images(figure_tables(tmp_path))
    assert {"actor_counts", "speaker_network", "quote_kinds"} <= set(whole)
    assert sorted(chunked) == sorted(whole)
    # The sentiment figures differ in the last pixels only because the files hold 4 decimals.
    for name in ("actor_counts", "speaker_network", "quote_kinds", "quote_countries"):
        assert chunked[name] == whole[name], name


def test_article_chunks_never_split_an_article(tmp_path):
    from helpers.views.report import article_chunks

    frame = pd.DataFrame(
        {"article_id": ["a", "a", "b", "b", "b", "c"], "actor_id": list("xyzxyz"), "mentions": 1}
    )
    path = tmp_path / "actor_counts.csv"
    frame.to_csv(path, index=False)
    chunks = list(article_chunks(path, "actor_counts", rows=2))
    assert [sorted(set(c["article_id"])) for c in chunks] == [["a"], ["b"], ["c"]]
    assert sum(len(c) for c in chunks) == len(frame)


def test_speaker_edges_read_in_small_chunks_are_the_edges_of_the_whole_tables(folder, tmp_path):
    from helpers.views import report
    from helpers.views.network import speaker_edges

    tables = analyze([folder], jobs=1, use_cache=False, progress=False, warn=False)
    write_tables(tables, tmp_path)
    whole = speaker_edges(tables["attributions"], tables["mentions"])
    assert len(whole) > 5
    for rows in (7, 50, 100_000):  # chunks far smaller than an article, and one for all
        report.CHUNK_ROWS = rows
        try:
            chunked = report.speaker_edges_from_csv(
                tmp_path / "attributions.csv", tmp_path / "mentions.csv"
            )
        finally:
            report.CHUNK_ROWS = 50_000
        assert chunked.values.tolist() == whole.values.tolist(), rows


def test_report_of_a_run_with_no_article(tmp_path):
    # Only an empty file: every table is a header alone, and the report still says so.
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_text("", encoding="utf-8")
    done = analyze_to([tmp_path / "in"], tmp_path / "out", jobs=1, use_cache=False, warn=False)
    assert done.n_articles == 0 and done.n_problems == 1
    page = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert "0 article(s) analysed" in page and "the file is empty" in page


def test_step_columns_convert_to_arrow_as_their_frames_do():
    # The engine converts each step's plain columns to Arrow directly (Columns.to_arrow); the
    # frame the public function returns, converted by arrow_tables, must give the same table:
    # on every corpus article, for every table a step hands over as columns.
    from helpers.frames import Columns

    checked = 0
    for path in sorted(ARTICLES.glob("*.txt")):
        done = analyze_article(path)
        article_id = done.article_id
        for name, table in done.tables.items():
            if not isinstance(table, Columns) or not len(table):
                continue
            direct = table.to_arrow(article_id=article_id)
            via_frame = arrow_tables({name: table.frame()}, article_id=article_id)[name]
            assert direct.schema == via_frame.schema, f"{path.name}: {name}"
            pd.testing.assert_frame_equal(direct.to_pandas(), via_frame.to_pandas())
            checked += table.direct_arrow(article_id=article_id) is not None
    assert checked > 100  # the direct path was taken, not only the fallback


def test_columns_leave_unusual_types_to_pandas_and_build_empty_frames_lazily():
    from helpers.frames import Columns, col

    mixed = Columns({"n": [1, None], "t": ["a", "b"]}, {"n": None, "t": "str"})
    assert mixed.direct_arrow() is None  # [1, None] is a float column to pandas
    assert mixed.frame()["n"].dtype == "float64"
    assert mixed.to_arrow().schema.field("n").type == "double"
    built = []
    empty = Columns.empty(["a", "b"], lambda: built.append(1) or pd.DataFrame(columns=["a", "b"]))
    assert len(empty) == 0 and col(empty, "a") == [] and "b" in empty and not built
    assert list(empty.frame().columns) == ["a", "b"] and built == [1]
