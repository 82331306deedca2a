"""Fixtures shared by the tests and the examples in the docstrings (doctests).

The doctests run with ``tables`` (the seeds' analysed tables: shared, an example must not change
them), ``run`` (a folder holding those tables as CSV files and report.html, what ``python -m helpers
analyze seeds --out run`` writes), ``tmp`` (a fresh temporary folder) and matplotlib's Agg backend;
figures are closed after each example. An example that runs a whole corpus evaluation carries
``# doctest: +SLOW`` and is marked ``slow`` (``pytest -m "not slow"`` leaves it out).
"""

from __future__ import annotations

import doctest

import matplotlib
import pytest

matplotlib.use("Agg")  # figures in examples and tests are drawn off screen

#: ``# doctest: +SLOW`` marks an example that runs a corpus evaluation (a few seconds).
SLOW = doctest.register_optionflag("SLOW")


@pytest.fixture(scope="session")
def seed_tables():
    """The full analysis of the two seeds (computed once per test session)."""
    from helpers.analyze import analyze
    from helpers.paths import SEEDS_DIR

    return analyze([SEEDS_DIR], progress=False, warn=False)


@pytest.fixture(scope="session")
def seed_run(seed_tables, tmp_path_factory):
    """The seeds' tables written as a run's folder (CSV files and report.html), once a session."""
    from helpers.analyze import write_tables

    out = tmp_path_factory.mktemp("run")
    write_tables(seed_tables, out)
    return out


@pytest.fixture(autouse=True)
def _doctest_fixtures(request, tmp_path):
    """Give each doctest ``tables``, ``run`` and its own ``tmp`` folder; close its figures after.
    Other tests are left alone."""
    if not isinstance(request.node, pytest.DoctestItem):
        yield
        return
    namespace = request.getfixturevalue("doctest_namespace")
    namespace["tables"] = request.getfixturevalue("seed_tables")
    namespace["run"] = request.getfixturevalue("seed_run")
    namespace["tmp"] = tmp_path
    yield
    import matplotlib.pyplot as plt

    plt.close("all")


def pytest_collection_modifyitems(items):
    for item in items:
        if isinstance(item, pytest.DoctestItem) and any(
            example.options.get(SLOW) for example in item.dtest.examples
        ):
            item.add_marker(pytest.mark.slow)
