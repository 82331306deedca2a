"""Metadata read from a paste: byline, date, outlet, with front matter and manifests still winning."""

from __future__ import annotations

import pytest

from helpers.ingest import read_article
from helpers.ingest.metadata import parse_any_date, read_page_metadata
from tests.support import SEED_001

PARAGRAPH = SEED_001.read_text(encoding="utf-8").split("\n")[9]  # "Ahead of the NATO summit ..."


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("10 April 2020", "2020-04-10"),
        ("April 10, 2020 3:45 PM EDT", "2020-04-10"),
        ("Apr. 26, 2022", "2022-04-26"),
        ("2020-04-10", "2020-04-10"),
        ("Published 14 March 2024", "2024-03-14"),
        ("Updated: Friday, 3rd May 2019, 10:02", "2019-05-03"),
        ("Published:Tuesday | April 26, 2022 | 9:52 PM", "2022-04-26"),
        ("Skyline of central Tokyo - Sputnik International, 1920, 11.07.2023", "2023-07-11"),
        ("31 February 2020", ""),
        ("In May the talks went on", ""),
    ],
)
def test_dates_in_common_formats(text, iso):
    assert parse_any_date(text) == iso


@pytest.mark.parametrize(
    ("header", "first_line", "footer", "want"),
    [
        (["By Jane Doe, Reuters"], PARAGRAPH, [], {"author": "Jane Doe"}),
        (["Words by Kenji Sato"], PARAGRAPH, [], {"author": "Kenji Sato"}),
        (["Reporting by Anna Weber"], PARAGRAPH, [], {"author": "Anna Weber"}),
        (["Published 14 March 2024"], PARAGRAPH, [], {"date": "2024-03-14", "date_source": "page"}),
        (["Updated April 10, 2020 3:45 PM EDT"], PARAGRAPH, [],
         {"date": "2020-04-10", "date_source": "page:updated"}),
        ([], "BERLIN, March 14 (Reuters) - " + PARAGRAPH, ["© 2023 Reuters"],
         {"date": "2023-03-14", "date_source": "dateline:year_from_page", "outlet": "Reuters"}),
        ([], "BERLIN (AP) — " + PARAGRAPH, [], {"outlet": "Associated Press"}),
        ([], PARAGRAPH, ["© 2023 Bangkok Post. All rights reserved."], {"outlet": "Bangkok Post"}),
        ([], PARAGRAPH, ["https://www.harbourherald.example/world/talks"],
         {"outlet": "harbourherald.example", "url": "https://www.harbourherald.example/world/talks"}),
    ],
)  # fmt: skip
def test_page_metadata(header, first_line, footer, want):
    lines = ["Home", "World", "NATO office plan on hold", *header, first_line, *footer]
    found, _ = read_page_metadata(lines, {}, 3 + len(header))
    assert {k: found[k] for k in want} == want


def test_standalone_byline_and_date_lines_leave_the_body(tmp_path):
    path = tmp_path / "paste.txt"
    path.write_text(
        "\n".join(["NATO office plan on hold", "By Jane Doe", "Published 11 July 2023", PARAGRAPH]),
        encoding="utf-8",
    )
    article, cleaned = read_article(path)
    assert cleaned.body.split("\n") == ["NATO office plan on hold", PARAGRAPH]
    assert (article.author, article.date, article.date_source) == ("Jane Doe", "2023-07-11", "page")
    # front matter still wins over what the text says
    path.write_text(
        "---\nauthor: J. Doe\ndate: 2023-07-12\n---\n" + path.read_text(), encoding="utf-8"
    )
    article, _ = read_article(path)
    assert (article.author, article.date, article.date_source) == (
        "J. Doe",
        "2023-07-12",
        "metadata",
    )
