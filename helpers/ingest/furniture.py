"""Page furniture in text pasted from a web page, found without any per-site pattern.

A browser's select-all and copy gives the article together with the page around it: menus, share
bars, cookie banners, newsletter boxes, related headlines, comment forms and footers. Following
jusText (Pomikálek 2011) and the shallow-text-feature studies of boilerplate (Kohlschütter,
Fankhauser and Nejdl 2010), each line is first judged alone, then by where it stands:

1. **Each line alone** (:func:`classify_line`). A *good* line reads as prose: enough words, many
   of them function words (``data/stopwords.csv``), a sentence ending. A *bad* line is furniture by
   its own words (``data/furniture.csv``): a short line made of navigation, share or sign-in words
   ("See All", "Share on Facebook"), a row of link texts pasted without spaces, a call to
   subscribe, a copyright notice, a disclaimer, a comment form, a "Read more: …" teaser. A
   furniture phrase inside a sentence of the line's own ("the two have more in common than ...")
   and a short statement naming a platform ("Twitter declined to comment.") are no furniture.
   A line is read as it looks: letters of other scripts that look Latin (``data/lookalikes.csv``:
   "Yоur соntеnt" with Cyrillic о, с, е) are read as Latin, and a line disguised with them is
   spam. The page's own metadata on a line of its own ("2:54pm", "2 months ago", "BVINEWS.COM",
   "Release Date:") goes wherever it stands, alone, unless nothing else in the text is furniture
   (a transcript's "12:53 P.M. EST"). Other lines are *near* (medium length) or *short*,
   undecided.
2. **The article** (:func:`find_furniture`). The article is the run of good lines holding the most
   words, bridging short gaps (a heading, a list, a caption, an "Advertisement" between two
   paragraphs); further runs nearly as long join it when no block of furniture separates them.
   A "Read more" label with one headline under it and the article's paragraphs after it is a
   teaser inside the article, not its end. The article's last paragraphs are not its own when
   they are an author's note ("Jane Doe is a freelance writer based in ...", the name in no
   paragraph above) or the prose of a sign-up box or paywall calling on the reader ("Get regular
   updates ...", "First-time subscribers also receive ...!").
3. **Context.** Inside the article an undecided line stays (losing article text is worse than
   keeping furniture), a bad line goes. Just above the article, the headline block stays (title,
   standfirst, a short label under it) up to the first run of menu-like lines. Outside the article
   every line goes (menus before it, related links, comments and footers after it) but a block
   of three or more prose lines in a row that do not speak to the reader: the article's second
   half after an inline box reads so, a list of related teasers, a sign-up box or a comment does
   not. After the article, a line speaking to the reader or opening with a call ("Learn how to
   ...") goes, and so does a list of other stories: three lines in a row that end no sentence
   (unless a line ending with a colon introduced them). Teasers cut off by an ellipsis ("... on
   December 13,…") go wherever they stand when a text has two or more. A clean text (every line
   prose, or a short line or two at its very end) loses nothing; a hard-wrapped one (e-mail, a
   wire story) loses only the furniture closing it (:func:`furniture_at_end`).
4. **Repetition across a run** (:func:`repeated_lines`). A line that recurs in other files of the
   same folder is furniture of the site they came from ("Sign up for our newsletter", the menu),
   unless it reads as prose and recurs in only one other file (the same wire story pasted twice).
   It needs every file of the run, so :func:`helpers.ingest.inputs.collect_files` computes it once
   per folder and passes each file its own lines (``overrides["repeated_lines"]``), which also puts
   them into the file's cache key.

Every removal keeps its reason (``furniture:<kind>``, among them ``furniture:metadata``,
``furniture:counter`` ("2,489 views"), ``furniture:machinery`` (a shortcode, a hexadecimal key),
``furniture:lookalikes``, ``furniture:bio``; ``furniture:outside_article``,
``furniture:other_files``) for ``removed_lines.csv``; ``benchmarks/boilerplate.py`` measures how many
article and furniture snippets of real pasted pages survive.
"""

from __future__ import annotations

import csv
import hashlib
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..paths import data_file

_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_TERMINAL = re.compile(r"""[.!?…:]["'’”)\]]*\s*$""")
_READER = frozenset({"you", "your", "us", "our"})
#: Words of a line that speaks to the reader or for the site ("Please sign in to join the
#: discussion", "we'll never pass on your details")
_ADDRESS = _READER | {"we", "please"}
_ADDRESS |= {f"{w}{a}{v}" for w in ("we", "you") for a in "'’" for v in ("re", "ll", "ve", "d")}
_CODE = re.compile(r"""[{}\[\]=;]|\w\(|^\s*["'#]\w""")
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")  # quoted speech: its "we" and "you" are the speaker's
#: Link texts pasted without a space between them ("Related TopicsDefenceJapanPolitics"): a
#: lower-case letter run straight into an upper-case one, as it does not in a word ("YouTube",
#: "McCain" have fewer than three lower-case letters before the capital)
_GLUED = re.compile(r"[^\W\d_A-Z]{3}(?=[A-Z])")
_GLUED_LABEL = re.compile(r".{3,40}?[a-z](?=[A-Z])")  # "Previous articleTrain carrying ..."
#: a line cut off mid-sentence by an ellipsis: "... on December 13,…", "... the Federal…"
_CUT_OFF = re.compile(r"[^\W_][,;:]?[\"”’]?\s?(?:…|\.\.\.|\[…\]|\[\.\.\.\])$")
_HASHTAG = re.compile(r"#\w+")  # "#BlackLivesMatter" is glued on purpose
_HASHTAG_LINE = re.compile(r"(?:#\w+[\s,]*){3,}")  # a line of hashtags and nothing else
# one slug of hyphenated words, one of them an advert's: "ad-papillon-banner", "Playa-Linda-Ad"
_AD_SLUG = re.compile(r"[\w-]*\b(?:ad|ads|banner|advert|promo)\b[\w-]*", re.I)
#: A line with at least this many such joins, one for every two words or more, is a row of links
#: (an entry of a reference list followed by its glued link texts has far more words).
GLUED_LINKS = 3
_CONTACT = re.compile(r"\S+@\S+\.[a-z]{2,}|(?<!\w)@\w{2,}", re.I)
#: Letters that Unicode's compatibility form (NFKC) writes as Latin ones, used like the
#: look-alikes of data/lookalikes.csv: full-width ("ｅ") and mathematical ("𝐒𝐮𝐛") letters
_COMPAT_LETTERS = "\uff21-\uff3a\uff41-\uff5a\U0001d400-\U0001d7ff"
_COMPAT = re.compile(f"[{_COMPAT_LETTERS}]")

