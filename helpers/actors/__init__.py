"""Actors: who is mentioned (countries, people, organisations), resolved through the gazetteer.

``find_mentions`` finds and resolves every mention of a body, ``count_actors`` counts them per
article, ``find_unknown_actors`` lists names the gazetteer lacks; ``load_gazetteer`` reads the
editable lists in ``data/``.
"""

from .counts import count_actors
from .gazetteer import Gazetteer, GazetteerError, load_gazetteer
from .mentions import find_mentions
from .unknown import find_unknown_actors

__all__ = [
    "Gazetteer",
    "GazetteerError",
    "count_actors",
    "find_mentions",
    "find_unknown_actors",
    "load_gazetteer",
]
