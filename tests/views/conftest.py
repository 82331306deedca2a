"""Fixtures of the view tests: the seeds' tables (see seed_kit.py), drawn with Agg, figures closed."""

from __future__ import annotations

import matplotlib
import pytest

from tests.views.seed_kit import seed_kit_tables

matplotlib.use("Agg")


@pytest.fixture()
def kit():
    """The seeds' tables with hand-checked mentions and gold attributions (a fresh copy each)."""
    return seed_kit_tables()


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    import matplotlib.pyplot as plt

    plt.close("all")