# The page's own metadata on a line of its own, wherever it stands (kind ``metadata``; labels
# such as "Release Date:" are start labels in data/furniture.csv):
#: a time, alone or with its date, weekday and zone: "2:54pm", "10:15 AM EDT", "17 April 2012 •
#: 2:54pm", "August 5, 2019 at 1:46 pm"
_TIME = re.compile(r"\b\d{1,2}:\d\d(?::\d\d)?(?:\s?[ap]\.?m\b\.?)?|\b\d{1,2}\s?[ap]\.?m\b\.?", re.I)
_TIME_WORDS = frozenset(
    "january february march april may june july august september october november december"
    " jan feb mar apr jun jul aug sep sept oct nov dec"
    " monday tuesday wednesday thursday friday saturday sunday"
    " mon tue tues wed thu thur thurs fri sat sun"
    " am pm a p m at on st nd rd th h"
    " gmt utc bst cet cest eet eest est edt cst cdt mst mdt pst pdt hst ist jst kst msk sgt hkt"
    " aest aedt acst awst nzst nzdt wat eat cat ast adt et ct mt pt".split()
)
#: a time ago: "2 months ago", "Asked 8 years, 2 months ago", "Updated an hour ago", "1d ago"
_AGO = re.compile(
    r"^(?:[^\W\d_]+\s+)?(?:(?:(?:\d+|an?|one|a few)\s+(?:sec(?:ond)?|min(?:ute)?|h(?:ou)?r|day"
    r"|week|month|year|yr)s?|\d+\s?[smhdwy])[,\s]+(?:and\s+)?)+ago\.?$",
    re.I,
)
#: a bare domain: "BVINEWS.COM", "example.co.uk" (its ending all in lower or all in upper case,
#: so "Mr.Smith" is none; a file name, "setup.py", "notes.txt", is none either)
_DOMAIN = re.compile(
    r"^(?:www\.|WWW\.)?[A-Za-z0-9][A-Za-z0-9-]*(?:\.[A-Za-z0-9-]+)*\.([a-z]{2,6}|[A-Z]{2,6})/?$"
)
#: a counter of the page: "2,489 views", "12 Comments", "3 min read", "1.2K shares", with at most
#: two tokens after it ("450 views Politics 0": a section and a comment count)
_COUNTER = re.compile(
    r"^\d[\d,.]*\s?[kKmM]?\s+(?:views?|comments?|shares?|likes?|reads?|min(?:ute)?s?\s+read)"
    r"(?:\s+\S+){0,2}$",
    re.I,
)
#: an image's file name alone on a line (its alt text pasted): "Manalo_Slovenia presser.jpeg"
_IMAGE_NAME = re.compile(r"\S\.(?:jpe?g|png|gif|webp|avif)$", re.I)
IMAGE_NAME_WORDS = 6
#: A shortcode or template tag left in the text ("[contentblock id=1 img=adsense.png]"), a line
#: ending in a long hexadecimal key or a rule of underscores ("____" above a wire story's footer):
#: the page's machinery, not its words
_MACHINERY = re.compile(r"^\[/?[a-z_]+(?:\s+[^\]]*)?\]$|\b[0-9a-f]{32,}$|^_{3,}$")
#: what a line of metadata has: a digit, a dot inside a word, or "ago" at its end
_METADATA_HINT = re.compile(r"\d|\.\w|ago\.?$", re.I)
_FILE_ENDINGS = frozenset(
    "py pyc ipynb r rs rb pl pm sh el js ts jsx tsx go cs cc cpp hpp java kt jl lua md rst txt csv"
    " tsv json yml yaml toml ini cfg xml html htm css php sql tex bib log pdf doc docx xls xlsx"
    " ppt pptx odt jpg jpeg png gif svg webp mp3 mp4 mov avi wav zip gz tar bz2 xz exe dll so dmg"
    " deb rpm apk bat ps1".split()
)
#: An author's note: "<Name> is the co-founder of ...", "<Name> is a freelance writer based in
#: ...", "<Name> is professor emeritus of ..." (a role of data/furniture.csv among the words
#: before "at", "of", "for", ...)
_BIO = re.compile(
    r"^(?P<name>[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|de|van|von|der|al|bin|da|di|du|le|la)){0,3})"
    r"\s+is\s+(?:(?:a|an|the|also|currently|now)\s+){0,2}(?P<role>(?:[\w&/’'-]+,?\s+){0,6}?)"
    r"(?:at|of|for|with|in|on|based|who|and)\b"
)
#: The next sentences of an author's note speak of the author ("She is also ...", "His research
#: ...", "Before that, he was ...") or of how to reach them
_BIO_NEXT = frozenset(
    "he she they his her their previously before prior earlier follow email contact find reach"
    " connect you visit".split()
)
_SENTENCE_END = re.compile(r"(?<=[a-z0-9)\]][.!?])[\"”’']?\s+(?=[\"“‘']?[A-Z])")

#: Furniture that ends an article's text when it stands as a label ("Related posts",
#: "Comments", "Tags: ..."): the article does not run on across it. (Share bars stand above,
#: inside and below articles alike.)
BREAK_KINDS = frozenset({"related", "comments", "tags"})

