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
from collections.abc import Callable, Sequence
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
from .style import shorten

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
#: Columns of running text (quotes, sentences, clauses): they share 45% of the table's width, so
#: that a quote reads as a few lines, not as a 90-pixel column of single words.
TEXT_COLUMNS = ("quote", "text", "clause", "detail")
#: Columns of names, which may wrap between words; every other column (ids, numbers, codes,
#: kinds) stays on one line.
NAME_COLUMNS = ("speaker", "actor", "title", "outlet", "target", "cue", "matched")
#: Ids longer than this are shown cut (the full id is in the exported file): a corpus file name
#: of 60 characters would otherwise take the room the text needs.
ID_WIDTH = 20
# Text reads from the left; only text and names wrap; a table wider than the page scrolls
# sideways inside its frame instead of pushing the page wider.
_TABLE_CSS = (
    "<style>.irkit-table th,.irkit-table td{white-space:nowrap}"
    ".irkit-table td.irkit-wrap{white-space:normal;min-width:5rem;text-align:left}"
    ".irkit-table td.irkit-text{white-space:normal;min-width:14rem;text-align:left}"
    ".irkit-scroll .dt-layout-table{overflow-x:auto}</style>"
)
#: Decimals shown for numbers (the exported files keep every digit).
DECIMALS = 3


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


def table_html(
    frame: pd.DataFrame, *, caption: str | None = None, hidden: Sequence[str] = (), **options
) -> str:
    """The sortable, searchable HTML of a table (offline DataTables; all text escaped).

    ``hidden`` columns are not shown (the search box still finds their values): a narrow page
    shows the columns that matter and leaves room for the text.

    Numbers are shown with :data:`DECIMALS` decimals and article ids cut to :data:`ID_WIDTH`
    characters; columns of running text (:data:`TEXT_COLUMNS`) share 45% of the width. The table
    is marked for MathJax to leave alone: a ``$`` in a quote or a pattern is shown as typed, not
    as mathematics.

    Example:
        >>> page = table_html(tables["actor_counts"].head(3), caption="Mentions per actor")
        >>> "Mentions per actor" in page, "cdn." in page, "tex2jax_ignore" in page
        (True, False, True)
    """
    shown = {c: frame[c].round(DECIMALS) for c in frame.select_dtypes("float").columns}
    if "article_id" in frame.columns:
        shown["article_id"] = frame["article_id"].map(lambda a: shorten(str(a), ID_WIDTH))
    shown = frame.assign(**shown) if shown else frame
    text = [i for i, column in enumerate(shown.columns) if column in TEXT_COLUMNS]
    names = [i for i, column in enumerate(shown.columns) if column in NAME_COLUMNS]
    columns = [{"targets": names, "className": "irkit-wrap"}]
    gone = [i for i, column in enumerate(shown.columns) if column in hidden]
    if gone:
        columns.append({"targets": gone, "visible": False})
    if text:
        width = f"{45 // len(text)}%"
        columns.append({"targets": text, "className": "irkit-text", "width": width})
    layout = {
        "classes": "display compact irkit-table",
        "style": "table-layout:auto;width:100%;margin:auto",
        "autoWidth": False,
        "columnDefs": columns,
    }
    page = to_html_datatable(shown, caption=caption, **{**_TABLE_OPTIONS, **layout, **options})
    return f"<div class='irkit-scroll tex2jax_ignore mathjax_ignore'>{_TABLE_CSS}{page}</div>"


def show_table(
    frame: pd.DataFrame, *, caption: str | None = None, hidden: Sequence[str] = (), **options
) -> None:
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
        display(HTML(table_html(frame, caption=caption, hidden=hidden, **options)))


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
    """Leave room for the longest y tick label, and for a legend beside the plot (about 0.09 inch
    per character at 12 pt)."""
    fig = ax.figure
    width = fig.get_figwidth()
    longest = max((len(t.get_text()) for t in ax.get_yticklabels()), default=0)
    left = min(0.5, (0.75 + 0.09 * longest) / width)
    right = 0.97
    legend = ax.get_legend()
    if legend is not None and legend.get_bbox_to_anchor().x0 > ax.bbox.x1:  # beside the Axes
        texts = [legend.get_title(), *legend.get_texts()]
        widest = max(len(t.get_text()) for t in texts)
        right = max(0.55, 1 - (0.7 + 0.09 * widest) / width)
    fig.subplots_adjust(left=left if ax.axison else 0.02, right=right, top=0.9, bottom=0.13)


class Explorer(widgets.VBox):
    """A filtered table with its plot; rebuilt when the filters or the explorer's controls change.

    ``.table`` is the DataFrame shown now (and what the export buttons save, ``hidden`` columns
    included); ``.ax`` the Axes drawn last.
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
        hidden: Sequence[str] = (),
    ) -> None:
        self.panel, self._build, self.caption, self.controls = panel, build, caption, controls
        self.hidden = tuple(hidden)
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
            show_table(self.table, hidden=self.hidden)


#: An explorer's own controls: the label beside its buttons and buttons as wide as their words,
#: so that the controls take one line and the plot starts high on the page.
_INLINE = {"description_width": "initial", "button_width": "auto"}


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
        options=["article", "outlet"], value="article", description="Stack by", style=_INLINE
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
        options=["all", "outlet", "article"], value="all", description="Level", style=_INLINE
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
        options=["kind", "speaker_country", "speaker", "network"],
        value="kind",
        description="Show",
        style=_INLINE,
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
        # On screen, room for the quote; the exported file has every column.
        hidden=("sentence_id", "speaker_country", "refs"),
        caption="Quotes and attributions in the selected articles:",
    )
