"""Fixtures shared by the tests and the examples in the docstrings (doctests).

The doctests run with ``tables`` (the seeds' analysed tables), ``tmp`` (a fresh temporary folder)
and matplotlib's Agg backend. An example that runs a whole corpus evaluation carries
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


@pytest.fixture(autouse=True)
def _doctest_fixtures(request, tmp_path):
    """Give each doctest ``tables`` and its own ``tmp`` folder (other tests are left alone)."""
    if isinstance(request.node, pytest.DoctestItem):
        namespace = request.getfixturevalue("doctest_namespace")
        namespace["tables"] = request.getfixturevalue("seed_tables")
        namespace["tmp"] = tmp_path


def pytest_collection_modifyitems(items):
    for item in items:
        if isinstance(item, pytest.DoctestItem) and any(
            example.options.get(SLOW) for example in item.dtest.examples
        ):
            item.add_marker(pytest.mark.slow)
