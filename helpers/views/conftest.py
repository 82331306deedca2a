"""What the examples in helpers/views' docstrings run on: the seeds' tables and a temporary folder.

``tables`` is ``helpers.analyze(["seeds"])`` (shared: an example must not change it), ``run`` a
folder holding those tables as CSV files and report.html (what ``python -m helpers analyze seeds
--out run`` writes), ``tmp`` a fresh folder for examples that write files. Figures are drawn with the Agg backend (no window)
and closed after each example.
"""

from __future__ import annotations

import matplotlib
import pytest

matplotlib.use("Agg")


@pytest.fixture(scope="session")
def seed_tables_for_examples():
    """The seeds' analysed tables, computed once per test session."""
    from helpers.analyze import analyze
    from helpers.paths import SEEDS_DIR

    return analyze([SEEDS_DIR], progress=False, warn=False)


@pytest.fixture(scope="session")
def seed_run_for_examples(seed_tables_for_examples, tmp_path_factory):
    """The seeds' tables written as a run's folder, once per test session."""
    from helpers.analyze import write_tables

    out = tmp_path_factory.mktemp("run")
    write_tables(seed_tables_for_examples, out)
    return out


@pytest.fixture(autouse=True)
def views_doctest_namespace(
    doctest_namespace, seed_tables_for_examples, seed_run_for_examples, tmp_path
):
    """Put ``tables``, ``run`` and ``tmp`` into every example's namespace; close figures after."""
    doctest_namespace["tables"] = seed_tables_for_examples
    doctest_namespace["run"] = seed_run_for_examples
    doctest_namespace["tmp"] = tmp_path
    yield
    import matplotlib.pyplot as plt

    plt.close("all")
