"""Load article files: decode them safely, read front matter and manifests, refuse what is not an article.

Every refusal is a :class:`LoadProblem` that names the file and says what to do; :func:`load_articles`
turns them into rows of ``problems.csv`` instead of stopping the run.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import hashlib
import os
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import islice
from pathlib import Path

import py3langid
import yaml

from ..paths import ARTICLE_SUFFIXES, ROOT
from .pages import extract_page

MANIFEST_NAME = "manifest.csv"
#: The key of a file's ``overrides`` that carries its lines recurring in other files of the run
#: (joined by newlines; see :func:`helpers.ingest.furniture.repeated_lines`).
REPEATED_KEY = "repeated_lines"
METADATA_FIELDS = ("title", "outlet", "author", "date", "url", "language")
MAX_LINE_CHARS = 100_000
MIN_WORDS = 20
_FRONT_MATTER = re.compile(
    r"\A(?:\ufeff)?---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S
)
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
# control characters (Unicode category Cc: U+0000-001F, U+007F-009F) other than \t \n \f \r
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
#: Language detection reads this many characters of the (cleaned) text: plenty for news prose,
#: and py3langid's cost grows with the length (it walks the text byte by byte). On the seeds, the
#: corpus and 86 pasted web pages, 1,000 characters of the cleaned body give the answer 2,000 gave.
LANGUAGE_SAMPLE_CHARS = 1000
# a quotation on one line, between curly or straight double marks or guillemets
_QUOTATION = re.compile(r"“[^”\n]*”|\"[^\"\n]*\"|«[^»\n]*»")
# fewer words than this outside the quotations, and the language is read on the whole text
_NARRATION_WORDS = 8


class LoadProblem(Exception):
    """A file the kit cannot analyse; ``kind`` goes to problems.csv, the message tells the user what to do."""

    def __init__(self, path: Path | str, kind: str, advice: str) -> None:
        self.path = str(path)
        self.kind = kind
        self.advice = advice
        super().__init__(f"{path}: {advice}")


@dataclass(frozen=True)
class Article:
    """One article as read from disk, before cleaning.

    ``text`` is the decoded file (for HTML: the text trafilatura extracted); cleaning keeps offsets into it.
    """

    article_id: str
    source_path: str
    text: str
    sha256: str
    fmt: str = "txt"
    encoding: str = "utf-8"
    title: str = ""
    outlet: str = ""
    author: str = ""
    date: str = ""
    date_source: str = ""
    url: str = ""
    language: str = ""
    front_matter_lines: int = 0
    notes: tuple[tuple[str, str], ...] = field(default=())
    #: lines (normalised) that recur in other files of the run: page furniture of their site
    repeated_lines: tuple[str, ...] = field(default=())

    @property
    def date_obj(self) -> dt.date | None:
        """The article date as a ``datetime.date`` (None when unknown)."""
        try:
            return dt.date.fromisoformat(self.date) if self.date else None
        except ValueError:
            return None


def decode_bytes(raw: bytes, *, path: Path | str = "<bytes>") -> tuple[str, str]:
    """Decode file bytes into text and the encoding used; refuse binaries rather than guess.

    Byte-order marks win, then strict UTF-8, then UTF-16 without BOM (NUL pattern), then
    charset-normalizer's best guess among single-byte encodings (cp1252/latin-1...).

    Example:
        >>> decode_bytes("The café’s owner said the ministers met in Tokyo.".encode("cp1252"))
        ('The café’s owner said the ministers met in Tokyo.', 'cp1252')
    """
    for bom, name in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if raw.startswith(bom):
            return raw.decode(name), name
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    sample = raw[:4000]
    if sample.count(0) > len(sample) // 4:
        even, odd = sample[0::2].count(0), sample[1::2].count(0)
        guess = "utf-16-be" if even > odd else "utf-16-le"
        try:
            return raw.decode(guess), guess
        except UnicodeDecodeError:
            raise LoadProblem(
                path,
                "binary",
                "this is a binary file, not text; save the article as .txt, .md or .html",
            ) from None
    if b"\x00" in sample:
        raise LoadProblem(
            path,
            "binary",
            "this is a binary file, not text; save the article as .txt, .md or .html",
        )
    try:
        # Windows' cp1252 is by far the most common legacy encoding of English news (curly quotes
        # in 0x91-0x94); accept it when the result reads as English, else ask charset-normalizer.
        text = raw.decode("cp1252")
        if detect_language(text) == "en":
            return text, "cp1252"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(
        raw,
        cp_isolation=["cp1252", "latin_1", "iso8859_15", "cp1251", "cp1250", "koi8_r", "mac_roman"],
    ).best()
    if best is None:
        raise LoadProblem(
            path,
            "encoding",
            "the text encoding could not be recognised; open it in an editor and save it as UTF-8",
        )
    return str(best), best.encoding


def _check_text(text: str, path: Path) -> None:
    if not text.strip():
        raise LoadProblem(
            path, "empty", "the file is empty; paste the article text into it or delete it"
        )
    controls = len(_CONTROL.findall(text, 0, 20000))
    if controls > max(5, len(text[:20000]) // 100):
        raise LoadProblem(
            path,
            "binary",
            "the file holds control characters, not text; save the article as .txt, .md or .html",
        )
    longest = max(len(line) for line in text.splitlines() or [""])
    if longest > MAX_LINE_CHARS:
        raise LoadProblem(
            path,
            "long_line",
            f"a line of {longest:,} characters is not an article "
            "paragraph; put one paragraph per line",
        )
    if sum(1 for _ in islice(_WORD.finditer(text), MIN_WORDS)) < MIN_WORDS:
        raise LoadProblem(
            path,
            "too_short",
            f"fewer than {MIN_WORDS} words; is this the whole article? Paste its full text",
        )


def detect_language(text: str) -> str:
    """Return the ISO 639-1 code of the text's language (py3langid, offline), from its first
    ``LANGUAGE_SAMPLE_CHARS`` characters outside quotation marks: English news may quote people
    in their own language (Tagalog, Spanish), and its narration is what the kit reads. A text
    that is mostly quotations is read whole.

    Example:
        >>> detect_language("The ministers met in Tokyo to discuss the alliance and its plans.")
        'en'
        >>> detect_language("“Nandiyan din po iyong mga fake videos, hindi isa, kung hindi dalawa, "
        ...                 "laban sa pangulo,” the spokesperson said at the briefing on Monday.")
        'en'
    """
    sample = text[: 4 * LANGUAGE_SAMPLE_CHARS]
    narration = _QUOTATION.sub(" ", sample)
    if len(_WORD.findall(narration)) < _NARRATION_WORDS:
        narration = sample
    return py3langid.classify(narration[:LANGUAGE_SAMPLE_CHARS])[0]


def refuse_language(path: Path | str, language: str) -> None:
    """Raise the ``not_english`` :class:`LoadProblem` unless ``language`` is English."""
    if language != "en":
        raise LoadProblem(
            path,
            "not_english",
            f"the text looks like language '{language}', but the "
            "kit's lexicons are English only; add an English translation instead "
            "(or set 'language: en' in front matter if this is wrong)",
        )


def parse_front_matter(text: str, *, path: Path | str = "<text>") -> tuple[dict[str, str], int]:
    """Read YAML front matter (``---`` block at the top); return the metadata and its line count."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, 0
    try:
        meta = yaml.safe_load(match.group(1)) or {}
    except yaml.YAMLError as err:
        raise LoadProblem(
            path,
            "front_matter",
            f"the front matter is not valid YAML ({err.__class__.__name__}); "
            "fix the block between the --- lines",
        ) from None
    if not isinstance(meta, dict):
        meta = {}
    clean = {k: str(v).strip() for k, v in meta.items() if k in METADATA_FIELDS and v is not None}
    if "date" in clean:
        clean["date"] = clean["date"][:10]
    return clean, match.group(0).count("\n") + (0 if match.group(0).endswith("\n") else 1)


