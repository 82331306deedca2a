"""Fetch articles by URL: download each page, extract its text and metadata, save it as ``.md``.

``python -m helpers fetch URL ... | --urls FILE [--into data/articles]`` and notebook 06 call
:func:`fetch_articles`. Each page is downloaded with a timeout and a size limit; its article text
and metadata (title, author, date, the site's name as outlet, URL) come from trafilatura
(:func:`helpers.ingest.pages.extract_page`, as for saved ``.html`` files) and are written as one
Markdown file with YAML front matter, which the kit then reads like any other article. A file is
never overwritten (a number is added to the name), and a URL already saved in the folder is not
fetched again. What goes wrong is a row (``url``, ``kind``, ``detail``) saying what to do:
``bad_url``, ``duplicate``, ``http_404``, ``http_error``, ``unreachable``, ``not_html``,
``too_large``, ``login_wall``, ``no_text``.
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
import unicodedata
import urllib.error
import urllib.request
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import yaml

from ..paths import ARTICLES_DIR
from .load import LoadProblem, decode_bytes, parse_front_matter
from .pages import extract_page

#: Seconds to wait for a server; bytes read at most from one page.
TIMEOUT = 20
MAX_BYTES = 5_000_000
USER_AGENT = "ir-news-kit/0.1 (teaching and research; +https://example.org/ir-news-kit)"
#: Path words of the page a redirect lands on that mean "log in first" (a paywall or login wall).
LOGIN_WORDS = re.compile(
    r"(?:^|[/._?=&-])(login|log-in|signin|sign-in|sso|auth|account|subscribe|subscription|paywall|register)(?:$|[/._?=&-])",
    re.I,
)
_SLUG = re.compile(r"[^a-z0-9]+")
_USERINFO = re.compile(r"//[^/@\s]*@")


@dataclass(frozen=True)
class Fetched:
    """One URL's outcome: the file written (``path``), or the problem (``kind``, ``detail``)."""

    url: str
    path: Path | None = None
    kind: str = ""
    detail: str = ""

    def row(self) -> dict[str, str]:
        """As a problem row (``url``, ``kind``, ``detail``)."""
        return {"url": self.url, "kind": self.kind, "detail": self.detail}


def clean_url(url: str) -> str:
    """The URL to fetch, or "" when it is not a plain http(s) address.

    Whitespace around it goes; a URL with a user name or password, another scheme (``file:``,
    ``javascript:``), control characters or no host is refused; the ``#fragment`` is dropped.

    Example:
        >>> clean_url("  https://example.org/news/talks?id=4#top "), clean_url("file:///etc/passwd")
        ('https://example.org/news/talks?id=4', '')
    """
    url = url.strip()
    if not url or any(unicodedata.category(ch) in ("Cc", "Zl", "Zp") for ch in url) or " " in url:
        return ""
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:
        return ""
    if (
        parts.scheme.lower() not in ("http", "https")
        or not host
        or parts.username
        or parts.password
    ):
        return ""
    return urlunsplit((parts.scheme.lower(), parts.netloc, parts.path or "/", parts.query, ""))


def file_stem(title: str, url: str) -> str:
    """A safe file name stem from the title (or the URL's path): a-z, 0-9 and '-', at most 80.

    Example:
        >>> file_stem("France objects to NATO office in Tokyo!", "https://example.org/a")
        'france-objects-to-nato-office-in-tokyo'
        >>> file_stem("", "https://example.org/world/2023/06/06/nato-tokyo.html")
        'example-org-world-2023-06-06-nato-tokyo-html'
    """
    text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode().lower()
    stem = _SLUG.sub("-", text).strip("-")[:80].strip("-")
    if not stem:
        parts = urlsplit(url)
        raw = f"{parts.hostname or ''}{parts.path}".lower()
        stem = _SLUG.sub("-", raw).strip("-")[:80].strip("-")
    return stem or "article"


def fetch_articles(
    urls: Iterable[str],
    *,
    into: Path | str = ARTICLES_DIR,
    timeout: float = TIMEOUT,
    max_bytes: int = MAX_BYTES,
) -> list[Fetched]:
    """Download each URL, extract the article and save it as ``.md`` with front matter in ``into``.

    Args:
        urls: web addresses (blank lines and ``#`` comments are skipped).
        into: the folder the files go into (created if missing; default ``data/articles``).
        timeout: seconds to wait for a server.
        max_bytes: larger pages are refused (``too_large``).

    Returns:
        One :class:`Fetched` per URL, in order: the path written, or the problem and what to do.

    Example:
        >>> import tempfile
        >>> folder = tempfile.mkdtemp()
        >>> [f.kind for f in fetch_articles(["not a url", "ftp://example.org/x"], into=folder)]
        ['bad_url', 'bad_url']
    """
    folder = Path(into)
    folder.mkdir(parents=True, exist_ok=True)
    seen = _saved_urls(folder)
    out: list[Fetched] = []
    for raw in urls:
        raw = raw.strip()
        if not raw or raw.startswith("#"):
            continue
        url = clean_url(raw)
        if not url:
            shown = _USERINFO.sub("//…@", raw[:200])  # never repeat a password
            out.append(
                Fetched(
                    shown,
                    kind="bad_url",
                    detail=f"{shown}: not a plain http(s) web address (no password, "
                    "no spaces); copy it again from the browser's address bar",
                )
            )
            continue
        if url in seen:
            out.append(
                Fetched(
                    url,
                    kind="duplicate",
                    detail=f"{url}: already saved as {seen[url]}; delete that file to fetch again",
                )
            )
            continue
        done = _fetch_one(url, folder, timeout=timeout, max_bytes=max_bytes)
        out.append(done)
        seen[url] = done.path.name if done.path else "(failed above)"
    return out


