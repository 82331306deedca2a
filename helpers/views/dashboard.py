"""The dashboard: one page for class (Voilà) — choose the articles, filter, and read every view.

At the top, which articles to show: an article set (the seeds, ``data/articles/``, each named
sub-folder of it; :func:`article_sets`) and an upload button. Choosing another set, or adding files,
reruns the analysis behind a progress bar; no notebook cell needs editing. Below, the shared filters
on the left and, on the right, one tab per explorer and the drill-down, so that at 1280×720 the
first plot is on screen without scrolling. Only the visible tab is recomputed on a filter change;
the others catch up when they are shown.
"""

from __future__ import annotations

import html
import time
from collections.abc import Sequence
from pathlib import Path

import ipywidgets as widgets
import pandas as pd

from ..ingest import collect_files, input_paths
from ..paths import ARTICLES_DIR, ROOT, SEEDS_DIR
from ..pipeline.run import analyze, problems_html
from .drilldown import drilldown
from .explorers import actor_explorer, quote_explorer, sentiment_explorer
from .filters import FilterPanel
from .uploads import Uploader

__all__ = ["Dashboard", "article_sets", "dashboard"]

#: The picker's entry for tables handed over already analysed (a notebook's own ``tables``).
GIVEN = ()
SIDEBAR_WIDTH = "25rem"


def _shown(path: Path) -> str:
    """A folder as a teacher knows it: relative to the kit's folder, ending in "/"."""
    try:
        return Path(path).absolute().relative_to(ROOT.absolute()).as_posix() + "/"
    except ValueError:
        return str(path) + "/"


def _count(paths: Sequence[Path]) -> int:
    """How many article files an analysis of ``paths`` reads."""
    return len(collect_files(paths)[0])


def article_sets(
    *, seeds: Path = SEEDS_DIR, articles: Path = ARTICLES_DIR
) -> dict[str, tuple[Path, ...]]:
    """The article sets a teacher can show, label → folders: the seeds with ``articles``, the seeds
    alone, ``articles`` alone and each of its sub-folders holding article files.

    A set is left out when it has no article; a label says how many files the set holds.

    Example:
        >>> sets = article_sets(seeds=SEEDS_DIR, articles=tmp)
        >>> [label.replace(_shown(tmp), "TMP/") for label in sets]
        ['seeds/ and TMP/ (2 files)', 'the seed articles, seeds/ (2 files)']
        >>> (tmp / "week2").mkdir()
        >>> _ = (tmp / "week2" / "a.txt").write_text("Japan and France met in Tokyo.")
        >>> [label.replace(_shown(tmp), "TMP/") for label in article_sets(seeds=SEEDS_DIR, articles=tmp)][-1]
        'TMP/week2/ (1 file)'
    """
    seeds, articles = Path(seeds), Path(articles)
    candidates = [
        (f"{_shown(seeds)} and {_shown(articles)}", (seeds, articles)),
        (f"the seed articles, {_shown(seeds)}", (seeds,)),
        (_shown(articles), (articles,)),
    ]
    if articles.is_dir():
        candidates += [
            (_shown(sub), (sub,))
            for sub in sorted(articles.iterdir())
            if sub.is_dir() and not sub.name.startswith(".")
        ]
    sets = {}
    for label, paths in candidates:
        n = _count([p for p in paths if p.exists()])
        if n:
            sets[f"{label} ({n} file{'s' if n != 1 else ''})"] = paths
    return sets


