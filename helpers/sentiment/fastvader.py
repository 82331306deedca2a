"""VADER's compound score, exactly as ``SentimentIntensityAnalyzer.polarity_scores``, but faster.

vaderSentiment 3.3.2 lower-cases the whole clause again for every rule it checks (its negation and
idiom checks rebuild the lower-cased word list for each sentiment word), and walks the text
character by character looking for emoji. Here every word is lower-cased once, the emoji walk runs
only when the text holds an emoji, and the rules are the same statements in the same order on
the same values, so the compound score is identical (``tests/test_fastvader.py`` checks it on every
clause of the corpus and the seeds and on generated text). The rare ``but`` rule and the helper
functions are VADER's own code. Only the compound score is computed (the kit uses nothing else).
A clause with no word of the lexicon scores 0 at once, and :meth:`Vader.compounds` gives a second
analyzer's score for free when no word of the clause has another value in its lexicon (the kit's
news VADER and plain VADER differ in a few hundred words).
With another vaderSentiment version than 3.3.2 (the one transcribed), VADER itself is called.
"""

from __future__ import annotations

import string
from importlib.metadata import PackageNotFoundError, version
from operator import ne

from vaderSentiment import vaderSentiment as _vader

__all__ = ["Vader"]

_BOOSTER = _vader.BOOSTER_DICT
_SPECIAL = _vader.SPECIAL_CASES
_NEGATE = frozenset(_vader.NEGATE)
_N_SCALAR = _vader.N_SCALAR
_C_INCR = _vader.C_INCR
_PUNCTUATION = string.punctuation
# The words of VADER's idioms and booster phrases: _special_idioms_check matches nothing without one.
_IDIOM_WORDS = frozenset(
    word for phrase in (*_SPECIAL, *_BOOSTER) if " " in phrase for word in phrase.split(" ")
)
_scalar_inc_dec = _vader.scalar_inc_dec
_normalize = _vader.normalize
_but_check = _vader.SentimentIntensityAnalyzer._but_check
try:  # the rules below are vaderSentiment 3.3.2's; any other version is simply called
    _TRANSCRIBED = version("vaderSentiment") == "3.3.2"
except PackageNotFoundError:
    _TRANSCRIBED = False


def _negated(word: str) -> bool:
    """VADER's ``negated([word])`` for one lower-cased word."""
    return word in _NEGATE or "n't" in word


def _strip_punctuation(token: str) -> str:
    """VADER's ``SentiText._strip_punc_if_word``: strip punctuation unless that leaves <= 2 chars."""
    if token[0] not in _PUNCTUATION and token[-1] not in _PUNCTUATION:
        return token  # nothing to strip: VADER returns the token either way
    stripped = token.strip(_PUNCTUATION)
    return token if len(stripped) <= 2 else stripped


