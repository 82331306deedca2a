"""Loading: encodings, front matter, HTML, manifests and refusals that name the file."""

from __future__ import annotations

import codecs
from pathlib import Path

import py3langid
import pytest

from helpers.ingest.load import (
    LANGUAGE_SAMPLE_CHARS,
    LoadProblem,
    decode_bytes,
    detect_language,
    load_article,
    parse_front_matter,
)
from helpers.paths import CORPUS_DIR
from tests.support import SEED_000, SEED_001

PARA = (
    "French President Emmanuel Macron voiced his opposition to the idea, expressing concerns "
    "about a potential backlash from Beijing. It is well known that NATO Secretary General Jens "
    "Stoltenberg was the driving force behind the establishment of a NATO office in Tokyo."
)


@pytest.mark.parametrize(
    ("encode", "expected_encoding"),
    [
        (lambda t: t.encode("utf-8"), "utf-8"),
        (lambda t: codecs.BOM_UTF8 + t.encode("utf-8"), "utf-8-sig"),
        (lambda t: t.encode("utf-16"), "utf-16"),
        (lambda t: t.encode("utf-16-le"), "utf-16-le"),
        (lambda t: t.encode("cp1252"), "cp1252"),
    ],
)
def test_decode_round_trips_real_text(encode, expected_encoding):
    text = "Franco-Chinese relations — the summit’s communiqué, café talks. " + PARA
    decoded, encoding = decode_bytes(encode(text))
    assert decoded.lstrip("\ufeff") == text
    assert encoding.replace("_", "-").lower().startswith(expected_encoding.split("-sig")[0][:5])
    assert encoding == expected_encoding or expected_encoding == "cp1252"


def test_cp1252_is_not_mojibake():
    raw = "Macron’s “third way” — it’s Paris’s choice. ".encode("cp1252") + PARA.encode("cp1252")
    decoded, _ = decode_bytes(raw)
    assert "’" in decoded and "â€" not in decoded


def test_seed_metadata_from_text(cleaned_seeds):
    article0, cleaned0 = cleaned_seeds["000_cf5bdca3ca1cd9b9"]
    article1, cleaned1 = cleaned_seeds["001_b9b24f8ad2796175"]
    assert cleaned0.metadata["author"] == "Masahiro Tauchi"
    assert "DEVNET" in cleaned0.metadata["outlet"]
    assert (
        cleaned1.metadata["title"]
        == "China Comes First: Why NATO's Office in Japan Faces Uncertainty"
    )
    assert "Sputnik" in cleaned1.metadata["outlet"]
    assert cleaned1.metadata["date"] == "2023-07-11"
    assert article0.language == article1.language == "en"


def test_front_matter_overrides(tmp_path):
    path = tmp_path / "note.md"
    path.write_text(
        "---\ntitle: My title\noutlet: Le Monde\ndate: 2022-03-04\nlanguage: en\n---\n" + PARA,
        encoding="utf-8",
    )
    article = load_article(path)
    assert (article.title, article.outlet, article.date) == ("My title", "Le Monde", "2022-03-04")
    assert article.front_matter_lines == 6


def test_front_matter_is_never_executed():
    with pytest.raises(LoadProblem) as info:
        parse_front_matter("---\ntitle: !!python/object/apply:os.system ['echo hi']\n---\nx")
    assert info.value.kind == "front_matter"


def test_html_main_text_and_metadata(tmp_path):
    page = (
        "<html><head><title>NATO office</title><meta name='author' content='Jane Doe'>"
        "<meta property='og:site_name' content='Example News'>"
        "<meta property='article:published_time' content='2023-05-04'></head><body>"
        "<nav>Home | Subscribe | Login</nav><article><h1>NATO office in Tokyo</h1>"
        f"<p>{PARA}</p><p>{PARA}</p></article><footer>Copyright 2023</footer></body></html>"
    )
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    article = load_article(path)
    assert article.fmt == "html"
    assert "Macron" in article.text and "Login" not in article.text
    assert (article.author, article.outlet, article.date) == (
        "Jane Doe",
        "Example News",
        "2023-05-04",
    )


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"   \n\t\n  ", "empty"),
        ("scan.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "pdf"),
        ("paper.pdf", b"%PDF-1.4 binary", "pdf"),
        ("image.txt", bytes(range(256)) * 40, "binary"),
        ("sheet.docx", b"PK\x03\x04 zip", "unsupported"),
        ("russian.txt", ("Заголовок открываемого материала. " * 30).encode(), "not_english"),
        ("oneline.txt", (PARA + " ") * 3500, "long_line"),
        ("short.txt", b"Just a few words here.", "too_short"),
    ],
)
def test_bad_files_are_refused_with_advice(tmp_path, name, content, kind):
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    with pytest.raises(LoadProblem) as info:
        load_article(path)
    assert info.value.kind == kind
    assert name in str(info.value)


def test_language_detection():
    assert detect_language(PARA) == "en"
    assert (
        detect_language(
            "La France s'oppose à l'ouverture d'un bureau de l'OTAN à Tokyo, "
            "selon le président de la République."
        )
        == "fr"
    )