class Dashboard(widgets.VBox):
    """The whole page: article set and upload at the top, filters on the left, tabs on the right.

    ``.tables`` are the tables shown, ``.panel`` the filter panel, ``.pages`` the explorers by tab
    title, ``.tabs`` the tab widget; all four are replaced when another article set is analysed.
    ``.sets`` is the article-set picker, ``.uploader`` the upload button, ``.progress`` the bar
    shown while the analysis runs and ``.status`` what it says.
    """

    def __init__(
        self,
        tables: dict[str, pd.DataFrame] | None,
        *,
        paths: Sequence[Path] = GIVEN,
        sets: dict[str, tuple[Path, ...]] | None = None,
        articles: Path = ARTICLES_DIR,
    ) -> None:
        self.articles_dir = Path(articles)
        self._fixed_sets = sets
        self.tables: dict[str, pd.DataFrame] = {}
        self.panel, self.pages, self.tabs = None, {}, None
        self.title = widgets.HTML()
        self.sets = widgets.Dropdown(
            description="Show",
            style={"description_width": "3rem"},
            layout=widgets.Layout(width="30rem"),
        )
        self.uploader = Uploader(
            self.articles_dir, then="The dashboard analyses them now.", explain=False
        )
        self.uploader.on_saved(self._uploaded)
        self.progress = widgets.IntProgress(
            value=0,
            min=0,
            max=3,
            description="Analysing",
            bar_style="info",
            layout=widgets.Layout(display="none", width="22rem"),
        )
        self.status = widgets.HTML()
        # tqdm draws its per-article bar here when a set has more than a few files.
        self.bars = widgets.Output()
        self.body = widgets.HBox(layout=widgets.Layout(width="100%", align_items="flex-start"))
        top = widgets.HBox(
            [self.title, self.sets, self.uploader.upload, self.progress],
            layout=widgets.Layout(flex_flow="row wrap", align_items="center"),
        )
        super().__init__([top, self.status, self.uploader.messages, self.bars, self.body])
        self._refill_sets(select=tuple(Path(p) for p in paths) if tables is None else GIVEN)
        self.sets.observe(self._picked, names="value")
        if tables is not None:
            self.show(tables, what="the tables of this notebook")
        else:
            self.load(self.sets.value)

    # -- which articles ----------------------------------------------------------------------------

    def _refill_sets(self, *, select: tuple[Path, ...]) -> None:
        sets = dict(self._fixed_sets or article_sets(articles=self.articles_dir))
        options = [(label, paths) for label, paths in sets.items()]
        if select == GIVEN:
            options.insert(0, ("the tables of this notebook", GIVEN))
        elif select not in sets.values():
            shown = ", ".join(_shown(Path(p)).rstrip("/") for p in select)
            options.insert(0, (f"{shown} ({_count(list(select))} files)", select))
        self._quiet = True
        try:
            self.sets.options = options
            self.sets.value = select
        finally:
            self._quiet = False

    def _picked(self, change) -> None:
        if not self._quiet and change["new"] != GIVEN:
            self.load(change["new"])

    def _upload_folder(self) -> Path:
        """Where uploads go: the chosen sub-folder of data/articles/, else data/articles/ itself."""
        chosen = self.sets.value or ()
        if len(chosen) == 1 and self.articles_dir in (chosen[0], *chosen[0].parents):
            return chosen[0]
        return self.articles_dir

    def _uploaded(self, saved: list[Path]) -> None:
        folder = saved[0].parent
        current = self.sets.value or ()
        # Show the new files: the current set if it reads their folder, else the folder's own set.
        target = current if folder in current else (folder,)
        if folder == self.articles_dir and current != target:
            target = next(
                (
                    paths
                    for paths in article_sets(articles=self.articles_dir).values()
                    if folder in paths
                ),
                target,
            )
        self._refill_sets(select=target)
        self.load(target)

    # -- analysing and showing ---------------------------------------------------------------------

    def load(self, paths: Sequence[Path]) -> None:
        """Analyse ``paths`` behind the progress bar, then show the tables."""
        paths = tuple(Path(p) for p in paths)
        where = ", ".join(_shown(p) for p in paths)
        n = _count(list(paths))
        self.sets.disabled = self.uploader.upload.disabled = True
        self.progress.layout.display = None
        self.progress.value, self.progress.bar_style = 1, "info"
        self.status.value = (
            f"<b>Analysing {n} article file{'s' if n != 1 else ''} from {html.escape(where)}</b> …"
            " <i>the first time about a second per article; a rerun reuses what was analysed"
            " before.</i>"
        )
        started = time.monotonic()
        try:
            with self.bars:
                tables = analyze(list(paths), progress=True, warn=False)
            self.bars.outputs = ()  # not clear_output(): outside a kernel that prints to stdout
            self.progress.value = 2
            self.status.value += " drawing …"
            self.show(tables, what=where, seconds=time.monotonic() - started)
        except Exception as err:  # never leave the class with a broken page: say what happened
            self.progress.bar_style = "danger"
            self.status.value = (
                f"<span style='color:#a40'>Could not analyse {html.escape(where)}: "
                f"{html.escape(str(err))}</span>"
            )
            raise
        finally:
            self.sets.disabled = self.uploader.upload.disabled = False
        self.progress.value = 3
        self.progress.layout.display = "none"

    def show(
        self, tables: dict[str, pd.DataFrame], *, what: str, seconds: float | None = None
    ) -> None:
        """Show ``tables``: new filters and tabs (the old ones are closed)."""
        old = [self.panel, self.tabs]
        self.tables = tables
        self.panel = FilterPanel(tables, sidebar=True)
        self.panel.layout = widgets.Layout(width=SIDEBAR_WIDTH, min_width=SIDEBAR_WIDTH)
        self.pages = {
            "Actors": actor_explorer(tables, panel=self.panel, show_panel=False),
            "Tone per country": sentiment_explorer(tables, panel=self.panel, show_panel=False),
            "Who speaks": quote_explorer(tables, panel=self.panel, show_panel=False),
            "Read the sentences": drilldown(tables, panel=self.panel, show_panel=False),
        }
        self.tabs = widgets.Tab(
            children=list(self.pages.values()),
            titles=list(self.pages),
            layout=widgets.Layout(flex="1 1 auto", min_width="0"),
        )
        self.tabs.observe(self._select, names="selected_index")
        self._select()
        self.body.children = [self.panel, self.tabs]
        for widget in old:
            if widget is not None:
                _close(widget)
        n = len(tables.get("articles", []))
        self.title.value = (
            f"<h3 style='margin:0 1rem 0 0'>IR news dashboard · {n} article{'s' if n != 1 else ''}"
            "</h3>"
        )
        took = f" in {seconds:.1f} s" if seconds is not None else ""
        self.status.value = (
            f"<small>{n} article(s) from {html.escape(what)}{took}. Choose another set above, or"
            " add articles with the button: they are analysed at once.</small>"
            + problems_html(tables.get("problems"))
        )
        self.uploader.show_folder(self._upload_folder())

    def _select(self, _change=None) -> None:
        for i, page in enumerate(self.pages.values()):
            page.active = i == self.tabs.selected_index
            if page.active and page.stale:
                page.refresh()