def _extract_html(raw_text: str, path: Path) -> tuple[str, dict[str, str]]:
    body, found = extract_page(raw_text)
    if not body:
        raise LoadProblem(
            path,
            "html_no_text",
            "no article text was found in this web page; copy "
            "the article text into a .txt file instead",
        )
    return body, found


def read_manifest(folder: Path) -> dict[str, dict[str, str]]:
    """Read a folder's manifests into {file name: metadata}.

    ``manifest.csv`` (file,title,outlet,author,date,url) is the documented name; any other CSV in the
    folder whose header starts with ``file`` is read the same way (e.g. a corpus's ``articles.csv``),
    with ``manifest.csv`` winning where both describe a file.
    """
    folder = Path(folder)
    found: dict[str, dict[str, str]] = {}
    for path in sorted(folder.glob("*.csv"), key=lambda p: (p.name == MANIFEST_NAME, p.name)):
        for name, meta in _read_one_manifest(path).items():
            found.setdefault(name, {}).update(meta)
    return found


def is_manifest(path: Path) -> bool:
    """True for a CSV file whose header row starts with ``file`` (a metadata manifest)."""
    if path.suffix.lower() != ".csv":
        return False
    try:
        with path.open("rb") as fh:
            head = fh.read(200).decode("utf-8-sig", errors="replace")
    except OSError:
        return False
    return head.split(",", 1)[0].strip().strip('"').lower() == "file"


