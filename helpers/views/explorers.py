"""Explorers: the shared filters above a plot, a table students can sort and search, export buttons.

Each explorer is one widget: a :class:`~helpers.views.filters.FilterPanel`, its own few controls, a
plot and the table behind it. ``explorer.table`` is the DataFrame currently shown, so a test (or a
curious student) can check what a filter did. The table display (:func:`show_table`: itables,
offline, the DataTables code embedded and nothing fetched from a CDN) and the export buttons
(:func:`export_buttons`) are also used on their own in the notebooks.
"""

from __future__ import annotations

import base64
import html
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

import ipywidgets as widgets
import pandas as pd
from IPython import get_ipython
from IPython.display import HTML, Image, display
from itables import options as itables_options
from itables import to_html_datatable
from itables.javascript import generate_init_offline_itables_html
from matplotlib.figure import Figure

from ..paths import ROOT
from ..tables import export_table
from . import plots
from .filters import FilterPanel

__all__ = [
    "EXPORT_DIR",
    "Explorer",
    "ExportButtons",
    "actor_explorer",
    "export_buttons",
    "quote_explorer",
    "sentiment_explorer",
    "setup_tables",
    "show_table",
    "table_html",
]

#: Where export buttons save files unless told otherwise.
EXPORT_DIR = ROOT / "output" / "exports"
_TABLE_OPTIONS = {
    "connected": False,
    "display_logo_when_loading": False,
    "maxBytes": "256KB",
    "classes": "display compact",
    "showIndex": False,
}


def _in_kernel() -> bool:
    return get_ipython() is not None


@lru_cache(maxsize=1)
def _init_itables() -> bool:
    # Only the offline bundle, not itables.init_notebook_mode: that also displays a dark-mode script
    # *before* the bundle that defines what it awaits, and in JupyterLab the race surfaces as
    # "Cannot destructure property 'set_or_remove_dark_class'" in the browser console.
    display(HTML(generate_init_offline_itables_html(itables_options.dt_bundle)))
    return True


def setup_tables() -> None:
    """Load the table library into the notebook page (offline, once per kernel).

    Example:
        >>> setup_tables()  # in the notebook's setup cell
    """
    if _in_kernel():
        _init_itables()


def table_html(frame: pd.DataFrame, *, caption: str | None = None, **options) -> str:
    """The sortable, searchable HTML of a table (offline DataTables; all text escaped).

    Example:
        >>> page = table_html(tables["actor_counts"].head(3), caption="Mentions per actor")
        >>> "Mentions per actor" in page, "cdn." in page
        (True, False)
    """
    return to_html_datatable(frame, caption=caption, **{**_TABLE_OPTIONS, **options})


def show_table(frame: pd.DataFrame, *, caption: str | None = None, **options) -> None:
    """Display a table students can sort, search and page through (text is escaped).

    Outside a notebook (a script, a test) there is no page to show it on, and nothing happens;
    :func:`table_html` gives the HTML itself.

    Example:
        >>> show_table(tables["actor_counts"], caption="Mentions per actor")  # in a notebook
    """
    if not _in_kernel():
        return  # no page to show it on (a script or a test)
    setup_tables()
    if frame is None or frame.empty:
        display(HTML("<i>(no rows for this selection)</i>"))
    else:
        display(HTML(table_html(frame, caption=caption, **options)))


def _safe_stem(stem: str) -> str:
    cleaned = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in stem).strip("._-")
    return cleaned or "table"


class ExportButtons(widgets.HBox):
    """CSV and Excel buttons for a table; ``.last_path`` is the file written last."""

    def __init__(
        self, get_frame: Callable[[], pd.DataFrame], *, stem: str, folder: Path | None
    ) -> None:
        self.get_frame, self.stem = get_frame, _safe_stem(stem)
        self.folder = Path(folder) if folder is not None else EXPORT_DIR
        self.last_path: Path | None = None
        self.csv_button = widgets.Button(description="Save CSV", icon="download")
        self.excel_button = widgets.Button(description="Save Excel", icon="download")
        self.status = widgets.HTML()
        self.csv_button.on_click(lambda _: self.export(".csv"))
        self.excel_button.on_click(lambda _: self.export(".xlsx"))
        super().__init__([self.csv_button, self.excel_button, self.status])

    def export(self, suffix: str) -> Path:
        """Write the current table with ``suffix`` (.csv or .xlsx); formulas are neutralised."""
        frame = self.get_frame()
        path = export_table(frame, self.folder / f"{self.stem}{suffix}")
        self.last_path = path
        data = path.read_bytes()
        link = ""
        if len(data) < 5_000_000:  # a data link lets a student save a copy from the browser
            mime = "text/csv" if suffix == ".csv" else "application/vnd.ms-excel"
            uri = f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"
            link = f" <a download='{html.escape(path.name)}' href='{uri}'>download</a>"
        self.status.value = (
            f"saved {len(frame)} row(s) to <code>{html.escape(str(path))}</code>{link}"
        )
        return path


