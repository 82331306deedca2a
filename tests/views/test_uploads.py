"""helpers.views.uploads: safe names, never overwriting, refusals reported."""

from __future__ import annotations

import datetime as dt

import pytest

from helpers.views import widgets


@pytest.mark.parametrize(
    "name,saved",
    [
        ("000_cf5bdca3ca1cd9b9.txt", "000_cf5bdca3ca1cd9b9.txt"),
        ("../../etc/passwd.txt", "passwd.txt"),
        ("..\\..\\Windows\\win.md", "win.md"),
        (".hidden.txt", "hidden.txt"),
        ("Le Monde: été 2023.TXT", "Le_Monde_ete_2023.txt"),
        ("a.b.html", "a_b.html"),
        (".txt", "article.txt"),
        ("README.md", "article_README.md"),  # the analysis skips README files
        ("report.pdf", None),
        ("notes", None),
        ("page.htm", None),
    ],
)
def test_safe_filename(name, saved):
    if saved is None:
        with pytest.raises(ValueError, match="only .txt, .md, .html"):
            widgets.safe_filename(name)
    else:
        assert widgets.safe_filename(name) == saved


def test_uploads_never_overwrite(tmp_path):
    seed = b"Text of an article."
    first = widgets.save_upload("news.txt", seed, tmp_path)
    second = widgets.save_upload("../news.txt", b"Another article.", tmp_path)
    third = widgets.save_upload("news.txt", b"A third.", tmp_path)
    assert [p.name for p in (first, second, third)] == ["news.txt", "news-1.txt", "news-2.txt"]
    assert first.read_bytes() == seed and second.read_bytes() == b"Another article."
    assert sorted(p.name for p in tmp_path.iterdir()) == ["news-1.txt", "news-2.txt", "news.txt"]


def test_upload_widget_saves_files_and_reports_refusals(tmp_path):
    uploader = widgets.upload_articles(tmp_path)
    item = {"type": "text/plain", "last_modified": dt.datetime(2024, 1, 1)}
    uploader.upload.value = (
        {**item, "name": "../seed.txt", "size": 5, "content": memoryview(b"Hello")},
        {**item, "name": "slides.pdf", "size": 3, "content": memoryview(b"%PD")},
    )
    assert [p.name for p in uploader.saved] == ["seed.txt"]
    message = uploader.messages.value
    assert "slides.pdf: only .txt" in message and "Run the analysis again" in message
    # The button counts what was added: one file, not the refused PDF.
    assert uploader.upload.description == "Articles added" and len(uploader.upload.value) == 1
    # Only a refusal: nothing to rerun, and the button asks again.
    uploader.upload.value = (
        {**item, "name": "notes.pdf", "size": 3, "content": memoryview(b"%PD")},
    )
    assert uploader.saved[-1].name == "seed.txt" and "Nothing was saved." in uploader.messages.value
    assert "Run the analysis" not in uploader.messages.value
    assert uploader.upload.description == "Add articles" and uploader.upload.value == ()


def test_uploader_tells_who_listens_what_was_saved(tmp_path):
    uploader = widgets.upload_articles(tmp_path)
    heard = []
    uploader.on_saved(heard.append)
    item = {"type": "text/plain", "last_modified": dt.datetime(2024, 1, 1), "size": 5}
    uploader.upload.value = ({**item, "name": "a.txt", "content": memoryview(b"Hello")},)
    uploader.upload.value = ({**item, "name": "b.pdf", "content": memoryview(b"%PDF-")},)
    assert heard == [[tmp_path / "a.txt"]]