#: A good line: at least this many words, and this share of function words.
GOOD_WORDS = 10
GOOD_STOPWORDS = 0.25
#: A near line: at least this many words and this share of function words.
NEAR_WORDS = 6
NEAR_STOPWORDS = 0.15
#: A furniture phrase marks a line of at most this many words (longer ones are prose that uses it).
PHRASE_MAX_WORDS = 25
LEGAL_MAX_WORDS = 40
#: A phrase of kind ``notice`` (an affiliate disclosure, a browser warning) marks a line of at
#: most this many words: "Some links on this page are affiliate links: if you buy ..."
NOTICE_MAX_WORDS = 60
#: A phrase this many words into a sentence of this many words that does not speak to the reader
#: is the sentence's own ("Paris and Berlin have more in common on China than ...", "ministers
#: did not jump to conclusions", "a loan, with more from the IMF to follow"), not furniture
#: (legal ones aside).
PROSE_PHRASE_AFTER = 2
PROSE_PHRASE_WORDS = 6
#: ... but a line of at most this many words, with no sentence ending, that ends with a phrase of
#: these kinds (one word may follow it) is a notice of the page: "This post is for paying
#: subscribers only", "Load app to read more comments".
NOTICE_LINE_WORDS = 8
NOTICE_LINE_KINDS = frozenset({"subscribe", "comments", "advert"})
#: Teasers of other articles cut off by an ellipsis: at least this many lines of at least this
#: many words.
TEASER_LINES = 2
TEASER_WORDS = 4
#: A short label closing a hard-wrapped text above or below its furniture ("Newsday") has at
#: most this many words.
LABEL_WORDS = 3
#: A short line of counts (at most this many words, of these kinds) under a headline goes alone: the
#: headline above it stays.
TALLY_WORDS = 4
TALLY_REASONS = frozenset({"furniture:counter", "furniture:comments", "furniture:share"})
#: After the article, this many lines in a row of four words or more, none ending a sentence, are
#: a list of other stories (headlines, teasers cut short), not the article's closing list (unless
#: a line ending with a colon introduces it).
HEADLINE_RUN = 3
#: Between two good lines of one article: at most this many bad lines and this many lines in all.
GAP_BAD = 2
GAP_LINES = 12
#: Another run of good lines joins the article when it has this share of the article's words.
JOIN_SHARE = 0.05
#: Across a label that ends an article, a run joins only with this share of the article's words.
JOIN_ACROSS_BREAK = 0.5
#: The lines of a box under a sign-up, share or related label: at most this many.
BOX_LINES = 4
BOX_KINDS = frozenset({"related", "subscribe", "share"})
#: The headline block above the article: at most this many lines, stopped by this many menu lines.
HEADER_LINES = 6
MENU_RUN = 3
#: Lines after the article's last paragraph that may still belong to it (a list, a sign-off).
TAIL_LINES = 8
#: Lines before the article's first paragraph (or after its last) kept when nothing else
#: precedes (follows) them: the title and closing line of a clean text.
CLEAN_ENDING = 2
#: Prose lines in a row outside the article that stay (the article's second half after a box).
BLOCK_PARAGRAPHS = 3
#: A line recurring in other files counts as furniture up to this length (longer: never the same).
REPEAT_MAX_CHARS = 300
#: A line is disguised furniture (spam written with look-alike letters to get past filters: "Yоur
#: соntеnt іѕ dеlіvеrеd" with Cyrillic о, с, е, і, ѕ) when at least this many of its words, and
#: this share of them, mix Latin letters with look-alikes (a name typed once with a Cyrillic і
#: in a paragraph is no disguise).
LOOKALIKE_WORDS = 2
LOOKALIKE_SHARE = 0.25
#: A line of the page's own metadata (a time, a time ago, a domain, a label such as "Release
#: Date:") has at most this many words.
METADATA_MAX_WORDS = 8
#: An author's note or a sign-up box closing the article: at most this many prose lines each, and
#: fewer words than the article keeps.
TRIM_LINES = 3


@dataclass(frozen=True)
class Vocabulary:
    """The word lists of ``data/furniture.csv``, ``data/stopwords.csv`` and
    ``data/lookalikes.csv``, compiled."""

    stopwords: frozenset[str]
    words: dict[str, str]  # furniture word -> kind
    strong: frozenset[str]  # platform, account and subscription words
    phrases: re.Pattern[str]  # searched in the lower-cased line; group 1: the phrase
    notices: re.Pattern[str]  # the phrases of kind notice alone, for longer lines
    starts: re.Pattern[str]  # matched at the start of the lower-cased line; group 1: the label
    kinds: dict[tuple[str, str], str]  # (scope, phrase) -> kind
    calls: frozenset[str] = frozenset()  # verbs opening a call to the reader ("Get", "Learn")
    roles: frozenset[str] = frozenset()  # what a person is, in an author's note ("co-founder")
    lookalikes: dict[int, str] = field(default_factory=dict)  # str.translate table to Latin
    #: finds a character that may be a look-alike (of the table, or a full-width or
    #: mathematical letter that Unicode's compatibility form turns into a Latin one)
    disguise: re.Pattern[str] = re.compile("(?!)")


@lru_cache(maxsize=2)
def load_vocabulary(
    furniture: str | Path = "furniture.csv",
    stopwords: str | Path = "stopwords.csv",
    lookalikes: str | Path = "lookalikes.csv",
) -> Vocabulary:
    """Read the furniture vocabulary, the stop words and the look-alike letters (names under
    ``data/`` or paths).

    Example:
        >>> vocab = load_vocabulary()
        >>> vocab.words["facebook"], "the" in vocab.stopwords, "get" in vocab.calls
        ('share', True, True)
        >>> "Yоur".translate(vocab.lookalikes)  # a Cyrillic о
        'Your'
    """
    words: dict[str, str] = {}
    strong: set[str] = set()
    phrases: dict[str, list[str]] = {}
    starts: dict[str, list[str]] = {}
    calls: set[str] = set()
    roles: set[str] = set()
    path = _path(furniture)
    with path.open(encoding="utf-8", newline="") as fh:
        for line_no, row in enumerate(csv.DictReader(fh), start=2):
            phrase = (row.get("phrase") or "").strip().lower()
            kind = (row.get("kind") or "").strip()
            scope = (row.get("scope") or "").strip()
            if not phrase or not re.fullmatch(r"[a-z_]+", kind):
                raise ValueError(f"{path}:{line_no}: a row needs a phrase and a kind (a-z, _)")
            if scope in ("word", "strong"):
                words[phrase] = kind
                if scope == "strong":
                    strong.add(phrase)
            elif scope in ("phrase", "start"):
                (phrases if scope == "phrase" else starts).setdefault(kind, []).append(phrase)
            elif scope in ("call", "role"):
                (calls if scope == "call" else roles).add(phrase)
            else:
                raise ValueError(
                    f"{path}:{line_no}: scope must be word, strong, phrase, start, call or role,"
                    f" not {scope!r}"
                )
    with _path(stopwords).open(encoding="utf-8", newline="") as fh:
        stop = frozenset(row["word"].strip().lower() for row in csv.DictReader(fh))
    table: dict[int, str] = {}
    path = _path(lookalikes)
    with path.open(encoding="utf-8", newline="") as fh:
        for line_no, row in enumerate(csv.DictReader(fh), start=2):
            char, latin = row.get("char") or "", row.get("latin") or ""
            if len(char) != 1 or not latin.isascii() or not latin.isalpha():
                raise ValueError(f"{path}:{line_no}: a row needs one char and its Latin letter(s)")
            table[ord(char)] = latin
    chars = "".join(sorted(map(chr, table)))
    return Vocabulary(
        stop,
        words,
        frozenset(strong),
        _joined(phrases, r"(?<!\w)({})(?!\w)"),
        _joined({"notice": phrases.get("notice", [])}, r"(?<!\w)({})(?!\w)"),
        # (a hyphen only with a space before it: "Watch - ..." is a label, "Watch-list" a word)
        _joined(starts, r"\W*({})(?:\s*(?:[:|»›>•–—(]|$)|\s+-|\s{{2,}}(?=\S))"),
        {
            (scope, p): kind
            for scope, by_kind in (("phrase", phrases), ("start", starts))
            for kind, ps in by_kind.items()
            for p in ps
        },
        frozenset(calls),
        frozenset(roles),
        table,
        re.compile(f"[{re.escape(chars)}{_COMPAT_LETTERS}]"),
    )


