"""Train the target-sentiment model (:mod:`helpers.sentiment.model`) on labelled targets.

:func:`fit` turns every labelled target into its features, exactly as the analysis does, and fits
a multinomial logistic regression with scikit-learn, a development dependency (``pip install -e
".[dev]"``): the analysis itself only reads the weights. The same rows and settings give the same
weights (the solver is deterministic, the features are sorted, the weights rounded to 6 decimals),
so a model in ``data/`` can be rebuilt and compared with ``diff``. The command is
``python -m helpers train-sentiment`` (:mod:`helpers.evaluate.sentiment`).
"""

from __future__ import annotations

from collections import Counter

import pandas as pd

from .model import CLASSES, Model, ModelSettings, mention_features, prepare_sentence
from .target import lexicon_mentions

__all__ = ["examples", "fit"]


def examples(gold: pd.DataFrame, settings: ModelSettings) -> list[dict[str, tuple[float, str]]]:
    """The features of every target of ``gold`` (rows as ``read_newsmtsc`` gives them), in order.

    All targets of a record (same ``line``) are masked together, as the analysis masks all the
    mentions of a sentence.

    Example:
        >>> gold = pd.DataFrame({"line": [0], "sentence": ["Japan lied."], "start": [0],
        ...                      "end": [5], "gold": ["negative"]})
        >>> examples(gold, ModelSettings())[0]["after:lie"]
        (1.0, 'lied')
    """
    out: dict[int, dict[str, tuple[float, str]]] = {}
    cache: dict = {}
    for _, group in gold.groupby("line", sort=False):
        text = group["sentence"].iloc[0]
        spans = list(zip(group["start"].tolist(), group["end"].tolist(), strict=True))
        sentence = prepare_sentence(text, spans, settings)
        found = lexicon_mentions(text, spans, cache=cache)
        for index, (_, mention) in zip(group.index, found, strict=True):
            out[index] = mention_features(
                text, mention, spans=spans, settings=settings, sentence=sentence
            )
    return [out[i] for i in gold.index]


def fit(
    gold: pd.DataFrame, *, settings: ModelSettings | None = None, info: dict | None = None
) -> Model:
    """Fit the model on labelled targets (columns line, sentence, start, end, gold).

    Features seen with fewer than ``settings.min_count`` targets are dropped; the regression has
    an L2 penalty of strength ``1 / settings.c`` and, with ``class_weight="balanced"``, weighs
    each class as if the three were equally common.

    Example:
        >>> from helpers.evaluate.sentiment import read_newsmtsc
        >>> from helpers.paths import CORPUS_DIR
        >>> gold = read_newsmtsc(CORPUS_DIR / "newsmtsc" / "devtest_rw.jsonl").head(300)
        >>> model = fit(gold, settings=ModelSettings(min_count=3))
        >>> len(model.weights) > 100
        True
    """
    try:  # scikit-learn is a development dependency: only training needs it
        from sklearn.feature_extraction import DictVectorizer
        from sklearn.linear_model import LogisticRegression
    except ImportError as error:
        raise RuntimeError(
            'training needs scikit-learn: pip install -e ".[dev]" (the analysis does not)'
        ) from error
    settings = settings or ModelSettings()
    rows = examples(gold, settings)
    counts = Counter(name for row in rows for name in row)
    keep = {name for name, n in counts.items() if n >= settings.min_count}
    surfaces: dict[str, Counter] = {name: Counter() for name in keep}
    for row in rows:
        for name, (_, surface) in row.items():
            if name in keep and surface:
                surfaces[name][surface.split(" / ")[0].lower()] += 1
    vectorizer = DictVectorizer(sort=True)
    matrix = vectorizer.fit_transform(
        [{name: value for name, (value, _) in row.items() if name in keep} for row in rows]
    )
    regression = LogisticRegression(
        C=settings.c, class_weight=settings.class_weight or None, max_iter=5000, tol=1e-6
    )
    regression.fit(matrix, gold["gold"].tolist())
    order = [list(regression.classes_).index(name) for name in CLASSES]
    coef = regression.coef_[order]
    weights = {
        str(name): tuple(_rounded(coef[k, j]) for k in range(len(CLASSES)))
        for j, name in enumerate(vectorizer.get_feature_names_out())
    }
    bias = tuple(_rounded(regression.intercept_[k]) for k in order)
    examples_ = {
        name: min(c.items(), key=lambda item: (-item[1], item[0]))[0]
        for name, c in surfaces.items()
        if c
    }
    return Model(settings, weights, bias, dict(info or {}), examples_)


def _rounded(value: float) -> float:
    """To 6 decimals, as ``weights.csv`` keeps it (and never -0.0)."""
    return round(float(value), 6) + 0.0
