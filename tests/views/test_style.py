"""helpers.views.style: the labels and ordering every figure shares."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.views import style


@pytest.mark.parametrize(
    "code,name", [("JPN", "Japan"), ("CHN", "China"), ("XYZ", "XYZ"), ("", "(no country)")]
)
def test_country_label(code, name):
    assert style.country_label(code) == name


@pytest.mark.parametrize(
    "text,width,short",
    [
        # Seed 001's title, as the article filter lists it.
        (
            "China Comes First: Why NATO's Office in Japan Is Off the Table",
            32,
            "China Comes First: Why NATO's O…",
        ),
        (
            "Establishment of NATO Tokyo\nliaison office",
            60,
            "Establishment of NATO Tokyo liaison office",
        ),
    ],
)
def test_shorten(text, width, short):
    assert style.shorten(text, width) == short and len(short) <= width


def test_ranked_breaks_ties_by_name_whatever_the_input_order():
    totals = pd.Series({"USA": 14, "JPN": 18, "CHN": 46, "FRA": 18})
    assert style.ranked(totals) == ["CHN", "FRA", "JPN", "USA"]
    assert style.ranked(totals.iloc[::-1], 2) == ["CHN", "FRA"]