def _path(name: str | Path) -> Path:
    return Path(name) if isinstance(name, Path) or "/" in str(name) else data_file(name)


def _joined(by_kind: dict[str, list[str]], template: str) -> re.Pattern[str]:
    """One regex for every phrase (longest first, so the longest wins), in one group: a single
    alternation of lower-case literals is much faster than a group per kind."""
    phrases = sorted({p for ps in by_kind.values() for p in ps}, key=len, reverse=True)
    return re.compile(
        template.format("|".join(re.escape(p) for p in phrases)) if phrases else "(?!)"
    )


@dataclass(frozen=True)
class LineClass:
    """What one line is on its own: ``kind`` good, near, short or bad, and why."""

    kind: str
    words: int
    reason: str = ""
    #: bad only by where it stands (a box under a label, a line recurring in other files), not by
    #: its own words: it does not split the article's prose
    weak: bool = False


def classify_line(line: str, *, vocabulary: Vocabulary | None = None) -> LineClass:
    """Judge one line by its own words: ``good`` prose, ``bad`` furniture, or ``near``/``short``.

    Example:
        >>> classify_line("Share on Facebook").reason, classify_line("See All").kind
        ('furniture:share', 'bad')
        >>> classify_line("The police have now released the identities of the two people killed.").kind
        'good'
        >>> classify_line("Eye in the sky").kind
        'short'
    """
    vocab = vocabulary or load_vocabulary()
    text = line.strip()
    if not text.isascii() and vocab.disguise.search(text):
        # judged as read: "Yоur соntеnt" (with a Cyrillic о, с, е) is "Your content"
        plain, mixed = fold_lookalikes(text, vocabulary=vocab)
        if mixed:
            words = len(_WORD.findall(plain))
            if mixed >= LOOKALIKE_WORDS and mixed >= LOOKALIKE_SHARE * words:
                return LineClass("bad", words, "furniture:lookalikes")
            text = plain
    tokens = _WORD.findall(text)
    n = len(tokens)
    if ("[" in text or text[-1:] in "0123456789abcdef_") and _MACHINERY.search(text):
        return LineClass("bad", n, "furniture:machinery")
    if n <= IMAGE_NAME_WORDS and _IMAGE_NAME.search(text):
        return LineClass("bad", n, "furniture:machinery")  # "Manalo_Slovenia presser.jpeg"
    if text[:1] == "#" and _HASHTAG_LINE.fullmatch(text):
        return LineClass("bad", n, "furniture:tags")  # "#Ethiopia #Army #News #Video"
    if "-" in text and _AD_SLUG.fullmatch(text):
        return LineClass("bad", n, "furniture:advert")  # an advert image's name: "Playa-Linda-Ad"
    counted = text.lstrip("·•|-–— ")  # "·1 min read" after a byline's dot
    if counted[:1].isdigit() and _COUNTER.match(counted):
        return LineClass("bad", n, "furniture:counter")
    folded = text.lower()
    start = vocab.starts.match(folded)
    if start:
        kind = vocab.kinds["start", start[1]]
        if kind == "metadata":
            if n <= METADATA_MAX_WORDS:
                return LineClass("bad", n, "furniture:metadata", weak=True)
        elif n <= LEGAL_MAX_WORDS or kind == "legal":  # "Disclaimer: ..." at any length
            return LineClass("bad", n, f"furniture:{kind}")
    glued = _GLUED_LABEL.match(text) if n > 2 else None
    if glued and len(_GLUED.findall(text)) < GLUED_LINKS:
        # a label glued to the headline or notice it opens: "Next articleIK requests ..." (not
        # a row of links, "Related TopicsDefenceJapan...": navigation, below)
        label = vocab.phrases.search(glued[0].lower())
        if label and label.end(1) == len(glued[0]) and label.start(1) <= 6:
            return LineClass("bad", n, f"furniture:{vocab.kinds['phrase', label[1]]}")
    if n <= METADATA_MAX_WORDS and len(text) <= 60 and _METADATA_HINT.search(text):
        if _is_metadata(text, tokens):
            return LineClass("bad", n, "furniture:metadata", weak=True)
    if n <= NOTICE_MAX_WORDS:  # (a longer paragraph is furniture by its words only as above)
        phrase = (vocab.phrases if n <= LEGAL_MAX_WORDS else vocab.notices).search(folded)
        if phrase and _phrase_marks(
            vocab.kinds["phrase", phrase[1]], text, folded, phrase, n, vocab
        ):
            return LineClass("bad", n, f"furniture:{vocab.kinds['phrase', phrase[1]]}")
    if not n:
        return LineClass("short", 0)
    lower = [t.lower() for t in tokens]
    if n > 30:  # too long for any rule on furniture words: prose or not, by its function words
        return _by_function_words(text, lower, vocab)
    joins = len(_GLUED.findall(_HASHTAG.sub(" ", text) if "#" in text else text))
    if joins >= GLUED_LINKS and joins * 2 >= n:
        return LineClass("bad", n, "furniture:navigation")
    kinds = [vocab.words.get(t) for t in lower]
    menu = sum(k is not None for k in kinds)
    # platform and account words (and an e-mail address or @handle) in a line that speaks to
    # the reader: "Follow us on Twitter and Instagram", "Get the newsletter"
    contacts = _CONTACT.findall(text) if "@" in text else []
    # (an e-mail address counts twice: "Got a view on this? Send your letter to letters@...")
    strong = sum(t in vocab.strong for t in lower) + sum(1 + ("." in c) for c in contacts)
    unquoted = [t.lower() for t in _WORD.findall(_QUOTED.sub(" ", text))] if strong else []
    reader = sum(t in _READER for t in unquoted)
    code = bool(_CODE.search(text))  # "print(results)" is code, not a print button
    if not code and (
        (n <= 5 and (menu * 2 >= n or strong) and not _short_report(text, lower, reader, vocab))
        or (n <= 10 and menu * 4 >= n * 3)
        or (strong >= 2 and reader)
    ):
        kind = Counter(k for k in kinds if k).most_common(1)[0][0] if menu else "share"
        return LineClass("bad", n, f"furniture:{kind}")
    return _by_function_words(text, lower, vocab)


def fold_lookalikes(text: str, *, vocabulary: Vocabulary | None = None) -> tuple[str, int]:
    """The text with look-alike letters written as the Latin ones, and how many words mixed them.

    A text is folded only when a word of it mixes Latin letters with look-alikes (of
    ``data/lookalikes.csv``, or full-width and mathematical letters): a line of Russian or Greek
    stays as it is. Cleaning judges a line by its folded text and never changes the line.

    Example:
        >>> fold_lookalikes("Yоur соntеnt іѕ dеlіvеrеd")  # Cyrillic о, с, е, і, ѕ
        ('Your content is delivered', 3)
        >>> fold_lookalikes("Путин said in Moscow")
        ('Путин said in Moscow', 0)
    """
    vocab = vocabulary or load_vocabulary()
    if text.isascii() or not vocab.disguise.search(text):
        return text, 0
    mixed = sum(
        1
        for word in _WORD.findall(text)
        if not word.isascii() and any(ch.isascii() for ch in word) and _fold(word, vocab) != word
    )
    return (_fold(text, vocab), mixed) if mixed else (text, 0)


