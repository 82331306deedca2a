"""helpers.views.dashboard: article sets, uploads that rerun the analysis, tabs that follow filters."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest

from helpers.paths import SEEDS_DIR
from helpers.views import widgets
from helpers.views.dashboard import article_sets
from tests.support import CORPUS, SEED_000


def test_dashboard_updates_only_the_visible_tab(kit):
    board = widgets.dashboard(kit)
    actors, sentiment = board.pages["Actors"], board.pages["Tone per country"]
    board.panel.country.value = "JPN"
    assert set(actors.table["country"]) == {"JPN"} and sentiment.stale
    board.tabs.selected_index = 1
    assert not sentiment.stale and set(sentiment.table["country"]) == {"JPN"}


def test_dashboard_on_the_real_seed_tables(seed_tables):
    board = widgets.dashboard(seed_tables)
    assert list(board.pages) == ["Actors", "Tone per country", "Who speaks", "Read the sentences"]
    # The filters stand on the left of the tabs, the seeds' dangling [7] is a note above them.
    assert list(board.body.children) == [board.panel, board.tabs] and board.panel.sidebar
    assert "1 note on the articles" in board.status.value


@pytest.fixture
def articles(tmp_path):
    """A data/articles/ folder with a named sub-folder, as a class keeps its weeks."""
    folder = tmp_path / "articles"
    (folder / "week2").mkdir(parents=True)
    shutil.copy(SEED_000, folder / "week2" / SEED_000.name)
    return folder


def test_article_sets_offer_the_seeds_the_folder_and_each_named_sub_folder(articles):
    sets = article_sets(seeds=SEEDS_DIR, articles=articles)
    assert list(sets.values()) == [
        (SEEDS_DIR, articles),
        (SEEDS_DIR,),
        (articles / "week2",),
    ]  # data/articles/ itself holds no article yet: not offered alone
    assert [label.split("(")[-1] for label in sets] == ["2 files)", "2 files)", "1 file)"]


def test_a_teacher_switches_article_set_and_uploads_without_editing_code(articles):
    sets = article_sets(seeds=SEEDS_DIR, articles=articles)
    board = widgets.dashboard([SEEDS_DIR], sets=sets, folder=articles)
    assert board.sets.value == (SEEDS_DIR,) and len(board.tables["articles"]) == 2
    board.sets.value = (articles / "week2",)  # the picker: analysed again, new filters and tabs
    assert board.tables["articles"]["article_id"].tolist() == [SEED_000.stem]
    assert board.panel.articles.options[0][1] == SEED_000.stem
    assert board.progress.value == 3 and board.progress.layout.display == "none"
    assert "week2/" in board.status.value and not board.sets.disabled
    # Uploads go into the folder shown and are analysed at once.
    assert board.uploader.folder == articles / "week2"
    wikinews = next((CORPUS / "articles").glob("wikinews_2019-03-28_*.txt"))
    item = {"type": "text/plain", "last_modified": dt.datetime(2024, 1, 1), "size": 1}
    board.uploader.upload.value = (
        {**item, "name": wikinews.name, "content": memoryview(wikinews.read_bytes())},
    )
    assert (articles / "week2" / wikinews.name).is_file()
    assert sorted(board.tables["articles"]["article_id"]) == [SEED_000.stem, wikinews.stem]
    assert "The dashboard analyses them now." in board.uploader.messages.value
