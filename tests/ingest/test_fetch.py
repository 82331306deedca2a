"""Fetch by URL, offline: a local server on 127.0.0.1 serves news-page fixtures (tests/data/web)."""

from __future__ import annotations

import shutil
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from helpers.__main__ import main
from helpers.ingest import read_article
from helpers.ingest.fetch import clean_url, fetch_articles
from helpers.ingest.load import load_article, parse_front_matter
from tests.support import GOLD

PAGES = GOLD / "web"


class _Handler(BaseHTTPRequestHandler):
    """Routes: two news pages, a 404, a PDF, a redirect to a login page, a large page."""

    def do_GET(self):  # noqa: N802 (the http.server name)
        if self.path in ("/news/talks", "/news/talks-again"):
            self._send(200, "text/html; charset=utf-8", (PAGES / "news.html").read_bytes())
        elif self.path == "/feature":
            self._send(200, "text/html", (PAGES / "feature.html").read_bytes())
        elif self.path == "/report.pdf":
            self._send(200, "application/pdf", b"%PDF-1.4 not a page")
        elif self.path == "/premium/story":
            self.send_response(302)
            self.send_header("Location", "/account/login?next=/premium/story")
            self.end_headers()
        elif self.path.startswith("/account/login"):
            self._send(200, "text/html", b"<html><body><form>Log in</form></body></html>")
        elif self.path == "/big":
            self._send(
                200, "text/html", b"<html><body>" + b"<p>word </p>" * 5000 + b"</body></html>"
            )
        else:
            self._send(404, "text/html", b"<html><body>Not found</body></html>")

    def _send(self, status: int, kind: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):  # keep the test output quiet
        pass


@pytest.fixture(scope="module")
def site():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_a_news_page_becomes_an_md_file_with_front_matter(site, tmp_path):
    (done,) = fetch_articles([f"{site}/news/talks"], into=tmp_path)
    assert (
        done.kind == ""
        and done.path == tmp_path / "japan-and-nato-agree-to-widen-security-talks.md"
    )
    text = done.path.read_text(encoding="utf-8")
    meta, _ = parse_front_matter(text)
    assert meta == {
        "title": "Japan and NATO agree to widen security talks",
        "outlet": "The Harbour Herald",
        "author": "Mika Tanaka",
        "date": "2023-07-12",
        "url": f"{site}/news/talks",
    }
    # the article's paragraphs are there; the cookie banner, menu, share bar, related links,
    # comments and footer are not
    assert "Japan and NATO agreed on Wednesday to hold regular talks" in text
    assert "second meeting planned in Brussels early next year." in text
    for furniture in ("cookies", "Subscribe", "Share on Facebook", "Related stories",
                      "Macron questions", "Great article", "Leave a reply", "All rights reserved"):  # fmt: skip
        assert furniture not in text, furniture
    article, cleaned = read_article(done.path)
    assert (article.title, article.outlet, article.date) == (
        meta["title"],
        meta["outlet"],
        meta["date"],
    )
    assert cleaned.body.startswith("Japan and NATO agree to widen security talks\n")


def test_saved_html_gets_the_metadata_fetched_pages_get(site, tmp_path):
    (done,) = fetch_articles([f"{site}/feature"], into=tmp_path / "fetched")
    fetched = load_article(done.path)
    saved = tmp_path / "ports.html"
    shutil.copy(PAGES / "feature.html", saved)
    html = load_article(saved)
    for field in ("title", "outlet", "author", "date"):
        assert getattr(html, field) == getattr(fetched, field), field
    assert (html.title, html.outlet, html.author, html.date) == (
        "Ports reopen after storm", "Coastline Daily", "Ana Ruiz", "2024-03-14",
    )  # fmt: skip


def test_problems_are_rows_with_advice(site, tmp_path):
    results = fetch_articles(
        [
            f"{site}/missing",
            f"{site}/report.pdf",
            f"{site}/premium/story",
            f"{site}/big",
            "javascript:alert(1)",
            "http://user:secret@127.0.0.1/x",
        ],
        into=tmp_path,
        max_bytes=20_000,
    )
    assert [r.kind for r in results] == [
        "http_404", "not_html", "login_wall", "too_large", "bad_url", "bad_url",
    ]  # fmt: skip
    assert all(r.path is None and r.detail for r in results)
    assert "secret" not in results[-1].url + results[-1].detail
    assert list(tmp_path.glob("*.md")) == []


def test_never_overwrites_and_skips_urls_already_saved(site, tmp_path):
    first = fetch_articles([f"{site}/news/talks", f"{site}/news/talks#comments"], into=tmp_path)
    assert first[0].path is not None and first[1].kind == "duplicate"
    again = fetch_articles([f"{site}/news/talks"], into=tmp_path)
    assert again[0].kind == "duplicate" and first[0].path.name in again[0].detail
    # another URL, same headline: a second file, the first untouched
    before = first[0].path.read_bytes()
    (other,) = fetch_articles([f"{site}/news/talks-again"], into=tmp_path)
    assert other.path.name == "japan-and-nato-agree-to-widen-security-talks-2.md"
    assert first[0].path.read_bytes() == before


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("https://example.org/a b", ""),
        ("https://example.org/news\n", "https://example.org/news"),
        ("HTTPS://Example.org", "https://Example.org/"),
        ("https://example.org/x\x00y", ""),
        ("mailto:desk@example.org", ""),
        ("//example.org/x", ""),
    ],
)
def test_urls_are_sanitised(raw, clean):
    assert clean_url(raw) == clean


def test_cli_fetch(site, tmp_path, capsys):
    urls = tmp_path / "urls.txt"
    urls.write_text(f"# class set\n{site}/feature\n\n{site}/missing\n", encoding="utf-8")
    assert main(["fetch", "--urls", str(urls), "--into", str(tmp_path / "out")]) == 0
    err = capsys.readouterr().err
    assert "saved" in err and "http_404" in err and "fetched 1 of 2" in err
    assert [p.name for p in (tmp_path / "out").glob("*.md")] == ["ports-reopen-after-storm.md"]
    assert main(["fetch", "--into", str(tmp_path / "out")]) == 2
    assert main(["fetch", f"{site}/missing", "--into", str(tmp_path / "none")]) == 1
