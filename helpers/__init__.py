"""helpers: the analysis steps behind the IR news-analysis notebooks.

The notebooks' API is one call: ``helpers.analyze(paths) -> dict[str, DataFrame]``; each step is
also importable on its own (``helpers.load``, ``helpers.clean``, ``helpers.segment``, ...).
"""

from __future__ import annotations

__version__ = "0.1.0"

# Import the pipeline module now and bind its function over the submodule's name, so that
# ``helpers.analyze(...)`` stays the function even after ``import helpers.analyze`` elsewhere
# (a submodule import only rebinds the package attribute the first time it is loaded).
from .analyze import analyze  # noqa: E402

__all__ = ["__version__", "analyze"]
