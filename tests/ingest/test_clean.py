"""Cleaning: boilerplate out with an audit, article text kept, nothing invented."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.ingest.clean import clean_text, is_paragraph, parse_date
from helpers.ingest.load import Article, load_article
from helpers.ingest.segment import split_sentences
from tests.support import CORPUS, SEED_000, SEED_001

S0, S1 = "000_cf5bdca3ca1cd9b9", "001_b9b24f8ad2796175"


@pytest.mark.parametrize(
    ("seed", "line_no", "reason"),
    [
        (S0, 1, "byline"),  # "Masahiro Tauchi, Advisor, DEVNET JAPAN – Former Ambassador ..."
        (S0, 17, "boilerplate:end_marker"),  # "... security coordination. (End)"
        (S0, 18, "references"),  # "[1] 2023/5/3NIKKEI ASIA https://..."
        (S0, 23, "references"),  # a URL alone on a line, belonging to [5]
        (S0, 29, "references"),  # "[12] Nikkei https://..."
        (S1, 1, "boilerplate:site_banner"),  # "- Sputnik International, 1920"
        (S1, 3, "boilerplate:promo"),  # "Enjoy in-depth, acute analysis ... at Sputnik!"
        (
            S1,
            7,
            "boilerplate:photo_credit",
        ),  # "© AFP 2023 / Yoshikazu TSUNO Skyline of central Tokyo"
        (
            S1,
            8,
            "boilerplate:dated_caption",
        ),  # "Skyline of central Tokyo - Sputnik International, 1920, 11.07.2023"
        (S1, 9, "boilerplate:subscribe"),  # "Subscribe"
        (S1, 24, "boilerplate:teaser"),  # "Japan, NATO - Sputnik International, 1920, 11.05.2023"
        (
            S1,
            26,
            "boilerplate:teaser",
        ),  # "NATO's Liaison Office in Japan Part of Plan to Destabilize ..."
        (S1, 33, "boilerplate:comments"),  # "Newsfeed"
        (S1, 36, "boilerplate:comments"),  # "log in or register"
        (S1, 39, "boilerplate:other_script"),  # "Заголовок открываемого материала"
    ],
)
def test_removed_lines_have_their_reason(cleaned_seeds, seed, line_no, reason):
    removed = cleaned_seeds[seed][1].removed
    assert removed.set_index("line_no").loc[line_no, "reason"] == reason


def test_seed_001_body_is_title_plus_article(cleaned_seeds):
    body = cleaned_seeds[S1][1].body
    assert body.startswith(
        "China Comes First: Why NATO's Office in Japan Faces Uncertainty\nAhead of "
        "the NATO summit in Lithuania"
    )
    assert body.endswith("by the end of the year.")
    assert "Destabilize" not in body and "Sputnik International, 1920" not in body
    assert "Subscribe" not in body and "log in" not in body


def test_seed_000_keeps_headings_drops_end_and_footnotes(cleaned_seeds):
    _, cleaned = cleaned_seeds[S0]
    body = cleaned.body
    assert "2. Actions of the United States, Germany, France, and China" in body.split("\n")
    assert "- Establishment of NATO Tokyo liaison office and French opposition" in body.split("\n")
    assert "(End)" not in body and "NIKKEI ASIA https" not in body
    assert body.endswith("security coordination.")
    assert [n for n, _ in cleaned.reference_lines] == list(range(18, 30))


@pytest.mark.parametrize("seed", [S0, S1])
def test_every_body_character_maps_back(cleaned_seeds, seed):
    article, cleaned = cleaned_seeds[seed]
    assert len(cleaned.offsets) == len(cleaned.body)
    assert all(article.text[o] == ch for o, ch in zip(cleaned.offsets, cleaned.body, strict=True))
    assert list(cleaned.offsets) == sorted(set(cleaned.offsets))


def test_removed_line_numbers_point_into_the_file(cleaned_seeds):
    for article, cleaned in cleaned_seeds.values():
        lines = article.text.split("\n")
        for line_no, text in zip(cleaned.removed["line_no"], cleaned.removed["text"], strict=True):
            assert text in lines[line_no - 1]


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("Tuesday, October 8, 2019", "2019-10-08"),  # Wikinews dateline (corpus)
        ("Friday, August 21, 2015", "2015-08-21"),
        ("Skyline of central Tokyo - Sputnik International, 1920, 11.07.2023", "2023-07-11"),
        ("On 3 May this year, the Nikkei Asian Review reported", ""),
    ],
)
def test_parse_date(line, iso):
    assert parse_date(line) == iso


def test_is_paragraph_on_real_lines():
    assert is_paragraph(
        "Therefore, for several years, France has been trying to create a group of "
        "European countries capable of actively manifesting itself in the region."
    )
    assert not is_paragraph("China Comes First: Why NATO's Office in Japan Faces Uncertainty")


line_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\r"), max_size=80
)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.one_of(
            line_text,
            st.sampled_from(
                [
                    "Subscribe",
                    "© AFP 2023 / Photo",
                    "[1] 2023/5/3NIKKEI ASIA https://x.y/z",
                    "https://a.b/c",
                    "Newsfeed",
                    "Analysis",
                    "Tuesday, October 8, 2019",
                    "It is well known that NATO Secretary General Jens Stoltenberg was the driving force behind it.",
                    "Japan, NATO - Sputnik International, 1920, 11.05.2023",
                ]
            ),
        ),
        max_size=25,
    )
)
def test_cleaning_never_invents_text(lines):
    text = "\n".join(lines)
    article = Article(article_id="x", source_path="x.txt", text=text, sha256="0")
    cleaned = clean_text(article)
    assert len(cleaned.offsets) == len(cleaned.body)
    for offset, ch in zip(cleaned.offsets, cleaned.body, strict=True):
        # a space may stand for the line break inside a hard-wrapped paragraph, nothing else
        assert text[offset] == ch or (ch == " " and text[offset] == "\n")
    assert all(b > a for a, b in zip(cleaned.offsets, cleaned.offsets[1:], strict=False))


WHITE_HOUSE = CORPUS / "whitehouse"


def test_hard_wrapped_paragraphs_are_unwrapped():
    # White House readouts are wrapped at ~72 characters: a line break inside a paragraph is a
    # space, so sentences are whole (they were cut at every line: "of Russia." was a sentence)
    path = WHITE_HOUSE / (
        "2021-01-26-readout-of-president-joseph-r-biden-jr-call-with-president-vladimir-putin-of-"
        "russia.md"
    )
    cleaned = clean_text(load_article(path))
    sentences = split_sentences(cleaned.body)["text"].tolist()
    assert sentences[0] == (
        "President Joseph R. Biden, Jr. spoke today with President Vladimir Putin of Russia."
    )
    assert any(s.startswith("He also raised other matters of concern") and s.endswith("Navalny.")
               for s in sentences)  # fmt: skip
    assert len(sentences) == 7 and all(s[0].isupper() for s in sentences)  # none cut mid-way
    assert "\\###" not in cleaned.body  # the press release's end mark is boilerplate
    # without blank lines: a line that stops mid-sentence goes on in the next one
    wrapped = (
        "Talks between the two foreign ministers\nended without agreement on Tuesday, officials\n"
        "said. Both sides promised to meet again\nbefore the summit in Vilnius next month, and\n"
        "the allies welcomed the plan.\nA new paragraph starts here and goes on for a\nwhile longer."
    )
    body = clean_text(Article(article_id="w", source_path="w.txt", text=wrapped, sha256="0")).body
    assert body.count("\n") == 1 and "officials said." in body


def test_one_paragraph_per_line_is_left_as_it_is():
    # news saved one paragraph per line (the seeds, Wikinews): every line stays a paragraph
    for path in [SEED_000, SEED_001, *sorted((CORPUS / "articles").glob("*.txt"))[:10]]:
        cleaned = clean_text(load_article(path))
        assert " " not in {cleaned.body[i] for i in range(len(cleaned.body))
                           if load_article(path).text[cleaned.offsets[i]] == "\n"}, path.name  # fmt: skip


def _real_lines() -> list[str]:
    from tests.support import CORPUS, SEEDS

    paths = [*sorted(SEEDS.glob("*.txt")), *sorted(CORPUS.rglob("*.txt"))]
    return [line for p in paths for line in p.read_text(encoding="utf-8").split("\n")]


def test_joined_rules_answer_as_the_rules_one_by_one():
    # one joined search per line stands for one search per rule: the same answer on every line of
    # the seeds and corpus (and on lines each rule matches), for boilerplate and outlets alike
    from helpers.ingest.clean import _find_outlet, _match_boilerplate, load_outlets, load_patterns
    from helpers.ingest.rules import any_of

    patterns = load_patterns()
    whole = any_of(tuple(p.regex for p in patterns if p.scope == "line"))
    trailing = any_of(tuple(p.regex for p in patterns if p.scope == "trailing"), search=True)
    assert whole is not None and trailing is not None
    lines = _real_lines() + [
        "Subscribe", "Newsfeed", "© AFP 2023 / Photo", "log in or register",
        "Japan, NATO - Sputnik International, 1920, 11.05.2023",
        "... the international community. (End)", "(End)", "Reuters", "By Jane Doe, Reuters",
        "It ended.(END)  ", "x (ends)\t", "(-30-) more", "  (End)",
    ]  # fmt: skip
    for line in lines:
        assert _match_boilerplate(line, patterns, whole, trailing) == _match_boilerplate(
            line, patterns, None, None
        ), line
    assert any_of(tuple(regex for _, regex in load_outlets())) is not None
    for line in lines:
        one_by_one = next((name for name, regex in load_outlets() if regex.search(line)), "")
        assert _find_outlet([line]) == one_by_one, line


def test_rules_that_cannot_be_joined_are_tried_one_by_one():
    import re

    from helpers.ingest.rules import any_of

    assert any_of((re.compile(r"(a)\1"), re.compile("b"))) is None  # group numbers would shift
    assert any_of((re.compile("(?P<x>a)"), re.compile("(?P<x>b)"))) is None  # same group name
    assert any_of((re.compile("a", re.I), re.compile("b"))) is None  # different flags
    assert any_of((re.compile("a"), re.compile("b"))).fullmatch("b")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Reporting by Reuters.", True), ("xReuters", False), ("Reuters-led", True),
        ("(AP) Washington", True), ("SCMP", True), ("South China Morning Posts", False),
        ("AFP 2023 / Photo", False), ("AFP reported", True), ("Sputnik News", True),
        ("Daily news", False), ("", False),
    ],
)  # fmt: skip
def test_rules_sharing_a_word_boundary_answer_as_the_rules_one_by_one(text, expected):
    # outlet rules that open with \b share one \b in the joined regex; rules with a "|" ("\(AP\)")
    # keep their own, since "\bA|\(B\)" is not "\b(?:A|\(B\))"
    import re

    from helpers.ingest.clean import load_outlets
    from helpers.ingest.rules import any_of

    regexes = tuple(regex for _, regex in load_outlets())
    assert any(bool(r.search(text)) for r in regexes) is expected
    assert bool(any_of(regexes).search(text)) is expected
    mixed = (re.compile(r"\bA\b|\(B\)"), re.compile(r"\bC"), re.compile(r"D\b"))
    for probe in ("(B)", "xC", "C", "xD", "A", "xA"):
        assert bool(any_of(mixed).search(probe)) == any(r.search(probe) for r in mixed), probe
        assert bool(any_of(mixed).fullmatch(probe)) == any(r.fullmatch(probe) for r in mixed), probe


def test_removed_frame_is_the_frame_pandas_builds_from_the_rows():
    # the removed-lines table is built column by column; the same frame as pandas' row-wise
    # constructor (types, index, column labels) on the seeds and corpus, and when nothing is removed
    import pandas as pd

    from helpers.ingest.clean import REMOVED_COLUMNS
    from helpers.ingest.load import load_article
    from tests.support import CORPUS, SEEDS

    paths = [*sorted(SEEDS.glob("*.txt")), *sorted(CORPUS.rglob("*.txt"))]
    cleaned = [clean_text(load_article(p)) for p in paths]
    plain = Article(article_id="x", source_path="x.txt", text="One plain line.", sha256="0")
    cleaned.append(clean_text(plain))
    assert any(c.removed.empty for c in cleaned) and not all(c.removed.empty for c in cleaned)
    for c in cleaned:
        rows = list(c.removed.itertuples(index=False, name=None))
        expected = pd.DataFrame(rows, columns=REMOVED_COLUMNS)
        pd.testing.assert_frame_equal(
            c.removed, expected, check_exact=True, check_index_type=True, check_column_type=True
        )
        assert c.removed.dtypes.tolist() == expected.dtypes.tolist()
        assert c.removed.columns.dtype == expected.columns.dtype


def test_is_paragraph_counts_words_as_a_full_split_does():
    # is_paragraph stops splitting after the twelfth word: the same answer as counting all words
    from helpers.ingest.clean import _TERMINAL

    lines = _real_lines() + [" ".join(["word"] * n) + "." for n in range(9, 15)]
    lines += [" ".join(["w"] * 11) + " twelve.  ", "\u2003".join(["w"] * 12) + ".", "a b."]
    assert any(is_paragraph(line) for line in lines)
    for line in lines:
        full = bool(_TERMINAL.search(line)) and len(line.split()) >= 12
        assert is_paragraph(line) == full, line


def test_search_only_joins_drop_a_leading_space_run():
    # search finds \s*X exactly where it finds X; fullmatch does not, so only search joins drop it
    import re

    from helpers.ingest.rules import any_of

    rules = (re.compile(r"\s*\(end\)$"), re.compile(r"\s*?x\b|y"), re.compile(r"\s*z"))
    probes = ["(end)", " (end)", "a(end) ", "x", "  x", "xy", "y", "zz", " z", "nothing", ""]
    for probe in probes:
        assert bool(any_of(rules, search=True).search(probe)) == any(
            r.search(probe) for r in rules
        ), probe
        assert bool(any_of(rules).fullmatch(probe)) == any(r.fullmatch(probe) for r in rules)
