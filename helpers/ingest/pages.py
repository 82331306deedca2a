"""An article and its metadata out of a web page's HTML (trafilatura), for saved and fetched pages.

Saved ``.html`` files (:func:`helpers.ingest.load.load_article`) and pages downloaded by
:func:`helpers.ingest.fetch.fetch_articles` go through the same :func:`extract_page`, so both get
the same text and the same title, author, date, outlet (the site's name) and URL.
"""

from __future__ import annotations

import trafilatura

#: trafilatura's metadata field for each of the kit's fields.
FIELDS = {"title": "title", "author": "author", "date": "date", "outlet": "sitename", "url": "url"}


def extract_page(html: str, *, url: str | None = None) -> tuple[str, dict[str, str]]:
    """The article text of a page (title first) and its metadata; ("", {...}) when none is found.

    Example:
        >>> page = ('<html><head><title>Talks resume | Example News</title>'
        ...         '<meta property="og:site_name" content="Example News"></head><body>'
        ...         '<nav><a href="/">Home</a></nav><article><h1>Talks resume in Geneva</h1>'
        ...         '<p>The two delegations met again on Thursday in Geneva after a pause of '
        ...         'three months, the foreign ministry said in a statement.</p></article></body></html>')
        >>> text, meta = extract_page(page)
        >>> text.splitlines()[0], meta["outlet"]
        ('Talks resume in Geneva', 'Example News')
    """
    body = trafilatura.extract(
        html, url=url, include_comments=False, include_tables=False, favor_recall=True
    )
    meta = trafilatura.extract_metadata(html, default_url=url)
    found: dict[str, str] = {}
    if meta is not None:
        for key, attr in FIELDS.items():
            value = getattr(meta, attr, None)
            if value:
                found[key] = " ".join(str(value).split())
    if found.get("date"):
        found["date"] = found["date"][:10]
    body = (body or "").strip()
    if body and found.get("title") and not body.startswith(found["title"]):
        body = found["title"] + "\n" + body
    return body, found