class Vader:
    """The compound score of one VADER analyzer (its lexicon and emoji table, read live).

    Example:
        >>> from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
        >>> Vader(SentimentIntensityAnalyzer()).compound("The talks were not a success.")
        -0.4585
    """

    def __init__(self, analyzer: _vader.SentimentIntensityAnalyzer) -> None:
        self.analyzer = analyzer
        self.lexicon = analyzer.lexicon
        self.emojis = analyzer.emojis
        # VADER looks up each character on its own, so only one-character keys can ever match.
        self._emoji_chars = frozenset(key for key in self.emojis if len(key) == 1)
        # Emoji are not ASCII: an ASCII text (most clauses) needs no look-up per character.
        self._ascii_emoji = any(key.isascii() for key in self._emoji_chars)

    def _has_emoji(self, text: str) -> bool:
        """Whether VADER would replace a character of ``text`` by its emoji description."""
        if text.isascii() and not self._ascii_emoji:
            return False
        return not self._emoji_chars.isdisjoint(text)

    def _replace_emojis(self, text: str) -> str:
        """VADER's emoji loop, verbatim: each emoji becomes its description."""
        text_no_emoji = ""
        prev_space = True
        for chr in text:
            if chr in self.emojis:
                description = self.emojis[chr]
                if not prev_space:
                    text_no_emoji += " "
                text_no_emoji += description
                prev_space = False
            else:
                text_no_emoji += chr
                prev_space = chr == " "
        return text_no_emoji

    def compound(self, text: str) -> float:
        """``SentimentIntensityAnalyzer.polarity_scores(text)["compound"]``, rounded to 4 places."""
        if not _TRANSCRIBED:
            return self.analyzer.polarity_scores(text)["compound"]
        return self._compound(text)[0]

    def compounds(self, text: str, other: Vader) -> tuple[float, float | None]:
        """This analyzer's compound of ``text`` and, when it is sure to be the same, ``other``'s.

        VADER looks nothing up but the lower-cased words of the text (and emoji), so when every
        word has the same value (or none) in both lexicons and there is no emoji, both analyzers
        do the same arithmetic and give the same number. Otherwise the second value is None
        (ask ``other.compound``). The lexicons are compared word by word on each call, so
        changes to either are seen, as in :meth:`compound`.

        Example:
            >>> from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
            >>> plain = Vader(SentimentIntensityAnalyzer())
            >>> news = Vader(SentimentIntensityAnalyzer())
            >>> news.lexicon["indicted"] = -2.0
            >>> news.compounds("A good day.", plain), news.compounds("He was indicted.", plain)
            ((0.4404, 0.4404), (-0.4588, None))
        """
        if not _TRANSCRIBED:
            return self.compound(text), None
        score, low = self._compound(text)
        if low is None or other._has_emoji(text):
            return score, None
        if any(map(ne, map(self.lexicon.get, low), map(other.lexicon.get, low))):
            return score, None
        return score, score

    def _compound(self, text: str) -> tuple[float, list[str] | None]:
        """The compound score and the lower-cased words looked up (None if emoji were replaced)."""
        if self._has_emoji(text):
            return self._compound_of(self._replace_emojis(text))[0], None
        return self._compound_of(text)

    def _compound_of(self, text: str) -> tuple[float, list[str]]:
        """VADER's ``polarity_scores`` compound on text without emoji, and its lower-cased words."""
        text = text.strip()
        words = [
            w if w[0] not in _PUNCTUATION and w[-1] not in _PUNCTUATION else _strip_punctuation(w)
            for w in text.split()
        ]
        if not words:
            return 0.0, []
        lex = self.lexicon
        low = list(map(str.lower, words))
        if lex.keys().isdisjoint(low):
            return 0.0, low  # no word scores: VADER's sum is 0 and so is the compound
        n = len(words)
        caps = sum(map(str.isupper, words))
        is_cap_diff = 0 < n - caps < n
        # A word that is a booster, "kind" of "kind of", or not in the lexicon scores 0 (an int,
        # as in VADER: the sum below is the same).
        sentiments: list[float] = [0] * n
        for i, item in enumerate(low):
            if item not in lex or item in _BOOSTER:
                continue
            if i < n - 1 and item == "kind" and low[i + 1] == "of":
                continue
            sentiments[i] = self._valence(words, low, i, is_cap_diff)
        if "but" in low:
            sentiments = _but_check(words, sentiments)
        sum_s = float(sum(sentiments))
        if sum_s != 0:
            ep_count = min(text.count("!"), 4)
            qm_count = text.count("?")
            qm_amplifier = 0
            if qm_count > 1:
                qm_amplifier = qm_count * 0.18 if qm_count <= 3 else 0.96
            punct_emph_amplifier = ep_count * 0.292 + qm_amplifier
            if sum_s > 0:
                sum_s += punct_emph_amplifier
            else:
                sum_s -= punct_emph_amplifier
        return round(_normalize(sum_s), 4), low

    def _valence(self, words: list[str], low: list[str], i: int, is_cap_diff: bool) -> float:
        """VADER's ``sentiment_valence`` for a word in the lexicon (``low`` = lower-cased words)."""
        lex = self.lexicon
        item = low[i]
        valence = lex[item]
        if item == "no" and i != len(low) - 1 and low[i + 1] in lex:
            valence = 0.0
        if (
            (i > 0 and low[i - 1] == "no")
            or (i > 1 and low[i - 2] == "no")
            or (i > 2 and low[i - 3] == "no" and low[i - 1] in ["or", "nor"])
        ):
            valence = lex[item] * _N_SCALAR
        if words[i].isupper() and is_cap_diff:
            if valence > 0:
                valence += _C_INCR
            else:
                valence -= _C_INCR
        for start_i in range(0, 3):
            if i > start_i and low[i - (start_i + 1)] not in lex:
                # scalar_inc_dec gives 0.0 for a word that is no booster (added all the same:
                # 0.0 turns a valence of -0.0 into 0.0, as in VADER)
                s = (
                    _scalar_inc_dec(words[i - (start_i + 1)], valence, is_cap_diff)
                    if low[i - (start_i + 1)] in _BOOSTER
                    else 0.0
                )
                if start_i == 1 and s != 0:
                    s = s * 0.95
                if start_i == 2 and s != 0:
                    s = s * 0.9
                valence = valence + s
                valence = _negation_check(valence, low, start_i, i)
                if start_i == 2 and not _IDIOM_WORDS.isdisjoint(low[i - 3 : i + 3]):
                    # no idiom or booster phrase can match without one of its words nearby
                    valence = _special_idioms_check(valence, low, i)
        # VADER's _least_check
        if i > 1 and low[i - 1] not in lex and low[i - 1] == "least":
            if low[i - 2] != "at" and low[i - 2] != "very":
                valence = valence * _N_SCALAR
        elif i > 0 and low[i - 1] not in lex and low[i - 1] == "least":
            valence = valence * _N_SCALAR
        return valence