def _fold(text: str, vocab: Vocabulary) -> str:
    text = text.translate(vocab.lookalikes)
    if _COMPAT.search(text):
        text = _COMPAT.sub(lambda m: unicodedata.normalize("NFKC", m[0]), text)
    return text


def _is_metadata(text: str, tokens: list[str]) -> bool:
    """A line of the page's own metadata: a time (with its date), a time ago, a bare domain."""
    if text[-4:].lower().endswith(("ago", "ago.")):
        return bool(_AGO.match(text))
    if "." in text and " " not in text:
        domain = _DOMAIN.match(text)
        if domain:
            return domain[1].lower() not in _FILE_ENDINGS
    if ":" in text or "m" in text or "M" in text:
        # a time with a word of time around it ("0:15" alone may be how long a recipe takes)
        return (
            bool(tokens)
            and all(t.lower() in _TIME_WORDS for t in tokens)
            and bool(_TIME.search(text))
        )
    return False


def _short_report(text: str, lower: list[str], reader: int, vocab: Vocabulary) -> bool:
    """A short sentence of news that names a platform, not a button: "Twitter declined to
    comment." (a statement of three words or more, not speaking to the reader, not opening with a
    furniture word other than a platform's name, as "Join the newsletter." does)."""
    if len(lower) < 3 or reader or not text.rstrip().rstrip("\"'’”)]").endswith("."):
        return False  # (a question or a cry is a call to the reader: "Already have an account?")
    first = lower[0]
    return first not in vocab.words or (first in vocab.strong and vocab.words[first] == "share")


def _phrase_marks(
    kind: str, text: str, folded: str, phrase: re.Match, n: int, vocab: Vocabulary
) -> bool:
    """Whether a furniture phrase makes a line of ``n`` words furniture (see the constants)."""
    if kind == "legal":  # (not inside someone's words: '"… the usual terms and conditions," he said')
        return n <= LEGAL_MAX_WORDS and not _quoted_at(folded, phrase.start(1))
    if kind == "notice":
        return True  # (up to NOTICE_MAX_WORDS)
    at = phrase.start(1)
    if kind == "credit" and len(text) == len(folded):
        rest = text[phrase.end(1) :].strip(" :")
        if rest and not rest[:1].isupper():
            return False  # "powered by WordPress" names the site's maker, "powered by coal" not
    if kind in NOTICE_LINE_KINDS and n <= NOTICE_LINE_WORDS and not _ends_sentence(text):
        if len(_WORD.findall(folded[phrase.end(1) :])) <= 1:
            return True  # a notice that ends with it: "This post is for paying subscribers only"
    return n <= PHRASE_MAX_WORDS and not (
        len(text) == len(folded) and _in_sentence(text, folded, at, vocab)
    )


def _quoted_at(text: str, at: int) -> bool:
    """Whether position ``at`` of a line stands inside a quotation that opened before it."""
    before = text[:at]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


def _in_sentence(text: str, folded: str, at: int, vocab: Vocabulary) -> bool:
    """Whether a phrase found at ``at`` stands inside a sentence of the line's own: words before
    it, in lower case, a sentence's share of function words, and no word speaking to the reader."""
    if len(_WORD.findall(folded[:at])) < PROSE_PHRASE_AFTER or not text[at : at + 1].islower():
        return False  # (a label keeps its capital: "... Read more here", "| Most Popular")
    tokens = _WORD.findall(folded)
    if len(tokens) < PROSE_PHRASE_WORDS or any(t in _ADDRESS for t in tokens):
        return False
    if tokens[0] in vocab.calls:  # a call to the reader: "Learn how to ... read the rest of ..."
        return False
    return sum(t in vocab.stopwords for t in tokens) >= GOOD_STOPWORDS * len(tokens)


def _by_function_words(text: str, lower: list[str], vocab: Vocabulary) -> LineClass:
    """Good, near or short by length, share of function words and a sentence ending."""
    n = len(lower)
    stop = sum(t in vocab.stopwords for t in lower) / n
    if n >= GOOD_WORDS and stop >= GOOD_STOPWORDS and _ends_sentence(text):
        return LineClass("good", n)
    if n >= 2 * GOOD_WORDS and stop >= GOOD_STOPWORDS:
        return LineClass("good", n)
    if n >= NEAR_WORDS and stop >= NEAR_STOPWORDS:
        return LineClass("near", n)
    return LineClass("short", n)


def _ends_sentence(text: str) -> bool:
    """Whether a line ends a sentence (closing quotes and brackets aside)."""
    return text.rstrip().rstrip("\"'’”)]")[-1:] in (".", "!", "?", "…")


def normalise_line(line: str) -> str:
    """The form in which lines are compared across files: lower case, whitespace collapsed."""
    return " ".join(line.lower().split())


