"""helpers: the analysis steps behind the IR news-analysis notebooks.

The notebooks' API is one call: ``helpers.analyze(paths) -> dict[str, DataFrame]``. The steps live
in one sub-package per stage of the data flow, each importable on its own:
``helpers.ingest`` (load, clean, segment) -> ``helpers.actors`` -> ``helpers.sentiment`` and
``helpers.sources`` -> ``helpers.pipeline`` (many articles, cache, writer) -> ``helpers.views``
(plots, widgets, dashboard, report); ``helpers.evaluate`` scores the stages against gold data.
``helpers.plots`` and ``helpers.widgets`` are ``helpers.views.plots`` and ``helpers.views.widgets``.
"""

from __future__ import annotations

import importlib

from .paths import kit_version

__version__ = kit_version()

# Import the pipeline's facade now and bind its function over the submodule's name, so that
# ``helpers.analyze(...)`` stays the function even after ``import helpers.analyze`` elsewhere
# (a submodule import only rebinds the package attribute the first time it is loaded).
from .analyze import analyze  # noqa: E402

__all__ = ["__version__", "analyze", "plots", "widgets"]

#: The notebooks' two view modules, under the short names they had before the stage packages.
_VIEWS = ("plots", "widgets")


def __getattr__(name: str) -> object:
    """``helpers.plots`` and ``helpers.widgets``, imported when first used (matplotlib and
    ipywidgets are not needed by the command line or the worker processes)."""
    if name in _VIEWS:
        module = importlib.import_module(f"{__name__}.views.{name}")
        globals()[name] = module
        return module
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
