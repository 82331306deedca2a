"""Widgets for the notebooks, each built by one function and shown in one line.

``widgets.actor_explorer(tables)`` and friends live in :mod:`helpers.views.dashboard`, the shared filters
in :mod:`helpers.views.filters`, the drill-down (read the sentences behind a number) in
:mod:`helpers.views.drilldown`, the labeller of notebook 07 (students label a sample, the kit is scored)
in :mod:`helpers.views.labelling` and the upload button in :mod:`helpers.views.uploads`; this module re-exports
them and reads a run's tables back.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .. import schema
from ..tables import read_table
from .dashboard import (
    Explorer,
    ExportButtons,
    actor_explorer,
    dashboard,
    export_buttons,
    quote_explorer,
    sentiment_explorer,
    setup_tables,
    show_table,
    table_html,
)
from .drilldown import Drilldown, context_html, drilldown, drilldown_html, find_hits, highlight_html
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
    "Drilldown",
    "LabelScore",
    "Labeller",
    "SOURCES",
    "UNSURE",
    "same_speaker",
    "table_html",
    "Explorer",
    "ExportButtons",
    "FilterPanel",
    "Uploader",
    "actor_explorer",
    "context_html",
    "dashboard",
    "drilldown",
    "drilldown_html",
    "export_buttons",
    "filter_panel",
    "find_hits",
    "highlight_html",
    "labeller",
    "labelling_sample",
    "load_tables",
    "quote_explorer",
    "safe_filename",
    "save_upload",
    "score_labels",
    "sentiment_explorer",
    "setup_tables",
    "show_table",
    "upload_articles",
]


def load_tables(out_dir: Path | str) -> dict[str, pd.DataFrame]:
    """Read the CSV tables of a run (``python -m helpers analyze --out DIR``) back, typed.

    Example:
        >>> tables = load_tables("output")  # doctest: +SKIP
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
