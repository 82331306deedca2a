"""Explorer pages: the shared filters above a plot and a sortable table, the drill-down, the dashboard.

Each explorer is one widget: a :class:`~helpers.views.filters.FilterPanel`, its own few controls, a plot,
a table students can sort and search (itables, offline: the DataTables code is embedded, nothing is
fetched from a CDN) and export buttons. ``explorer.table`` is the DataFrame currently shown, so a
test (or a curious student) can check what a filter did.
"""

from __future__ import annotations

import base64
import html
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

import ipywidgets as widgets
import pandas as pd
from IPython.display import HTML, Image, display
from matplotlib.figure import Figure

from ..paths import ROOT
from ..tables import export_table
from . import plots
from .filters import FilterPanel

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
    from IPython import get_ipython

    return get_ipython() is not None


@lru_cache(maxsize=1)
def _init_itables() -> bool:
    # Only the offline bundle, not itables.init_notebook_mode: that also displays a dark-mode script
    # *before* the bundle that defines what it awaits, and in JupyterLab the race surfaces as
    # "Cannot destructure property 'set_or_remove_dark_class'" in the browser console.
    from IPython.display import HTML, display
    from itables import options
    from itables.javascript import generate_init_offline_itables_html

    display(HTML(generate_init_offline_itables_html(options.dt_bundle)))
    return True


def setup_tables() -> None:
    """Load the table library into the notebook page (offline, once per kernel).

    Example:
        >>> setup_tables()  # in the notebook's setup cell
    """
    if _in_kernel():
        _init_itables()


def table_html(frame: pd.DataFrame, *, caption: str | None = None, **options) -> str:
    """The sortable, searchable HTML of a table (offline DataTables; all text escaped)."""
    from itables import to_html_datatable

    return to_html_datatable(frame, caption=caption, **{**_TABLE_OPTIONS, **options})


def show_table(frame: pd.DataFrame, *, caption: str | None = None, **options) -> None:
    """Display a table students can sort, search and page through (text is escaped).

    Example:
        >>> show_table(tables["actor_counts"], caption="Mentions per actor")  # doctest: +SKIP
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
        >>> export_buttons(lambda: tables["actor_counts"], stem="actor_counts")  # doctest: +SKIP
    """
    return ExportButtons(get_frame, stem=stem, folder=folder)


def _axes(width: float = 10.0, height: float = 6.0):
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
        self.ax = draw(_axes())
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
        >>> actor_explorer(tables)  # doctest: +SKIP
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
        >>> sentiment_explorer(tables)  # doctest: +SKIP
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
        >>> quote_explorer(tables)  # doctest: +SKIP
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


def dashboard(tables: dict[str, pd.DataFrame]) -> widgets.VBox:
    """Everything on one page (for Voilà): the filters once, then one tab per explorer.

    Only the visible tab is recomputed on a filter change; the others catch up when shown.

    Example:
        >>> dashboard(helpers.analyze(["seeds"]))  # doctest: +SKIP
    """
    from .widgets import drilldown  # widgets re-exports this module: import it late

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
