"""Phrase scanning: the noun phrase before or after a cue word ("…," said K J Noh; the expert
said), over the word lists of ``helpers.sources.word_lists``.

Without a part-of-speech tagger a phrase ends at punctuation, at a clause word ("and", "that",
"with", from ``data/speaker_words.csv``) or at another cue word; prepositions inside a capitalised
name ("Ambassador to the United Nations Nikki Haley"), anonymity qualifiers ("a source close to …")
and authorship phrases ("a letter seen by Sky News") keep it going.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from functools import cached_property
from itertools import accumulate

from .word_lists import token_word_sets

_TOKEN = re.compile(r"\w[\w’'\-]*(?:\.\w[\w’'\-]*)*|[^\w\s]")
_TOKEN_SPLIT = re.compile(f"({_TOKEN.pattern})")
_PARTICLE_NAME = re.compile(r"(?:al|el|ad|an|ar|as|ash|at|az|ibn|bin|bint)-[A-Z]")
_SOFT_PUNCT = {".", "'", "’", "-", "&"}
# a token after which a capital says nothing of a name: an end of sentence, a label, an opening mark
_OPENING_PUNCT = {".", "!", "?", ":", '"', "“", "‘", "'", "(", "[", "—", "–", "-", "|", "•"}
_WORD = re.compile(r"\w[\w’'\-]*")
#: a name of capitalised words, with the particles inside a name ("Mushtaq al Hassani"); ``+`` or
#: ``*`` after it: two words or more, or one or more
NAME_WORDS = r"[A-Z][\w’'.\-]*(?:\s+(?:(?:al|el|bin|ibn|de|van|von|da|du)\s+)?[A-Z][\w’'.\-]*)"
_APPOSITIVE = re.compile(rf",\s*({NAME_WORDS}+)\s*,\s*(?:[a-z]+\s+){{0,2}}$")
#: the determiners that open a description a name may follow, set off by commas
DESCRIPTION_DETERMINERS = ("the", "a", "an", "another", "its", "their")
# a one-word name set off by commas after a description: "Another news portal, Ratopati, accused"
_ONE_WORD_APPOSITIVE = re.compile(
    rf"^\s*(?i:{'|'.join(DESCRIPTION_DETERMINERS)})\s+[^,]{{2,60}},\s*([A-Z][\w’'.\-]+)\s*,"
    r"\s*(?i:[a-z]+\s+){0,2}$"
)
# the prepositions that join an anonymous head or a document to its complement
_HEAD_LINKS = {"from", "for", "at", "in", "within", "inside"}
_DETERMINERS = {"the", "a", "an", "his", "her", "its", "their", "our", "my", "your", "this", "that"}
# words that end a source named after "according to" when they follow its name
_AFTER_SOURCE = {"about", "after", "at", "before", "during", "from", "in", "last", "on", "over"}
_NAME_GLUE = {
    "of",
    "the",
    "for",
    "to",
    "in",
    "on",
    "at",
    "from",
    "de",
    "al",
    "bin",
    "van",
    "von",
    "der",
    "du",
    "da",
    "la",
    "le",
}


class Tokens:
    """Word and punctuation tokens of a (masked) text with phrase scanning around cue words."""

    def __init__(self, text: str) -> None:
        self.text = text
        # split keeps the tokens (odd places) between the gaps (even places, maybe empty): each
        # token starts where the text before it ends; no Python loop over the tokens
        parts = _TOKEN_SPLIT.split(text)
        offsets = list(accumulate(map(len, parts)))
        self.starts = offsets[0:-1:2]
        self.ends = offsets[1::2]
        self.words = parts[1::2]
        self.__dict__.update(token_word_sets())  # shared per process, never changed

    def abbreviation(self, k: int) -> bool:
        """True when the word at ``k`` before a full stop is an abbreviation ("U.S.", "Sen.").

        "Texas. Bash said" is two sentences: a longer word before the stop ends the name.
        """
        word = self.words[k]
        low = word.lower()
        if low in self.titles or low in self.abbreviations:
            return True
        # "U.S.", "J.", "Mt.", not "Oh." or "Yep." (a short word with a vowel ends a sentence)
        return len(word) <= 3 and (
            word.isupper() or len(word) == 1 or not re.search(r"[aeiouy]", low)
        )

    def index_at(self, pos: int) -> int:
        """Index of the first token that starts at or after ``pos``."""
        return bisect.bisect_left(self.starts, pos)

    @cached_property
    def caps(self) -> list[bool]:
        """For each token, whether it is capitalised (as :meth:`is_cap`), worked out once."""
        # "el-Sisi", "al-Assad": a lower-case particle joined to a name (the hyphen test first
        # spares the regex on most words)
        return [
            word[:1].isupper() or ("-" in word and bool(_PARTICLE_NAME.match(word)))
            for word in self.words
        ]

    def is_cap(self, k: int) -> bool:
        return self.caps[k]

    def _keeps_going(self, k: int, lo: int, hi: int) -> bool:
        """True when a boundary word at ``k`` is inside a phrase (a name, "close to", "seen by")."""
        low = self.words[k].lower()
        if (
            low == "of"
            and lo <= k - 1
            and k + 1 < hi
            and self.words[k - 1].lower() in self.org_words
            and self.is_cap(k + 1)
        ):
            return True  # "The government of American Samoa issued a statement"
        if low in _NAME_GLUE and lo <= k - 1 and k + 1 < hi and self.is_cap(k - 1):
            nxt = k + 2 if self.words[k + 1].lower() == "the" and k + 2 < hi else k + 1
            if self.is_cap(nxt):
                return True
        if low == "by" and k > lo and f"{self.words[k - 1].lower()} by" in self.glue_by:
            return True
        if low in _HEAD_LINKS and k > lo and self.words[k - 1].lower() in self.from_heads:
            # "representatives from Iran", "a banner from People's Vote", "a spokesperson for
            # the association", "a source within the ministry"
            return True

        if self.qualifier_word and not self.qualifier_word.match(self.text, self.starts[k]):
            return False  # no qualifier word starts here (a quick test before the window scan)
        window = self.text[max(0, self.starts[k] - 30) : self.ends[min(k + 3, hi - 1)]]
        for match in self.qualifier.finditer(window):
            start = max(0, self.starts[k] - 30) + match.start()
            end = max(0, self.starts[k] - 30) + match.end()
            if start <= self.starts[k] < end:
                return True
        return False

    def _is_break(self, k: int, lo: int, hi: int) -> bool:
        word = self.words[k]
        if not word[0].isalnum():
            return word not in _SOFT_PUNCT
        low = word.lower()
        if low in self.cue_words:
            return True
        return low in self.boundary and not self._keeps_going(k, lo, hi)

    def phrase_before(self, pos: int, lo: int, *, max_tokens: int = 14) -> tuple[int, int] | None:
        """The noun phrase that ends just before ``pos`` (auxiliaries such as "has been" skipped).

        ``lo`` is the earliest position the phrase may start at (the sentence start).
        """
        lo_k, k = self.index_at(lo), self.index_at(pos) - 1
        while k >= lo_k and (self.words[k].lower() in self.aux or self._adverb_before_cue(k, lo_k)):
            comma = (
                self.words[k - 1] == "," and k - 1 > lo_k and self.words[k].lower() not in self.aux
            )
            k -= 2 if comma else 1  # "someone, seemingly Honcharuk, audibly says"
        end = k
        while k >= lo_k and end - k < max_tokens:
            if self.words[k] == ")":  # skip a parenthesis: "Stoltenberg (former Prime Minister)"
                depth, j = 0, k
                while j >= lo_k and not (self.words[j] == "(" and depth == 1):
                    depth += {")": 1, "(": -1}.get(self.words[j], 0)
                    j -= 1
                if j < lo_k:
                    break
                k = j - 1
                continue
            if self._is_break(k, lo_k, end + 1):
                break
            k -= 1
        start = k + 1
        while start <= end and not self.words[start][0].isalnum():
            start += 1
        if start > end:
            return None
        return self.starts[start], self.ends[end]

    def _adverb_before_cue(self, k: int, lo_k: int) -> bool:
        """'Honcharuk audibly says', 'a UN report eventually concluded': an -ly adverb.

        Not right after a determiner ("the elderly said") and not the nouns of role ``ly_noun``
        in ``data/speaker_words.csv`` ("the Smith family said", "the assembly said").
        """
        word = self.words[k]
        return (
            k > lo_k
            and len(word) >= 5
            and word.endswith("ly")
            and word.islower()
            and word not in self.ly_nouns
            and self.words[k - 1].lower() not in _DETERMINERS
        )

    def phrase_after(
        self, pos: int, hi: int, *, max_tokens: int = 14, appositive: bool = False
    ) -> tuple[int, int] | None:
        """The noun phrase that starts at ``pos`` and ends before punctuation or a clause word.

        With ``appositive``, a name set off by commas is included: "the team's coach, Ali Reza,".
        """
        k0, hi_k = self.index_at(pos), self.index_at(hi)
        k = k0
        while k < hi_k and k - k0 < max_tokens:
            if (
                self.words[k] == "."
                and k + 1 < hi_k
                and self.words[k + 1][0].isalnum()
                and (
                    not self.is_cap(k + 1)
                    or (k > k0 and len(self.words[k - 1]) <= 3 and self.is_cap(k - 1))
                )
            ):
                k += 1  # an abbreviation inside the phrase: "U.S. officials", "Sen. Graham"
                continue
            if self.words[k] == "." or self._is_break(k, k0, hi_k):
                break
            if appositive and k > k0 and self._source_ends(k):
                break
            k += 1
        end = k - 1
        if end < k0:
            return None
        if appositive and k < hi_k and self.words[k] == ",":
            j = k + 1
            while j < hi_k and (self.is_cap(j) or self.words[j] == "."):
                j += 1
            if j - k - 1 >= 2 and (j >= hi_k or self.words[j] in (",", ".")):
                end = j - 1
        return self.starts[k0], self.ends[end]

    def _source_ends(self, k: int) -> bool:
        """True where the source after "according to" ends without a comma.

        "according to the emergencies ministry recovered …" (a verb), "according to the New York
        Times about 100 miles" (a preposition after a name); "a poll published by NBC" goes on.
        """
        word = self.words[k]
        if word.islower() and len(word) > 4 and word.endswith("ed"):
            return k + 1 >= len(self.words) or self.words[k + 1].lower() != "by"
        return word in _AFTER_SOURCE and self.is_cap(k - 1)

    def subject_phrase(self, lo: int, hi: int, nouns: set[str]) -> tuple[int, int] | None:
        """The subject at the start of a clause: names, titles and known nouns, up to the verb.

        "Chinese Foreign Ministry spokesperson Mao Ning criticized" -> up to "Ning";
        lower-case words other than ``nouns``, determiners and possessives end the phrase.
        """
        k = first = self.index_at(lo)
        hi_k, last = self.index_at(hi), None
        if k < hi_k and (
            self.words[k].lower() in self.boundary or self.words[k].lower() in self.aux
        ):
            return None  # "As noted in …": no subject at the start
        while k < hi_k and k - first < 14:
            word = self.words[k]
            low = word.lower()
            if word == "(" and last is not None:
                close = next((j for j in range(k, min(hi_k, k + 8)) if self.words[j] == ")"), -1)
                if close < 0:
                    break
                k = close + 1
                continue
            if word in ("–", "-") and self._joined(k) and k + 1 < hi_k and self.is_cap(k + 1):
                k += 1  # "African Export–Import Bank president Okey Oramah"
                continue
            if (
                low == "and"
                and last == k - 1
                and self.is_cap(k - 1)
                and k + 1 < hi_k
                and self.is_cap(k + 1)
            ):
                k += 1  # "the Universities and Colleges Employers' Association", "Biden and Putin"
                continue
            if not word[0].isalnum():
                if word in (".", "’", "'", "-", "&"):
                    k += 1
                    continue
                break
            if low in ("the", "a", "an") or (k == first and low in self.quantifiers):
                k += 1  # "Both countries urged": "Both" is not a name
                continue
            if (
                last is None
                and k == first + 1
                and self.words[first].lower() in ("a", "an")
                and k + 2 < hi_k
                and self.words[k + 1].lower() == "of"
                and word.isalpha()
            ):
                k += 2  # "A number of Senators condemned": the senators are the subject
                continue
            if word[0].isdigit() and last is not None and self.words[last] in ("No", "Resolution"):
                last = k  # "Republic Act No. 3846 states"
                k += 1
                continue
            if (
                word[0].isupper()
                or low in nouns
                or (
                    k + 1 < hi_k
                    and self.words[k + 1].lower() in nouns
                    and word.replace("-", "").isalpha()  # "The three-judge court found"
                    and not (word.islower() and self.words[k + 1][:1].isupper())
                )  # (not a verb before a title: "President Fernández downplays Minister …")
                or (  # "Zambia's main opposition leader Hakainde Hichilema": two words before it
                    k + 2 < hi_k
                    and last is not None
                    and self.words[last].lower().endswith(("’s", "'s"))
                    and word.isalpha()
                    and self.words[k + 1].isalpha()
                    and self.words[k + 2].lower() in nouns
                )
                or low.endswith(("’s", "'s"))
                or (low in _NAME_GLUE and self._keeps_going(k, first, hi_k))
                or (last is not None and _PARTICLE_NAME.match(word))  # "Suleiman al-Amr"
                or (  # "Thirty House conservatives," "Trump supporters said": a plural noun
                    last == k - 1
                    and self.is_cap(k - 1)
                    and word.isalpha()
                    and low.endswith("s")
                    and k + 1 < hi_k
                    and self.words[k + 1] == ","
                )
            ):
                last = k
                k += 1
                continue
            break
        if last is None or (
            last == first and self._word_alone(first, self.words[first].lower())
        ):  # "Narrow majority?", "Happy birthday to …": a heading's first word, no subject
            return None
        return self.starts[first], self.ends[last]

    def _joined(self, k: int) -> bool:
        """True when token ``k`` touches its neighbours (no space on either side)."""
        return (
            0 < k < len(self.words) - 1
            and self.ends[k - 1] == self.starts[k]
            and (self.ends[k] == self.starts[k + 1])
        )

    def word_before(self, pos: int) -> str:
        """The lower-case word that ends just before ``pos`` ("" at the start)."""
        k = self.index_at(pos) - 1
        while k >= 0 and not self.words[k][0].isalnum():
            k -= 1
        return self.words[k].lower() if k >= 0 and self.ends[k] >= pos - 2 else ""

    def after_preposition(self, pos: int, *, absolute: bool) -> bool:
        """True when a phrase is the object of a preposition ("to the Atlantic Council")."""
        word = self.word_before(pos)
        if absolute and word == "with":  # "with Boswell stating": an absolute clause
            return False
        return word in ("to", "with", "from", "at", "on", "in", "for", "by", "of", "about")

    def appositive_name(self, lo: int, pos: int) -> tuple[int, int] | None:
        """ "Dunn's mother, Charlotte Charles, said": the name set off by commas before the cue."""
        match = _APPOSITIVE.search(self.text[lo:pos]) or _ONE_WORD_APPOSITIVE.match(
            self.text[lo:pos]
        )
        rest = self.text[lo + match.end(1) : pos].replace(",", " ").split() if match else []
        if match and all(w.lower() in self.aux for w in rest):
            return lo + match.start(1), lo + match.end(1)
        return None

    def _may_open_run(self, k: int) -> bool:
        low = self.words[k].lower()
        return (
            low not in self.boundary
            and low not in self.aux
            and not (low.endswith("ing") and len(low) > 5)
            and not self._word_alone(k, low)
        )

    def _opens_sentence(self, k: int) -> bool:
        """True when the token at ``k`` opens the text, a line or a sentence (its capital says nothing)."""
        if k == 0:
            return True
        return (
            self.words[k - 1] in _OPENING_PUNCT
            or "\n" in self.text[self.ends[k - 1] : self.starts[k]]
        )

    @cached_property
    def _capitalised_inside(self) -> frozenset[str]:
        """The words capitalised inside a sentence somewhere in the text ("Gordon Brown said")."""
        return frozenset(
            word
            for k, word in enumerate(self.words)
            if self.caps[k] and not self._opens_sentence(k)
        )

    def _word_alone(self, k: int, low: str) -> bool:
        """True for a capitalised word that is no name although a run would start there: a day
        ("The superintendent Wednesday requested") or a common word that is not a noun opening a
        sentence or a heading ("Amid …", "Narrow majority?", "Happy birthday to …"), unless the
        next word is capitalised too or the text capitalises it inside a sentence ("Brown")."""
        if k + 1 < len(self.words) and self.caps[k + 1]:
            return False
        if low in self.openers:  # a day, "Meanwhile"
            return True
        return (
            low in self.common_words
            and self._opens_sentence(k)
            and self.words[k] not in self._capitalised_inside
        )

    def cap_runs(self, lo: int, hi: int) -> list[tuple[int, int]]:
        """Spans of capitalised word runs ("Secretary of State Antony Blinken") in [lo, hi)."""
        return list(self.iter_cap_runs(lo, hi))

    def iter_cap_runs(self, lo: int, hi: int) -> Iterator[tuple[int, int]]:
        """:meth:`cap_runs` one run at a time (a caller may stop early)."""
        k, hi_k = self.index_at(lo), self.index_at(hi)
        caps = self.caps
        while k < hi_k:
            if caps[k] and self.words[k][0].isalpha() and self._may_open_run(k):
                j = k
                while j + 1 < hi_k and (
                    caps[j + 1]
                    or (self.words[j + 1] == "." and self.abbreviation(j))
                    or self._keeps_going(j + 1, k, hi_k)
                    or (
                        self.words[j + 1].lower() == "the"
                        and j + 2 < hi_k
                        and self.words[j].lower() in _NAME_GLUE
                        and self.is_cap(j + 2)
                    )
                ):
                    j += 1
                while j > k and not caps[j]:
                    j -= 1
                yield self.starts[k], self.ends[j]
                k = j + 1
            else:
                k += 1


def count_words(text: str) -> int:
    """Count the words of a text.

    Example:
        >>> count_words("NATO’s Tokyo office, 2024.")
        4
    """
    return len(_WORD.findall(text))


def trim_span(body: str, start: int, end: int) -> tuple[int, int]:
    """Shrink a span to its words: no leading punctuation, trailing footnotes or full stop.

    Example:
        >>> text = ", the plan is off. [3]"
        >>> start, end = trim_span(text, 0, len(text))
        >>> text[start:end]
        'the plan is off'
    """
    piece = body[start:end]
    piece_end = len(re.sub(r"(?:\s*\[\d{1,3}\])+\s*$", "", piece).rstrip(" .,;:"))
    lead = len(piece) - len(piece.lstrip(" ,:;"))
    return start + lead, start + max(lead, piece_end)