def _close(widget: widgets.Widget) -> None:
    """Close a widget and everything inside it (their views leave the page, their state the kernel)."""
    for child in getattr(widget, "children", ()):
        _close(child)
    widget.close()


def dashboard(
    articles: dict[str, pd.DataFrame] | Sequence[Path | str] | None = None,
    *,
    sets: dict[str, tuple[Path, ...]] | None = None,
    folder: Path | str = ARTICLES_DIR,
) -> Dashboard:
    """Everything on one page (for Voilà): choose the articles, filter, read every view.

    Args:
        articles: the files and folders to analyse first (default: the seeds and
            ``data/articles/``), or the tables of a run already analysed (``helpers.analyze``).
        sets: the article sets the picker offers, label → folders (default: :func:`article_sets`).
        folder: where uploads go (a sub-folder of it when that is the set shown), and whose
            sub-folders the default sets offer.

    Example:
        >>> board = dashboard(tables)
        >>> list(board.pages), board.sets.value
        (['Actors', 'Tone per country', 'Who speaks', 'Read the sentences'], ())
        >>> board.sets.value = (SEEDS_DIR,)  # another set: analysed again
        >>> len(board.tables["articles"]), board.progress.value
        (2, 3)
    """
    if isinstance(articles, dict):
        return Dashboard(articles, sets=sets, articles=Path(folder))
    return Dashboard(None, paths=input_paths(articles), sets=sets, articles=Path(folder))
