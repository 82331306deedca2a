"""Widgets for the notebooks, each built by one function and shown in one line.

The notebooks' facade: ``widgets.actor_explorer(tables)`` and the other explorers, the table display
and export buttons live in :mod:`helpers.views.explorers`, the shared filters in
:mod:`helpers.views.filters`, the drill-down (read the sentences behind a number) in
:mod:`helpers.views.drilldown`, the dashboard in :mod:`helpers.views.dashboard`, the labeller of
notebook 07 (students label a sample, the kit is scored) in :mod:`helpers.views.labelling` and the
upload button in :mod:`helpers.views.uploads`. This module re-exports them and reads a run's tables
back (:func:`load_tables`).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .. import schema
from ..tables import read_table
from .dashboard import dashboard
from .drilldown import (
    Drilldown,
    context_html,
    drilldown,
    drilldown_html,
    find_hits,
    find_phrase,
    highlight_html,
)
from .explorers import (
    Explorer,
    ExportButtons,
    actor_explorer,
    export_buttons,
    quote_explorer,
    sentiment_explorer,
    setup_tables,
    show_table,
    table_html,
)
from .filters import FilterPanel, filter_panel
from .labelling import (
    SOURCES,
    UNSURE,
    Labeller,
    LabelScore,
    labeller,
    labelling_sample,
    same_speaker,
    score_labels,
)
from .uploads import Uploader, safe_filename, save_upload, upload_articles

__all__ = [
    "SOURCES",
    "UNSURE",
    "Drilldown",
    "Explorer",
    "ExportButtons",
    "FilterPanel",
    "LabelScore",
    "Labeller",
    "Uploader",
    "actor_explorer",
    "context_html",
    "dashboard",
    "drilldown",
    "drilldown_html",
    "export_buttons",
    "filter_panel",
    "find_hits",
    "find_phrase",
    "highlight_html",
    "labeller",
    "labelling_sample",
    "load_tables",
    "quote_explorer",
    "safe_filename",
    "save_upload",
    "score_labels",
    "same_speaker",
    "sentiment_explorer",
    "setup_tables",
    "show_table",
    "table_html",
    "upload_articles",
]


def load_tables(out_dir: Path | str) -> dict[str, pd.DataFrame]:
    """Read the CSV tables of a run (``python -m helpers analyze --out DIR``) back, typed.

    Example:
        >>> load_tables(run)["articles"]["outlet"].tolist()
        ['DEVNET JAPAN', 'Sputnik International']
    """
    out, tables = Path(out_dir), {}
    for name in schema.TABLES:
        path = out / f"{name}.csv"
        if not path.is_file():
            tables[name] = schema.empty(name)
            continue
        frame = read_table(path, name)
        tables[name] = schema.conform(name, frame)
    return tables