def test_language_sample_gives_the_whole_text_language():
    # only the first LANGUAGE_SAMPLE_CHARS are read: on every corpus article and seed (some
    # longer than the sample) the answer is that of the whole text
    import py3langid

    paths = [*sorted((CORPUS_DIR / "articles").glob("*.txt")), SEED_000, SEED_001]
    texts = [decode_bytes(p.read_bytes())[0] for p in paths]
    assert max(map(len, texts)) > 2 * LANGUAGE_SAMPLE_CHARS
    for text in texts:
        assert detect_language(text) == py3langid.classify(text)[0] == "en"
    french = (
        "La France s'oppose à l'ouverture d'un bureau de l'OTAN à Tokyo, selon le président. "
    ) * 40
    assert len(french) > LANGUAGE_SAMPLE_CHARS and detect_language(french) == "fr"


def test_seed_hash_is_of_the_bytes():
    import hashlib

    article = load_article(SEED_000)
    assert article.sha256 == hashlib.sha256(SEED_000.read_bytes()).hexdigest()
    assert load_article(SEED_001).article_id == "001_b9b24f8ad2796175"


def test_language_is_decided_on_the_cleaned_body(tmp_path):
    # an English article pasted with its page's menus and cookie banner in German: the whole text
    # reads as German, the cleaned body as English (the language is decided on the body)
    from helpers.ingest import read_article

    menu = [
        "Startseite", "Nachrichten", "Politik", "Wirtschaft", "Kultur", "Anmelden",
        "Wir verwenden Cookies, um Ihnen das beste Nutzererlebnis bieten zu können.",
        "Datenschutzerklärung", "Impressum", "Alle Rechte vorbehalten",
    ]  # fmt: skip
    body = SEED_001.read_text(encoding="utf-8").split("\n")[9:12]
    german = (
        "Die Bundesregierung lehnt die Eröffnung eines NATO-Büros in Tokio ab, sagte ein Sprecher."
    )
    path = tmp_path / "paste.txt"
    path.write_text("\n".join([*menu * 4, german * 3, *body, *menu]), encoding="utf-8")
    assert detect_language(path.read_text(encoding="utf-8")) == "de"
    article, cleaned = read_article(path)
    assert article.language == "en" and "Cookies" not in cleaned.body


def test_no_date_is_a_note(tmp_path):
    from helpers.ingest import read_article
    from helpers.ingest.read import NO_DATE

    path = tmp_path / "undated.txt"
    path.write_text(SEED_001.read_text(encoding="utf-8").split("\n")[9], encoding="utf-8")
    article, _ = read_article(path)
    assert article.date == "" and ("no_date", NO_DATE) in article.notes
    dated, _ = read_article(path, overrides={"date": "2023-07-11"})
    assert dated.date == "2023-07-11" and not dated.notes


def test_resolved_paths_are_those_of_path_resolve(tmp_path):
    # display_path remembers resolved folders: the same answer as Path.resolve for real files,
    # links to files and folders, "..", and relative or missing paths
    import os

    from helpers.ingest.load import resolved_path

    (tmp_path / "real").mkdir()
    article = tmp_path / "real" / "a.txt"
    article.write_text(PARA)
    os.symlink(article, tmp_path / "link.txt")
    os.symlink(tmp_path / "real", tmp_path / "folder")
    paths = [
        SEED_000, SEED_001, *sorted((CORPUS_DIR / "articles").glob("*.txt"))[:5], article,
        tmp_path / "link.txt", tmp_path / "folder" / "a.txt", tmp_path / "real" / ".." / "link.txt",
        tmp_path / "real" / "..", tmp_path / "missing" / "b.txt", tmp_path,
        Path("seeds") / SEED_000.name,  # relative: both resolve it from the working folder
        Path("seeds") / ".." / "seeds" / ".", Path("."),
    ]  # fmt: skip
    for path in paths:
        assert resolved_path(path) == path.resolve(), path


def test_quotations_in_another_language_leave_an_english_article_english(tmp_path):
    """News from Manila quotes officials in Tagalog, with a translation under each quote: the
    narration is English and so is the article; a text in another language is still refused."""
    from helpers.ingest import read_article

    lines = [
        "Malacañang rejected the Vice President’s remarks that the administration is targeting "
        "lawmakers who communicate with her.",
        "“Nandiyan din po iyong mga fake videos, hindi isa, kung hindi dalawa, laban sa pangulo at "
        "sa ating unang ginang. Lahat ng iyan ay fake,” the press officer said.",
        "“So, sino ba talaga ang may kakayanan na gumawa ng karahasan? Sino ba ang nagbabanta ng "
        "buhay? So, sa mga ganyang statement, just tell it to the Marines,” she added.",
        "“Kapag mayroong kumakausap o tumutulong sa akin, binabanatan ng administrasyon, "
        "pina-file-an ng kaso, tini-threaten at hina-harass,” the Vice President said.",
    ]
    path = tmp_path / "manila.txt"
    path.write_text("\n\n".join(lines), encoding="utf-8")
    assert py3langid.classify(path.read_text(encoding="utf-8"))[0] != "en"
    article, _ = read_article(path)
    assert article.language == "en"
    tagalog = tmp_path / "tagalog.txt"
    tagalog.write_text(
        "Ayon sa Malacañang, walang katotohanan ang mga pahayag ng Pangalawang Pangulo tungkol sa "
        "mga senador. Sinabi ng tagapagsalita na ang mga ito ay gawa-gawa lamang at paraan ng "
        "pagpapakalat ng maling impormasyon. “Kasinungalingan iyan,” aniya sa isang briefing.",
        encoding="utf-8",
    )
    with pytest.raises(LoadProblem) as info:
        read_article(tagalog)
    assert info.value.kind == "not_english"