def _read_one_manifest(path: Path) -> dict[str, dict[str, str]]:
    if not is_manifest(path):
        if path.name == MANIFEST_NAME:
            raise LoadProblem(
                path,
                "manifest",
                "the manifest needs a header row starting with "
                "'file' (file,title,outlet,author,date,url)",
            )
        return {}
    text, _ = decode_bytes(path.read_bytes(), path=path)
    rows = csv.DictReader(text.splitlines())
    return {
        row["file"].strip(): {k: (row.get(k) or "").strip() for k in METADATA_FIELDS if row.get(k)}
        for row in rows
        if row.get("file")
    }


def load_article(
    path: Path, *, overrides: dict[str, str] | None = None, check_language: bool = True
) -> Article:
    """Read one article file into an :class:`Article`, or raise :class:`LoadProblem`.

    ``check_language`` decides the language on the whole text and refuses a text not in English;
    :func:`helpers.ingest.read_article` (what the analysis runs) turns it off and decides on the
    cleaned body instead, so that a page's menus in another language do not decide it.

    Example:
        >>> from helpers.paths import SEEDS_DIR
        >>> load_article(SEEDS_DIR / "001_b9b24f8ad2796175.txt").language
        'en'
    """
    path = Path(path)
    suffix = path.suffix.lower()
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise LoadProblem(
            path,
            "unreadable",
            f"cannot read the file ({err.strerror}); check that it exists and that you may read it",
        ) from None
    if raw.lstrip()[:5] == b"%PDF-":
        raise LoadProblem(
            path,
            "pdf",
            "PDF is not supported; save it as text (.txt) or copy the "
            "article text into a .txt file",
        )
    if suffix not in ARTICLE_SUFFIXES:
        raise LoadProblem(
            path,
            "unsupported",
            f"'{suffix or 'no extension'}' files are not read; "
            "save the article as .txt, .md or .html",
        )
    if not raw.strip():
        raise LoadProblem(
            path, "empty", "the file is empty; paste the article text into it or delete it"
        )
    text, encoding = decode_bytes(raw, path=path)
    fmt = "html" if suffix in (".html", ".htm") else suffix.lstrip(".")
    meta: dict[str, str] = {}
    front_lines = 0
    if fmt == "html":
        text, meta = _extract_html(text, path)
    else:
        meta, front_lines = parse_front_matter(text, path=path)
    _check_text("\n".join(text.split("\n")[front_lines:]), path)
    overrides = dict(overrides or {})
    repeated = tuple(filter(None, overrides.pop(REPEATED_KEY, "").split("\n")))
    meta.update(overrides)
    notes: list[tuple[str, str]] = []
    if encoding not in ("utf-8", "utf-8-sig", "ascii"):
        notes.append(("encoding", f"read as {encoding}; saving it as UTF-8 avoids any doubt"))
    language = meta.get("language") or (detect_language(text) if check_language else "")
    article = Article(
        article_id=path.stem,
        source_path=display_path(path),
        text=text,
        sha256=hashlib.sha256(raw).hexdigest(),
        fmt=fmt,
        encoding=encoding,
        front_matter_lines=front_lines,
        notes=tuple(notes),
        repeated_lines=repeated,
        **{k: v for k, v in meta.items() if k in METADATA_FIELDS and k != "language"},
        date_source="metadata" if meta.get("date") else "",
        language=language,
    )
    if language or check_language:
        refuse_language(path, language)
    return article


def display_path(path: Path) -> str:
    """A stable way to show a path: relative to the project when inside it, else as given."""
    try:
        return resolved_path(path).relative_to(_root()).as_posix()
    except ValueError:
        return path.as_posix()


def resolved_path(path: Path) -> Path:
    """``path.resolve()``, faster for the many files of one folder.

    A file that is not a link resolves to its resolved folder plus its name: the folder's answer
    is remembered, as a folder holds many articles (one lstat, not one per level of the path).

    Example:
        >>> resolved_path(Path("seeds/../seeds/x.txt")) == Path("seeds/x.txt").resolve()
        True
    """
    # os.path on the string: pathlib's objects cost more than the lstat on a 10 k-file rerun
    text = os.fspath(path)
    if not os.path.isabs(text):
        text = os.path.join(os.getcwd(), text)  # Path.absolute(): "..", links left as they are
    folder, name = os.path.split(text)
    if name not in ("", ".", "..") and not os.path.islink(text):
        return Path(os.path.join(_resolved_folder(folder), name))
    return Path(text).resolve()


@lru_cache(maxsize=64)
def _resolved_folder(folder: str) -> str:
    return str(Path(folder).resolve())


@lru_cache(maxsize=1)
def _root() -> Path:
    return ROOT.resolve()


def with_metadata(article: Article, **found: str) -> Article:
    """Fill metadata fields that are still empty (front matter and manifests win over guesses)."""
    updates = {k: v for k, v in found.items() if v and not getattr(article, k)}
    return replace(article, **updates) if updates else article