def export_buttons(
    get_frame: Callable[[], pd.DataFrame], *, stem: str, folder: Path | None = None
) -> ExportButtons:
    """Buttons that save ``get_frame()`` as CSV or Excel (cells starting with = + - @ neutralised).

    Example:
        >>> buttons = export_buttons(lambda: tables["actor_counts"], stem="actors", folder=tmp)
        >>> buttons.csv_button.click()
        >>> buttons.last_path.name
        'actors.csv'
    """
    return ExportButtons(get_frame, stem=stem, folder=folder)


def _bare_axes(width: float = 10.0, height: float = 6.0):
    # A bare Figure (no pyplot): nothing is shown twice and no figure is left open. No layout
    # engine either: it would cost more than the filtering (margins are set in _fit instead).
    return Figure(figsize=(width, height)).subplots()


def _fit(ax) -> None:
    """Leave room for the longest y tick label (about 0.09 inch per character at 12 pt)."""
    fig = ax.figure
    longest = max((len(t.get_text()) for t in ax.get_yticklabels()), default=0)
    left = min(0.5, (0.75 + 0.09 * longest) / fig.get_figwidth())
    fig.subplots_adjust(left=left if ax.axison else 0.02, right=0.97, top=0.9, bottom=0.13)


class Explorer(widgets.VBox):
    """A filtered table with its plot; rebuilt when the filters or the explorer's controls change.

    ``.table`` is the DataFrame shown now; ``.ax`` the Axes drawn last.
    """

    def __init__(
        self,
        panel: FilterPanel,
        build: Callable[[], tuple[pd.DataFrame, Callable]],
        *,
        controls: list[widgets.Widget],
        stem: str,
        caption: str,
        show_panel: bool = True,
    ) -> None:
        self.panel, self._build, self.caption, self.controls = panel, build, caption, controls
        self.table, self.ax = pd.DataFrame(), None
        self.active, self.stale = True, False
        self.plot_out, self.table_out, init_out = (
            widgets.Output(),
            widgets.Output(),
            widgets.Output(),
        )
        self.export = export_buttons(lambda: self.table, stem=stem)
        self.note = widgets.HTML()
        with init_out:
            setup_tables()
        for control in controls:
            control.observe(lambda _: self._changed(), names="value")
        panel.observe_change(lambda _: self._changed())
        top = [panel] if show_panel else []
        super().__init__(
            [
                *top,
                widgets.HBox(controls),
                self.plot_out,
                self.note,
                self.table_out,
                self.export,
                init_out,
            ]
        )
        self.refresh()

    def _changed(self) -> None:
        if self.active:
            self.refresh()
        else:
            self.stale = True  # a hidden tab catches up when it is shown

    def refresh(self) -> None:
        """Recompute the table and redraw the plot."""
        self.table, draw = self._build()
        self.stale = False
        self.ax = draw(_bare_axes())
        _fit(self.ax)
        self.note.value = f"<i>{html.escape(self.caption)} {len(self.table)} row(s).</i>"
        if not _in_kernel():
            return  # a script or a test: the table and the Axes are there, no page to draw on
        self.plot_out.clear_output(wait=True)
        with self.plot_out:
            display(Image(data=plots.to_png(self.ax, dpi=90)))
        self.table_out.clear_output(wait=True)
        with self.table_out:
            show_table(self.table)


def _panel(tables: dict[str, pd.DataFrame], panel: FilterPanel | None) -> FilterPanel:
    return panel if panel is not None else FilterPanel(tables)