def _negation_check(valence: float, low: list[str], start_i: int, i: int) -> float:
    """VADER's ``_negation_check`` on the lower-cased words."""
    if start_i == 0:
        if _negated(low[i - 1]):
            valence = valence * _N_SCALAR
    if start_i == 1:
        if low[i - 2] == "never" and (low[i - 1] == "so" or low[i - 1] == "this"):
            valence = valence * 1.25
        elif low[i - 2] == "without" and low[i - 1] == "doubt":
            pass
        elif _negated(low[i - 2]):
            valence = valence * _N_SCALAR
    if start_i == 2:
        if (
            low[i - 3] == "never"
            and (low[i - 2] == "so" or low[i - 2] == "this")
            or (low[i - 1] == "so" or low[i - 1] == "this")
        ):
            valence = valence * 1.25
        elif low[i - 3] == "without" and (low[i - 2] == "doubt" or low[i - 1] == "doubt"):
            pass
        elif _negated(low[i - 3]):
            valence = valence * _N_SCALAR
    return valence


def _special_idioms_check(valence: float, low: list[str], i: int) -> float:
    """VADER's ``_special_idioms_check`` on the lower-cased words."""
    onezero = f"{low[i - 1]} {low[i]}"
    twoonezero = f"{low[i - 2]} {low[i - 1]} {low[i]}"
    twoone = f"{low[i - 2]} {low[i - 1]}"
    threetwoone = f"{low[i - 3]} {low[i - 2]} {low[i - 1]}"
    threetwo = f"{low[i - 3]} {low[i - 2]}"
    for seq in (onezero, twoonezero, twoone, threetwoone, threetwo):
        if seq in _SPECIAL:
            valence = _SPECIAL[seq]
            break
    if len(low) - 1 > i:
        zeroone = f"{low[i]} {low[i + 1]}"
        if zeroone in _SPECIAL:
            valence = _SPECIAL[zeroone]
    if len(low) - 1 > i + 1:
        zeroonetwo = f"{low[i]} {low[i + 1]} {low[i + 2]}"
        if zeroonetwo in _SPECIAL:
            valence = _SPECIAL[zeroonetwo]
    for n_gram in (threetwoone, threetwo, twoone):
        if n_gram in _BOOSTER:
            valence = valence + _BOOSTER[n_gram]
    return valence
