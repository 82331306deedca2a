"""Views: what people look at — plots, filters, explorers, the dashboard, the report.

``helpers.views.widgets`` is the notebooks' facade (``widgets.actor_explorer(tables)``), and
``helpers.views.plots`` draws every figure; both are also ``helpers.widgets`` and ``helpers.plots``.
"""