def find_furniture(
    lines: Sequence[str],
    *,
    skip: Iterable[int] = (),
    repeated: Iterable[str] = (),
    labels: dict[int, str] | None = None,
    vocabulary: Vocabulary | None = None,
) -> dict[int, str]:
    """The furniture lines of a text, as {line index: reason}.

    Args:
        lines: the text's lines.
        skip: indices of lines already decided (removed by another rule); blank lines are skipped.
        labels: of the skipped lines, those that label a box ("See also:" removed by a rule), as
            {index: furniture reason}: the lines under them are read as the box's.
        repeated: lines (:func:`normalise_line`) that recur in other files of the run.
        vocabulary: the word lists (default: ``data/furniture.csv``, ``data/stopwords.csv``).

    Example:
        >>> page = ["Home", "World", "Sport", "Ministers meet in Tokyo",
        ...         "The ministers met in Tokyo on Monday to discuss the alliance and its plans.",
        ...         "They agreed to meet again in the spring, the ministry said in a statement.",
        ...         "Share on Facebook", "Most popular", "A new bridge opens in Osaka"]
        >>> found = find_furniture(page)
        >>> [page[i] for i in sorted(set(range(len(page))) - set(found))][:1], found[6]
        (['Ministers meet in Tokyo'], 'furniture:share')
    """
    vocab = vocabulary or load_vocabulary()
    skipped = set(skip)
    again = set(repeated)
    items: list[tuple[int, LineClass, str]] = []
    labels = labels or {}
    for idx, line in enumerate(lines):
        if idx in labels:
            items.append((idx, LineClass("bad", len(_WORD.findall(line)), labels[idx]), line))
            continue
        if idx in skipped or not line.strip():
            continue
        found = classify_line(line, vocabulary=vocab)
        if found.kind != "bad" and again and normalise_line(line) in again:
            found = LineClass("bad", found.words, "furniture:other_files", weak=True)
        items.append((idx, found, line))
    reasons = {c.reason for _, c, _ in items if c.kind == "bad"}
    if reasons == {"furniture:metadata"}:
        # no page around the text: a transcript's "12:53 P.M. EST" is its own, not a page's (a
        # domain or a label such as "Reading Time: 2 minutes" is still the page's)
        items = [
            (idx, LineClass("short", c.words) if c.kind == "bad" and _TIME.search(line) else c, line)
            for idx, c, line in items
        ]
    _mark_boxes(items)
    if labels:  # (they only open a box: the article is found among the lines still there)
        items = [item for item in items if item[0] not in labels]
    _mark_inline_teasers(items)
    out = {idx: c.reason for idx, c, _ in items if c.kind == "bad"}
    runs = _runs(items)
    if not runs:
        return out
    first, last = _article(runs, items)
    last, closing = _trim_end(items, first, last, vocab)
    top = _headline_block(items, first)
    if first <= CLEAN_ENDING and all(c.kind != "bad" for _, c, _ in items[:first]):
        top = 0  # a short line or two opening a clean text: its title, however short
    # (the closing list of an article ends where an author's note or a sign-up box starts)
    trimmed = [pos for pos, (idx, _, _) in enumerate(items) if idx in closing]
    bottom = _tail_block(items, last, limit=min(trimmed, default=len(items)))
    if len(items) - bottom <= CLEAN_ENDING and all(c.kind != "bad" for _, c, _ in items[bottom:]):
        bottom = len(items)
    else:  # a page's own words to its reader after the article: "Your support keeps us going"
        for idx, found, line in items[last + 1 : bottom]:
            if found.kind != "bad" and (_speaks_to_reader(line) or _calls(line, vocab)):
                out[idx] = "furniture:outside_article"
    kept = _paragraph_blocks(items, top, bottom)
    for pos, (idx, found, _) in enumerate(items):
        if found.kind != "bad" and not top <= pos < bottom and pos not in kept:
            out[idx] = "furniture:outside_article"
    out.update(closing)  # (an author's note or a sign-up box, by its own name)
    out.update(_cut_teasers(items))
    return out


def furniture_at_end(
    lines: Sequence[str], *, skip: Iterable[int] = (), vocabulary: Vocabulary | None = None
) -> dict[int, str]:
    """The furniture closing a hard-wrapped text, as {line index: reason}: its last lines, up to
    the last one furniture by its own words, when every one of them is furniture or a short
    label ("Newsday" / "0 comments:" / "Post a Comment" under a wrapped wire story). Hard-wrapped
    text has no lines of paragraphs for :func:`find_furniture` to weigh; only its end is read.

    Example:
        >>> furniture_at_end(["The police said the six were", "released on Friday.",
        ...                   "Newsday", "Post a Comment"])
        {2: 'furniture:outside_article', 3: 'furniture:comments'}
    """
    vocab = vocabulary or load_vocabulary()
    skipped = set(skip)
    tail: dict[int, str] = {}
    for idx in range(len(lines) - 1, -1, -1):
        if idx in skipped or not lines[idx].strip():
            continue
        found = classify_line(lines[idx], vocabulary=vocab)
        if found.kind == "bad" and not found.weak:
            tail[idx] = found.reason
        elif found.kind == "short" and found.words <= LABEL_WORDS and not _TERMINAL.search(lines[idx]):
            tail[idx] = "furniture:outside_article"
        else:
            break
    if all(reason == "furniture:outside_article" for reason in tail.values()):
        return {}
    return dict(sorted(tail.items()))


def _trim_end(items, first: int, last: int, vocab: Vocabulary) -> tuple[int, dict[int, str]]:
    """The article's last position without the author's note or sign-up box that closes it, and
    the lines they remove ({index: reason}).

    Run on prose, both read as the article's last paragraphs: an author's note (:func:`_is_bio`),
    and prose lines after a sign-up or paywall line that all call on the reader ("First-time
    subscribers also receive ...", "Get regular updates on ..."). The article keeps more words
    than either takes.
    """
    out: dict[int, str] = {}
    for _ in range(TRIM_LINES):
        if _is_bio(items, first, last, vocab):
            cut, take, reason = last, [last], "furniture:bio"
        else:
            box = _signup_box(items, first, last, vocab)
            if box is None:
                break
            cut, reason = box, "furniture:subscribe"
            take = [pos for pos in range(box + 1, last + 1) if items[pos][1].kind == "good"]
        before = [pos for pos in range(first, cut) if items[pos][1].kind == "good"]
        if sum(items[pos][1].words for pos in take) >= sum(items[pos][1].words for pos in before):
            break  # (a short text about a person, or all sales talk: left as it is)
        out.update((items[pos][0], reason) for pos in take)
        last = before[-1]
    return last, out


def _signup_box(items, first: int, last: int, vocab: Vocabulary) -> int | None:
    """Position of a sign-up or paywall line inside the article after which every prose line (at
    most ``TRIM_LINES``) calls on the reader, or None."""
    prose: list[str] = []
    for pos in range(last, first, -1):
        _, found, line = items[pos]
        if found.kind == "good":
            prose.append(line)
            if len(prose) > TRIM_LINES:
                return None
        elif found.kind == "bad" and not found.weak and found.reason == "furniture:subscribe":
            return pos if prose and all(_promotes(line, vocab) for line in prose) else None
    return None


def _promotes(line: str, vocab: Vocabulary) -> bool:
    """Whether a line sells the site: it opens with a call to the reader ("Get ...", "Learn
    ..."), or it names a subscription ("subscribers", "unlimited digital access") and speaks to
    the reader or cries out ("When you join ...", "... handmade by expert artisans!"), outside
    quotes. (Speaking to the reader is not enough: a column's last paragraph may; naming
    subscribers is not either: "Netflix subscribers rose by eight million.")"""
    if _calls(line, vocab):
        return True
    text = _QUOTED.sub(" ", line).lower()
    words = _WORD.findall(text)
    if "!" not in text and not any(t in _ADDRESS for t in words):
        return False
    if any(vocab.words.get(t) == "subscribe" and t in vocab.strong for t in words):
        return True
    return any(vocab.kinds["phrase", m[1]] == "subscribe" for m in vocab.phrases.finditer(text))


def _calls(line: str, vocab: Vocabulary) -> bool:
    """Whether a line opens with a verb calling on the reader ("Get regular updates ...")."""
    first = _WORD.search(line)
    return bool(first) and first[0][0].isupper() and first[0].lower() in vocab.calls


