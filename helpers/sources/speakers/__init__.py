"""Speakers: who a speaker phrase next to a quote or cue verb is, by an ordered list of named rules.

``resolver.speaker_context`` gives one article's :class:`~.context.Context` (frozen: body, tokens,
word lists of ``words``, actor mentions and names of ``mentions``; plus the voices heard so far);
``rules.RULES`` are tried in order on a phrase; ``refs`` resolves what refers back (pronouns,
"the expert", "the same newspaper", transcript labels); ``subject`` finds the subject of a clause;
``names`` holds the :class:`~.names.Speaker` record and name helpers.
"""