def _fetch_one(url: str, folder: Path, *, timeout: float, max_bytes: int) -> Fetched:
    request = urllib.request.Request(
        url, headers={"User-Agent": USER_AGENT, "Accept": "text/html,*/*;q=0.5"}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (http(s) only)
            final = response.geturl()
            kind = response.headers.get_content_type()
            raw = response.read(max_bytes + 1)
    except urllib.error.HTTPError as err:
        if err.code == 404:
            return Fetched(
                url, kind="http_404", detail=f"{url}: page not found (404); check the address"
            )
        return Fetched(
            url,
            kind="http_error",
            detail=f"{url}: the server answered {err.code} ({err.reason}); try again later "
            "or save the page from your browser",
        )
    except (urllib.error.URLError, TimeoutError, OSError, ValueError) as err:
        reason = getattr(err, "reason", err)
        return Fetched(
            url,
            kind="unreachable",
            detail=f"{url}: could not be downloaded ({reason}); check the address and your "
            "connection, or save the page from your browser",
        )
    if _login_wall(url, final):
        return Fetched(
            url,
            kind="login_wall",
            detail=f"{url}: the site sent a login or subscription page ({final}); open the "
            "article in your browser, then save the page (.html) or paste its text (.txt)",
        )
    if kind not in ("text/html", "application/xhtml+xml"):
        return Fetched(
            url,
            kind="not_html",
            detail=f"{url}: this is {kind}, not a web page; save a text version of it instead",
        )
    if len(raw) > max_bytes:
        return Fetched(
            url,
            kind="too_large",
            detail=f"{url}: the page is larger than {max_bytes:,} bytes; save it from your browser",
        )
    try:
        html, _ = decode_bytes(raw, path=url)
    except LoadProblem as err:
        return Fetched(url, kind=err.kind, detail=f"{url}: {err.advice}")
    text, meta = extract_page(html, url=final)
    if not text:
        return Fetched(
            url,
            kind="no_text",
            detail=f"{url}: no article text was found on this page; copy the article text "
            "into a .txt file instead",
        )
    meta["url"] = url
    path = _write_new(folder, file_stem(meta.get("title", ""), url), _markdown(meta, text))
    return Fetched(url, path=path)


def _login_wall(asked: str, final: str) -> bool:
    """A redirect to another page whose path names a login or subscription step."""
    if final.rstrip("/") == asked.rstrip("/"):
        return False
    parts = urlsplit(final)
    return bool(LOGIN_WORDS.search(f"{parts.path}?{parts.query}"))


def _markdown(meta: dict[str, str], text: str) -> str:
    fields = {k: meta[k] for k in ("title", "outlet", "author", "date", "url") if meta.get(k)}
    front = yaml.safe_dump(fields, allow_unicode=True, sort_keys=False, width=1000)
    return f"---\n{front}---\n{text.strip()}\n"


def _write_new(folder: Path, stem: str, content: str) -> Path:
    """Write ``content`` to ``folder/stem.md`` (or ``stem-2.md``, ...), atomically, never over a file."""
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".fetch-", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(content)
        for n in range(1, 1000):
            path = folder / (f"{stem}.md" if n == 1 else f"{stem}-{n}.md")
            try:
                os.link(tmp, path)  # fails if the name is taken: nothing is ever overwritten
            except FileExistsError:
                continue
            return path
        raise FileExistsError(f"{folder}: too many files named {stem}-N.md")
    finally:
        os.unlink(tmp)


def _saved_urls(folder: Path) -> dict[str, str]:
    """URLs already saved in the folder's ``.md`` files (from their front matter)."""
    found = {}
    for path in sorted(folder.glob("*.md")):
        try:
            head = path.read_bytes()[:4000].decode("utf-8", errors="replace")
            meta, _ = parse_front_matter(head, path=path)
        except (OSError, LoadProblem):
            continue
        url = clean_url(meta.get("url", ""))
        if url:
            found.setdefault(url, path.name)
    return found


def main(urls: list[str], *, urls_file: Path | None, into: Path, timeout: float) -> int:
    """The ``fetch`` command: fetch, print one line per URL, exit 0 when at least one was saved."""
    todo = list(urls)
    if urls_file is not None:
        try:
            todo += urls_file.read_text(encoding="utf-8").splitlines()
        except OSError as err:
            print(f"error: {urls_file}: {err.strerror}", file=sys.stderr)
            return 2
    if not any(u.strip() and not u.strip().startswith("#") for u in todo):
        print("error: no URL given; name some or use --urls FILE", file=sys.stderr)
        return 2
    results = fetch_articles(todo, into=into, timeout=timeout)
    for done in results:
        if done.path:
            print(f"saved {done.path}", file=sys.stderr)
        else:
            print(f"warning: {done.kind}: {done.detail}", file=sys.stderr)
    saved = sum(1 for d in results if d.path)
    print(f"fetched {saved} of {len(results)} URL(s) into {into}/", file=sys.stderr)
    return 0 if saved else 1
