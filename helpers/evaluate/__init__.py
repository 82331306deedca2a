"""Evaluate: the kit's answers scored against gold data (actors, sentiment, sources).

Each module has a ``main`` behind ``python -m helpers evaluate ...``; they use the analysis stages
directly, never the pipeline or the views.
"""
