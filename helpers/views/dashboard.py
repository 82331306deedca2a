"""The dashboard: the shared filters once, then one tab per explorer and the drill-down (for Voilà).

Only the visible tab is recomputed on a filter change; the others catch up when they are shown.
"""

from __future__ import annotations

import ipywidgets as widgets
import pandas as pd

from .drilldown import drilldown
from .explorers import actor_explorer, quote_explorer, sentiment_explorer
from .filters import FilterPanel

__all__ = ["dashboard"]


def dashboard(tables: dict[str, pd.DataFrame]) -> widgets.VBox:
    """Everything on one page (for Voilà): the filters once, then one tab per explorer.

    Only the visible tab is recomputed on a filter change; the others catch up when shown.

    Example:
        >>> board = dashboard(tables)
        >>> list(board.pages)
        ['Actors', 'Tone per country', 'Who speaks', 'Read the sentences']
    """
    panel = FilterPanel(tables)
    pages = {
        "Actors": actor_explorer(tables, panel=panel, show_panel=False),
        "Tone per country": sentiment_explorer(tables, panel=panel, show_panel=False),
        "Who speaks": quote_explorer(tables, panel=panel, show_panel=False),
        "Read the sentences": drilldown(tables, panel=panel, show_panel=False),
    }
    tabs = widgets.Tab(children=list(pages.values()), titles=list(pages))

    def select(_change=None) -> None:
        for i, page in enumerate(pages.values()):
            page.active = i == tabs.selected_index
            if page.active and page.stale:
                page.refresh()

    tabs.observe(select, names="selected_index")
    select()
    title = widgets.HTML(f"<h2>IR news analysis: {len(tables.get('articles', []))} article(s)</h2>")
    box = widgets.VBox([title, panel, tabs])
    box.panel, box.pages, box.tabs = panel, pages, tabs
    return box