def _is_bio(items, first: int, last: int, vocab: Vocabulary) -> bool:
    """Whether the article's last paragraph is an author's note: "<Name> is the co-founder of
    ...", naming a role (``data/furniture.csv``, scope ``role``), its next sentences about that
    person ("She is also ...") or how to reach them, and the name in no paragraph of the article
    above it (a person of the story is named before; the author's name in a byline or a label
    does not count)."""
    line = items[last][2]
    match = _BIO.match(line.strip())
    if not match or not any(
        t.lower() in vocab.roles or t.lower().removeprefix("co-") in vocab.roles
        for t in _WORD.findall(match["role"])
    ):
        return False
    names = [t for t in _WORD.findall(match["name"]) if len(t) > 1 and t[0].isupper()]
    if not names or (len(names) == 1 and names[0].lower() in vocab.stopwords):
        return False  # ("This is the author of ..." names nobody; "Will Knight" does)
    opening = {t.lower() for t in names} | _BIO_NEXT
    for sentence in _SENTENCE_END.split(line.strip())[1:]:
        word = _WORD.search(sentence)
        if word and word[0].lower() not in opening:
            return False
    named = re.compile(rf"\b{re.escape(names[-1])}\b")  # (a person of the story: by surname)
    return not any(
        named.search(text) for _, c, text in items[first:last] if c.kind in ("good", "near")
    )


def _paragraph_blocks(items, top: int, bottom: int) -> set[int]:
    """Positions of the blocks of paragraphs outside the article that stay: at least
    ``BLOCK_PARAGRAPHS`` prose lines in a row, none speaking to the reader or repeating the
    article. The article's second half after an inline box of related links reads so; a related
    list (headlines between its teasers), a sign-up box, a bio or a comment (a name and a date
    between comments) does not."""
    blocks: list[list[int]] = []
    block: list[int] = []
    for pos in [*range(top), *range(bottom, len(items)), -1]:
        prose = pos >= 0 and items[pos][1].kind == "good" and not _speaks_to_reader(items[pos][2])
        if prose and block and pos == block[-1] + 1:
            block.append(pos)
            continue
        if len(block) >= BLOCK_PARAGRAPHS:
            blocks.append(block)
        block = [pos] if prose else []
    if not blocks:
        return set()
    seen = {normalise_line(line) for _, _, line in items[top:bottom]}  # (a page's second copy)
    kept: set[int] = set()
    for block in blocks:
        fresh = [pos for pos in block if normalise_line(items[pos][2]) not in seen]
        if len(fresh) >= BLOCK_PARAGRAPHS:
            kept.update(fresh)
    return kept


def _speaks_to_reader(line: str) -> bool:
    """Whether a line speaks to the reader or for the site, outside quotation marks."""
    return any(t.lower() in _ADDRESS for t in _WORD.findall(_QUOTED.sub(" ", line)))


def _is_break(found: LineClass) -> bool:
    """A label that ends the article's text: "Related posts", "Comments", "Tags: ..."."""
    kind = found.reason.partition(":")[2]
    return (
        found.kind == "bad"
        and not found.weak
        and kind in BREAK_KINDS
        and (found.words <= 6 or kind == "tags")
    )


def _cut_teasers(items: list) -> dict[int, str]:
    """The teasers of other articles cut off by an ellipsis ("Kęstutis Budrys, the President's
    Senior Adviser, who has been nominated for the post of Minister…"): lines of at least
    ``TEASER_WORDS`` words ending mid-sentence with one, when the text has ``TEASER_LINES`` or
    more of them (one such line may be the article's own). They go wherever they stand, once the
    article is found: they do not split it."""
    cut = [
        idx
        for idx, found, line in items
        if found.kind != "bad" and found.words >= TEASER_WORDS and _CUT_OFF.search(line.rstrip())
    ]
    return dict.fromkeys(cut, "furniture:related") if len(cut) >= TEASER_LINES else {}


def _mark_inline_teasers(items: list) -> None:
    """A "Read more" label with one headline under it and two paragraphs after that, not speaking
    to the reader, is a teaser inside the article, not its end: the label becomes weak (it goes,
    the article runs on). A list of related links has a headline between its summaries; an
    author's box ("Recent posts", a name, "I'm Amy and I'm so glad you've stopped by!") speaks
    to the reader. So is such a label alone between paragraphs, prose right before it and two
    paragraphs after it (a link whose headline the paste lost)."""

    def prose(positions) -> bool:
        return all(
            0 <= p < len(items)
            and items[p][1].kind == "good"
            and not _speaks_to_reader(items[p][2])
            for p in positions
        )

    for pos in range(len(items) - 2):
        found = items[pos][1]
        if found.kind != "bad":
            continue
        if (
            _is_break(found)
            and found.reason == "furniture:related"
            and (
                (pos + 3 < len(items) and items[pos + 1][1].weak and prose((pos + 2, pos + 3)))
                or prose((pos - 1, pos + 1, pos + 2))
            )
        ):
            idx, _, line = items[pos]
            items[pos] = (idx, LineClass("bad", found.words, found.reason, weak=True), line)


def _mark_boxes(items: list) -> None:
    """The lines of a box under a label (a newsletter box, a list of related headlines): the
    undecided lines right after a sign-up, share or related label, up to the next prose line."""
    box = ""
    left = 0
    started = False  # above the first prose line, labels and the headline mix: no box there
    for pos, (idx, found, line) in enumerate(items):
        kind = found.reason.partition(":")[2]
        started = started or found.kind == "good"
        if started and found.kind == "bad" and kind in BOX_KINDS and found.words <= 6:
            box, left = found.reason, BOX_LINES
        elif found.kind == "good" or found.kind == "bad":
            box, left = "", 0
        elif box and left:
            items[pos] = (idx, LineClass("bad", found.words, box, weak=True), line)
            left -= 1


def _runs(items: list[tuple[int, LineClass, str]]) -> list[tuple[int, int, int]]:
    """Runs of good lines as (first position, last position, words), bridging short gaps.

    A gap is short when it holds few lines other than medium (near) ones, few different bad
    lines (the same label repeated, "Advertisement" or "home page", counts once) and no label
    that ends an article (:func:`_is_break`).
    """
    runs: list[list[int]] = []
    gap_bad: set[str] = set()
    gap_lines = 0
    broken = False
    for pos, (_, found, line) in enumerate(items):
        if found.kind == "good":
            if runs and not broken and len(gap_bad) <= GAP_BAD and gap_lines <= GAP_LINES:
                runs[-1][1] = pos
                runs[-1][2] += found.words
            else:
                runs.append([pos, pos, found.words])
            gap_bad, gap_lines, broken = set(), 0, False
        elif runs and found.kind != "near":  # a medium line does not widen a gap
            gap_lines += 1
            if found.kind == "bad" and not found.weak:
                gap_bad.add(normalise_line(line))
                broken = broken or _is_break(found)
    return [(a, b, w) for a, b, w in runs]


