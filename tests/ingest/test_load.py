"""Loading: encodings, front matter, HTML, manifests and refusals that name the file."""

from __future__ import annotations

import codecs
from pathlib import Path

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


def _language_samples() -> list[str]:
    """Real articles, other languages and scripts, and texts too short for most features."""
    paths = [*sorted((CORPUS_DIR / "articles").glob("*.txt")), SEED_000, SEED_001]
    texts = [decode_bytes(p.read_bytes())[0] for p in paths]
    texts += [
        "La France s'oppose à l'ouverture d'un bureau de l'OTAN à Tokyo, selon le président.",
        "Die Bundesregierung lehnt die Eröffnung eines NATO-Büros in Tokio ab.",
        "El presidente francés se opuso a la apertura de una oficina de la OTAN en Tokio.",
        "Президент Франции выступил против открытия офиса НАТО в Токио.",
        "フランスの大統領は東京にNATO事務所を開設することに反対した。",
        "法国总统反对在东京设立北约办事处。",
        "الرئيس الفرنسي يعارض فتح مكتب لحلف الناتو في طوكيو",
        "Ο Γάλλος πρόεδρος αντιτίθεται στο γραφείο του ΝΑΤΟ στο Τόκιο.",
        "NATO OFFICE IN TOKYO FACES FRENCH OPPOSITION",
        *["", "a", "é", "ab", "NATO", "日本", "the", " \n\t", "123 456"],
    ]
    return texts + [t[:n] for t in texts[-20:-9] for n in (1, 3, 5, 7, 12)]


def test_language_detection_is_py3langids_answer():
    # detect_language counts py3langid's features with numpy instead of its byte loop: the answer
    # must be py3langid's own, for any text, not only English news
    import py3langid

    for text in _language_samples():
        sample = text[:LANGUAGE_SAMPLE_CHARS]
        assert detect_language(text) == py3langid.classify(sample)[0], text[:60]


def test_language_features_and_scores_are_py3langids():
    # helpers.ingest.language counts the features with a numpy walk and scores them with a float16 ->
    # float32 table: the same counts in the same order (the order of the floating-point sums) and
    # bit for bit the same scores as py3langid's own walk and scoring
    import numpy as np
    from py3langid.langid import _get_identifier, visit_counts

    from helpers.ingest import language

    ident = _get_identifier()
    # a new py3langid: check these tests pass with it, then add it to language.CHECKED_VERSIONS
    assert language._model() is not None, "py3langid version not in language.CHECKED_VERSIONS"
    assert language._model()[4] >= 4  # the automaton's depth: n-grams of four bytes at least
    for text in _language_samples():
        sample = text[:LANGUAGE_SAMPLE_CHARS]
        data = ident._encode(sample)
        want = visit_counts(ident.tk_nextmove, ident._rowbase, ident.tk_output, data) or {}
        idx, counts = language.features(data)
        assert list(zip(idx.tolist(), counts.tolist(), strict=True)) == list(want.items())
        assert np.array_equal(language.scores(sample), ident._decide(sample)), sample[:60]


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