def actor_explorer(
    tables: dict[str, pd.DataFrame], *, panel: FilterPanel | None = None, show_panel: bool = True
) -> Explorer:
    """Actor counts across the selected articles: bars stacked by article or outlet, and a table.

    Example:
        >>> explorer = actor_explorer(tables)
        >>> explorer.panel.country.value = "FRA"
        >>> explorer.table[["actor", "mentions"]].values.tolist()
        [['France', 23], ['Emmanuel Macron', 14]]
    """
    panel = _panel(tables, panel)
    panel.prepare("actor_counts")
    by = widgets.ToggleButtons(
        options=["article", "outlet"], value="article", description="Stack by"
    )
    top = widgets.IntSlider(value=15, min=5, max=40, description="Top actors")

    def build():
        counts = panel.filter("actor_counts")
        keys = ["actor_id", "actor", "actor_type", "country"]
        table = (
            counts.groupby(keys, sort=True)
            .agg(mentions=("mentions", "sum"), articles=("article_id", "nunique"))
            .reset_index()
            .sort_values(["mentions", "actor"], ascending=[False, True], kind="mergesort")
            .reset_index(drop=True)
        )
        articles = panel.filter("articles")
        return table, lambda ax: plots.actor_counts(
            counts, top=top.value, by=by.value, articles=articles, ax=ax
        )

    return Explorer(
        panel,
        build,
        controls=[by, top],
        stem="actor_counts",
        show_panel=show_panel,
        caption="Mentions per actor in the selected articles:",
    )


def sentiment_explorer(
    tables: dict[str, pd.DataFrame], *, panel: FilterPanel | None = None, show_panel: bool = True
) -> Explorer:
    """Tone per country (dot + 95% interval) for the selection, overall, per outlet or per article.

    Example:
        >>> explorer = sentiment_explorer(tables)
        >>> explorer.table["name"].head(3).tolist()
        ['China', 'Germany', 'France']
    """
    panel = _panel(tables, panel)
    panel.prepare("country_sentiment", "mention_sentiment")
    level = widgets.ToggleButtons(
        options=["all", "outlet", "article"], value="all", description="Level"
    )
    columns = [
        "article_id",
        "outlet",
        "country",
        "mentions",
        "polarity",
        "ci_low",
        "ci_high",
        "share_negative",
        "share_neutral",
        "share_positive",
        "vader",
        "level",
    ]

    def build():
        frame = panel.filter("country_sentiment")
        if "level" in frame.columns:
            frame = frame[frame["level"] == level.value]
        table = frame[[c for c in columns if c in frame.columns]].reset_index(drop=True)
        table.insert(2, "name", table["country"].map(plots.country_label))
        return table, lambda ax: plots.country_sentiment(frame, level=level.value, ax=ax)

    return Explorer(
        panel,
        build,
        controls=[level],
        stem="country_sentiment",
        show_panel=show_panel,
        caption="Mean polarity of the clauses around each country's mentions:",
    )


def quote_explorer(
    tables: dict[str, pd.DataFrame], *, panel: FilterPanel | None = None, show_panel: bool = True
) -> Explorer:
    """Who is quoted: bars by kind, speaker country or speaker, or the speaker → country network.

    Example:
        >>> explorer = quote_explorer(tables)
        >>> len(explorer.table), explorer.ax.get_title()
        (40, 'How sources are quoted')
    """
    panel = _panel(tables, panel)
    panel.prepare("attributions", "mentions")
    by = widgets.ToggleButtons(
        options=["kind", "speaker_country", "speaker", "network"], value="kind", description="Show"
    )
    columns = [
        "article_id",
        "sentence_id",
        "kind",
        "speaker",
        "speaker_country",
        "anonymous",
        "cue",
        "quote",
        "refs",
    ]

    def build():
        frame = panel.filter("attributions")
        table = frame[[c for c in columns if c in frame.columns]].reset_index(drop=True)
        if by.value == "network":
            mentions = panel.filter("mentions")
            return table, lambda ax: plots.speaker_network(frame, mentions, ax=ax)
        return table, lambda ax: plots.quote_sources(frame, by=by.value, ax=ax)

    return Explorer(
        panel,
        build,
        controls=[by],
        stem="attributions",
        show_panel=show_panel,
        caption="Quotes and attributions in the selected articles:",
    )