def _article(runs, items) -> tuple[int, int]:
    """First and last position of the article: the run with most words, and the runs nearly as
    long that no block of furniture separates from it (shorter runs between them come along)."""
    best = max(range(len(runs)), key=lambda i: runs[i][2])
    first, last, words = runs[best]
    for i in range(best - 1, -1, -1):  # earlier runs, nearest first
        if _joins(items, runs[i][1], first, runs[i][2], words):
            first = runs[i][0]
        elif runs[i][2] >= JOIN_SHARE * words:
            break
    for i in range(best + 1, len(runs)):
        if _joins(items, last, runs[i][0], runs[i][2], words):
            last = runs[i][1]
        elif runs[i][2] >= JOIN_SHARE * words:
            break
    return first, last


def _joins(items, end: int, start: int, words: int, article: int) -> bool:
    """Whether a run of prose joins the article across the lines between them: it is long
    enough, and they hold no block of furniture (across a label that ends an article, only a
    run at least half as long joins: the article went on after an inline box)."""
    between = items[end + 1 : start]
    bad = {normalise_line(line) for _, c, line in between if c.kind == "bad" and not c.weak}
    if any(_is_break(c) for _, c, _ in between):
        return words >= JOIN_ACROSS_BREAK * article and len(bad) <= 2 * GAP_BAD
    return words >= JOIN_SHARE * article and len(bad) <= 2 * GAP_BAD


def _headline_block(items, first: int) -> int:
    """Position of the first line of the headline block above the article (title, standfirst)."""
    top = first
    menu = 0
    for pos in range(first - 1, max(first - 1 - HEADER_LINES, -1), -1):
        found, line = items[pos][1], items[pos][2]
        if found.reason == "furniture:metadata" or _is_tally(found, line):
            continue  # (a time, a label or a count under the headline: it goes alone)
        if found.kind == "bad":
            break
        labelled = bool(_TERMINAL.search(line))
        menu = menu + 1 if found.kind == "short" and found.words <= 3 and not labelled else 0
        if menu >= MENU_RUN:
            break
        if found.words >= 4 or found.kind != "short" or labelled:
            top = pos
    return top


def _is_tally(found: LineClass, line: str) -> bool:
    """A short line of counts under a headline: "Full article 0 comments", "450 views"."""
    return (
        found.reason in TALLY_REASONS
        and found.words <= TALLY_WORDS
        and any(ch.isdigit() for ch in line)
    )


def _tail_block(items, last: int, *, limit: int | None = None) -> int:
    """Position after the last line that still belongs to the article's end (a closing list, a
    sign-off): undecided lines up to the first bad line or menu run (or up to ``limit``)."""
    end = last + 1
    menu = 0
    open_lines = 0  # (headlines in a row: lines of four words or more with no sentence end)
    run_from = last + 1  # (where the lines of the current list start)
    # (a list the article introduces is its own: "Read about:", "In short:" above code)
    introduced = items[last][2].rstrip().endswith(":")
    stop = len(items) if limit is None else limit
    for pos in range(last + 1, min(last + 1 + TAIL_LINES, stop)):
        found, line = items[pos][1], items[pos][2]
        if found.reason == "furniture:metadata":
            continue
        if found.kind == "bad":
            break
        menu = menu + 1 if found.words <= 3 and not _TERMINAL.search(line) else 0
        if menu >= MENU_RUN:
            break
        if found.words >= 4 and not _TERMINAL.search(line):
            open_lines += 1
        elif found.words:  # (a video's length or a count alone, "01:08", does not break the list)
            open_lines, run_from = 0, pos + 1
        if open_lines >= HEADLINE_RUN and not introduced:
            return min(end, run_from)  # a list of other stories' headlines and teasers
        introduced = introduced or line.rstrip().endswith(":")
        if found.words >= 4:
            end = pos + 1
    return end


# --- repetition across the files of a run --------------------------------------------------------


def repeated_lines(texts: dict[str, str]) -> dict[str, tuple[str, ...]]:
    """For each text, its lines that recur in other texts of the same run (normalised, sorted).

    A line counts when it is at most ``REPEAT_MAX_CHARS`` long and recurs in another text; a line
    that reads as prose must recur in two others (one other may be the same story pasted twice).
    Texts sharing most of their prose (the same story) do not count for each other.

    Example:
        >>> menu = "Home\\nWorld\\nSign up for our newsletter\\n"
        >>> runs = repeated_lines({"a": menu + "Ministers met in Tokyo.", "b": menu + "A bridge opened."})
        >>> runs["a"]
        ('home', 'sign up for our newsletter', 'world')
    """
    vocab = load_vocabulary()
    lines_of: dict[str, set[str]] = {}
    prose: dict[str, set[str]] = {}
    for name, text in texts.items():
        mine: set[str] = set()
        good: set[str] = set()
        for line in text.split("\n"):
            key = normalise_line(line)
            if not key or len(key) > REPEAT_MAX_CHARS:
                if len(key) > REPEAT_MAX_CHARS:
                    good.add(_digest(key))
                continue
            mine.add(key)
            if classify_line(line, vocabulary=vocab).kind == "good":
                good.add(_digest(key))
        lines_of[name] = mine
        prose[name] = good
    owners: dict[str, list[str]] = {}
    for name, mine in lines_of.items():
        for key in mine:
            owners.setdefault(key, []).append(name)
    same_story = _same_stories(prose)
    out: dict[str, tuple[str, ...]] = {}
    for name, mine in lines_of.items():
        found = []
        for key in mine:
            others = [o for o in owners[key] if o != name and (name, o) not in same_story]
            if not others:
                continue
            if _digest(key) in prose[name] and len(others) < 2:
                continue
            found.append(key)
        out[name] = tuple(sorted(found))
    return out


def _digest(key: str) -> str:
    return hashlib.sha1(key.encode()).hexdigest()


def _same_stories(prose: dict[str, set[str]]) -> set[tuple[str, str]]:
    """Pairs of texts sharing at least half of the smaller one's prose lines (the same story)."""
    owners: dict[str, list[str]] = {}
    for name, good in prose.items():
        for key in good:
            owners.setdefault(key, []).append(name)
    shared: Counter[tuple[str, str]] = Counter()
    for names in owners.values():
        if 1 < len(names) <= 50:  # a line in very many files is furniture, not one story
            for a in names:
                for b in names:
                    if a != b:
                        shared[a, b] += 1
    return {
        (a, b)
        for (a, b), n in shared.items()
        if n * 2 >= min(len(prose[a]), len(prose[b])) and n >= 2
    }
