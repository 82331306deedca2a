"""helpers.views.dashboard: one filter panel, one tab per explorer, only the visible tab redrawn."""

from __future__ import annotations

from helpers.views import widgets


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
