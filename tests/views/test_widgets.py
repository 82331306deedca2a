"""helpers.widgets and helpers.plots, the notebooks' facades: every name a notebook uses, and load_tables."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest

import helpers
from helpers.views import widgets

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"


@pytest.mark.parametrize("facade", ["plots", "widgets"])
def test_the_facades_keep_every_name_the_notebooks_use(facade):
    used = set()
    for path in NOTEBOOKS.rglob("*.ipynb"):
        used |= set(re.findall(rf"\b{facade}\.([A-Za-z_]\w*)", path.read_text(encoding="utf-8")))
    module = getattr(helpers, facade)
    assert module is importlib.import_module(f"helpers.views.{facade}")
    assert used, f"no notebook uses helpers.{facade}?"
    assert sorted(n for n in used if not hasattr(module, n)) == []


def test_load_tables_reads_a_run_back(seed_tables, tmp_path):
    from helpers.analyze import write_tables

    write_tables(seed_tables, tmp_path)
    loaded = widgets.load_tables(tmp_path)
    for name, frame in seed_tables.items():
        assert list(loaded[name].columns)[: len(frame.columns)] == list(frame.columns)
        assert len(loaded[name]) == len(frame)
    assert loaded["sentences"]["sentence_id"].dtype == "int64"
    assert loaded["attributions"]["anonymous"].dtype == bool
