"""Time the widgets on a big run: how long a filter change takes to update each explorer.

    .venv/bin/python -m helpers analyze benchmarks/corpora/10k --out benchmarks/out/10k
    .venv/bin/python benchmarks/widgets_time.py benchmarks/out/10k

Loads the run's tables as a notebook does (``widgets.load_tables``), builds the filter panel and
the actor, sentiment and quote explorers on one shared panel, then changes one filter at a time
(an outlet, a country, an actor type, a kind, 50 articles) and reports, per change: the panel's
filtering alone (every table an explorer reads) and the whole update of each explorer as the
dashboard does it (only the tab on screen redraws: filter, table and matplotlib figure); then a
date change and a reset with all three redrawing. Run outside a kernel, so no PNG is sent to
a browser; the figure is drawn all the same. Issue 8's goal: a change updates in <= 200 ms.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from helpers.views import widgets  # noqa: E402

READ_BY_EXPLORERS = ("articles", "actor_counts", "country_sentiment", "attributions", "mentions")


def _timed(fn, repeat: int = 3, setup=None) -> float:
    times = []
    for _ in range(repeat):
        if setup is not None:
            setup()
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "out_dir", type=Path, help="a folder written by `python -m helpers analyze`"
    )
    args = parser.parse_args(argv)
    start = time.perf_counter()
    tables = widgets.load_tables(args.out_dir)
    load_s = time.perf_counter() - start
    n_articles = len(tables["articles"])
    start = time.perf_counter()
    panel = widgets.filter_panel(tables)
    explorers = [  # kept alive: each redraws on every change
        widgets.actor_explorer(tables, panel=panel, show_panel=False),
        widgets.sentiment_explorer(tables, panel=panel, show_panel=False),
        widgets.quote_explorer(tables, panel=panel, show_panel=False),
    ]
    build_s = time.perf_counter() - start
    assert all(e.table is not None for e in explorers)
    print(
        f"{n_articles} articles; tables loaded in {load_s:.1f} s, panel + 3 explorers built "
        f"in {build_s:.1f} s"
    )
    outlets = tables["articles"]["outlet"].replace("", None).dropna().value_counts()
    countries = tables["actor_counts"].query("actor_type == 'country'")["actor_id"].value_counts()
    dates = sorted(d for d in tables["articles"]["date"] if d)
    ids = sorted(tables["articles"]["article_id"])
    changes = [
        ("outlet", "outlet", outlets.index[0] if len(outlets) else ""),
        ("country", "country", countries.index[0] if len(countries) else ""),
        ("actor type", "actor_type", "person"),
        ("attribution kind", "kind", "direct"),
        ("50 articles", "articles", tuple(ids[:50])),
    ]
    names = ["actors", "sentiment", "quotes"]
    print("| change | filter only ms | " + " | ".join(f"{n} tab ms" for n in names) + " |")
    print("|---|---|" + "---|" * len(names))
    for label, name, value in changes:
        control = panel.controls[name]
        options = getattr(control, "options", None)
        if options is not None and name != "articles":
            values = [o[1] if isinstance(o, tuple) else o for o in options]
            if value not in values:
                continue

        def change(control=control, value=value):
            control.value = value

        def filter_only():
            panel._cache.clear()
            for table in READ_BY_EXPLORERS:
                panel.filter(table)

        per_tab = []
        for shown in explorers:  # the dashboard redraws only the tab on screen
            for explorer in explorers:
                explorer.active = explorer is shown
            per_tab.append(_timed(change, setup=panel.reset))
        only = _timed(filter_only)
        print(f"| {label} | {only:.0f} | " + " | ".join(f"{ms:.0f}" for ms in per_tab) + " |")
    for explorer in explorers:
        explorer.active = True
    print("\nAll three explorers redrawing at once:")
    if len(dates) > 1:
        control = panel.controls["date_from"]
        import datetime

        value = datetime.date.fromisoformat(dates[len(dates) // 2])
        ms = _timed(lambda: setattr(control, "value", value), setup=panel.reset)
        print(f"| date from {value} | – | {ms:.0f} |")
    print(f"| reset | – | {_timed(panel.reset):.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
