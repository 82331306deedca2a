"""Speakers of one article: the rules of :mod:`.rules` over a :class:`~.context.Context`.

:func:`speaker_context` builds the context of one article (its body, tokens, word lists, actor
mentions and names, the voices heard so far) with the two entry points the rules call back into:
:func:`helpers.sources.speakers.rules.resolve_phrase` (who a speaker phrase is) and
:func:`helpers.sources.speakers.subject.subject` (who the subject of a clause is).
"""

from __future__ import annotations

import pandas as pd

from ...frames import Columns
from ..phrases import Tokens
from .context import Context, Voices
from .mentions import ArticleNames
from .names import Speaker
from .rules import resolve_phrase
from .subject import subject
from .words import speaker_words

__all__ = ["Context", "Speaker", "speaker_context"]


def speaker_context(body: str, tokens: Tokens, mentions: pd.DataFrame | Columns | None) -> Context:
    """The speaker rules' view of one article.

    Args:
        body: the cleaned article text.
        tokens: the tokens of the body with its quotes masked (``ArticleText.tokens``).
        mentions: the article's actor mentions (``helpers.actors.find_mentions``), or None.

    Example:
        >>> body = "The minister said no."
        >>> ctx = speaker_context(body, Tokens(body), None)
        >>> ctx.resolve(0, len("The minister"), pos=13).name
        'The minister'
    """
    words = speaker_words()
    names = ArticleNames(
        body,
        tokens,
        mentions,
        titles=words.titles,
        postnominals=words.postnominals,
        function_words=words.function_words,
        patronymics=words.patronymics,
    )
    return Context(body, tokens, words, names, Voices(), resolve_phrase, subject)
