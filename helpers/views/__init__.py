"""Views: what people look at — figures, filters, explorers, the dashboard, the report.

One module per concern, imports one way (no cycles):

- ``style``: what every figure shares (text sizes, colours, titles, the "no data" frame, labels);
- ``network`` (the speaker → country network) and ``plots`` (every other figure; re-exports the
  network), both drawing with ``style``;
- ``filters``: the shared filter panel and the row codes that make it fast;
- ``explorers``: filters + plot + sortable table + export buttons (``actor_explorer`` ...);
- ``drilldown``: the sentences behind a number, highlighted; ``labelling``: notebook 07's labeller;
- ``uploads``: adding articles from the browser; ``dashboard``: everything on one page (Voilà);
- ``report``: report.html; ``widgets``: the notebooks' facade, re-exporting the widgets.

``helpers.views.widgets`` and ``helpers.views.plots`` are also ``helpers.widgets`` and
``helpers.plots``.
"""
