"""Measure target sentiment against NewsMTSC gold: ``python -m helpers evaluate-sentiment GOLD``.

NewsMTSC (Hamborg & Donnay, EACL 2021) gives news sentences with one or more target mentions and
the sentiment toward each (2.0 negative, 4.0 neutral, 6.0 positive). Three methods are compared:

- ``target``: the kit's method (:func:`helpers.sentiment.score_target`: the clause around the
  mention, VADER + news lexicon + TextBlob, contrast, speaker damping);
- ``textblob`` and ``vader``: the whole sentence's TextBlob polarity / VADER compound, the same for
  every target of the sentence (the baselines; any polarity other than 0 / beyond +-0.05 is
  polar).

The kit's weights were chosen on the records with an even 0-based index of ``devtest_rw.jsonl``
only, so the odd records are held out: the ``odd`` line is the honest number.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pandas as pd
from textblob.en import sentiment as _pattern_sentiment

from ..sentiment.lexicons import plain_analyzer
from ..sentiment.target import (
    LABELS,
    TargetSettings,
    is_speaker,
    mask_names,
    score_clauses,
    score_target,
)
from ..tables import write_csv_atomic

GOLD_LABELS = {2.0: "negative", 4.0: "neutral", 6.0: "positive"}
METHODS = ("target", "textblob", "vader")
SUBSETS = ("all", "even", "odd")


def read_newsmtsc(path: Path | str) -> pd.DataFrame:
    """Read NewsMTSC jsonl into one row per target: line, target, sentence, start, end, gold.

    Example:
        >>> from helpers.paths import CORPUS_DIR
        >>> read_newsmtsc(CORPUS_DIR / "newsmtsc" / "devtest_rw.jsonl")["gold"].iloc[0]
        'negative'
    """
    path = Path(path)
    rows = []
    with path.open(encoding="utf-8") as handle:
        for line, raw in enumerate(handle):
            if not raw.strip():
                continue
            try:
                record = json.loads(raw)
                sentence = record["sentence_normalized"]
                for index, target in enumerate(record["targets"]):
                    rows.append(
                        {
                            "line": line,
                            "target": index,
                            "sentence": sentence,
                            "start": int(target["from"]),
                            "end": int(target["to"]),
                            "mention": target.get("mention", ""),
                            "gold": GOLD_LABELS[float(target["polarity"])],
                        }
                    )
            except (json.JSONDecodeError, KeyError, TypeError, ValueError) as error:
                raise ValueError(
                    f"{path}: line {line + 1} is not a NewsMTSC record ({error!r}); "
                    "expected sentence_normalized and targets[from, to, polarity]"
                ) from error
    return pd.DataFrame(
        rows, columns=["line", "target", "sentence", "start", "end", "mention", "gold"]
    )


def predict(
    gold: pd.DataFrame, *, method: str = "target", settings: TargetSettings | None = None
) -> pd.DataFrame:
    """Add ``predicted`` and ``polarity`` to :func:`read_newsmtsc` rows with one method.

    Example:
        >>> g = pd.DataFrame({"line": [0], "target": [0], "start": [0], "end": [5],
        ...                   "sentence": ["Japan was praised."], "gold": ["positive"]})
        >>> predict(g)["predicted"].tolist()
        ['positive']
    """
    if method not in METHODS:
        raise ValueError(f"method must be one of {METHODS}, not {method!r}")
    polarity, predicted = [], []
    for _, group in gold.groupby("line", sort=False):
        sentence = group["sentence"].iloc[0]
        if method == "target":
            # Mask every target of the record: names are not sentiment words.
            masked = mask_names(sentence, list(zip(group["start"], group["end"], strict=True)))
            clauses = score_clauses(masked)
            for start, end in zip(group["start"], group["end"], strict=True):
                speaker = is_speaker(sentence, start, end)
                result = score_target(
                    masked, start, end, clauses=clauses, speaker=speaker, settings=settings
                )
                polarity.append(result["polarity"])
                predicted.append(result["label"])
            continue
        if method == "textblob":
            value, cut = _pattern_sentiment(sentence)[0], 0.0
        else:
            value, cut = plain_analyzer().polarity_scores(sentence)["compound"], 0.05
        name = "positive" if value > cut else "negative" if value < -cut else "neutral"
        polarity += [value] * len(group)
        predicted += [name] * len(group)
    order = gold.sort_values(["line", "target"], kind="stable").index
    out = gold.loc[order].copy()
    return out.assign(polarity=polarity, predicted=predicted).sort_index()


def score(gold_labels: pd.Series, predicted: pd.Series) -> dict:
    """Accuracy, macro-F1 and per-class F1 of predicted against gold labels.

    Example:
        >>> score(pd.Series(["negative", "positive"]), pd.Series(["negative", "neutral"]))["accuracy"]
        0.5
    """
    result = {
        "n": int(len(gold_labels)),
        "accuracy": float((gold_labels.to_numpy() == predicted.to_numpy()).mean())
        if len(gold_labels)
        else float("nan"),
    }
    f1s = []
    for name in LABELS:
        tp = int(((gold_labels == name) & (predicted == name)).sum())
        fp = int(((gold_labels != name) & (predicted == name)).sum())
        fn = int(((gold_labels == name) & (predicted != name)).sum())
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        result[f"f1_{name}"] = f1
        f1s.append(f1)
    result["macro_f1"] = sum(f1s) / len(f1s)
    return result


def evaluate(
    path: Path | str,
    *,
    method: str = "target",
    subset: str = "all",
    settings: TargetSettings | None = None,
) -> dict:
    """Score one method on a NewsMTSC file; return its numbers and its predictions.

    Args:
        path: NewsMTSC jsonl file.
        method: "target" (the kit), "textblob" or "vader" (sentence-level baselines).
        subset: "all", "even" (records the kit was tuned on) or "odd" (held out).
        settings: weights and thresholds of the target method.

    Returns:
        dict with method, subset, n, accuracy, macro_f1, f1_negative, f1_neutral, f1_positive and
        ``predictions`` (DataFrame: line, target, predicted, polarity, gold).

    Example:
        >>> from helpers.paths import CORPUS_DIR
        >>> result = evaluate(CORPUS_DIR / "newsmtsc" / "devtest_rw.jsonl", subset="odd")
        >>> result["macro_f1"] > 0.5  # doctest: +SKIP
        True
    """
    if subset not in SUBSETS:
        raise ValueError(f"subset must be one of {SUBSETS}, not {subset!r}")
    gold = read_newsmtsc(path)
    if subset != "all":
        gold = gold[gold["line"] % 2 == (0 if subset == "even" else 1)]
    predictions = predict(gold, method=method, settings=settings)
    numbers = score(predictions["gold"], predictions["predicted"])
    columns = ["line", "target", "predicted", "polarity", "gold"]
    return {
        "method": method,
        "subset": subset,
        **numbers,
        "predictions": predictions[columns].reset_index(drop=True),
    }


def main(argv: list[str] | None = None) -> int:
    """Command line: write DIR/predictions.csv for the kit's method and print all three methods.

    Example:
        >>> main(["data/corpus/newsmtsc/devtest_rw.jsonl", "--out", "/tmp/ev"])  # doctest: +SKIP
        0
    """
    parser = argparse.ArgumentParser(
        prog="python -m helpers evaluate-sentiment", description=__doc__.splitlines()[0]
    )
    parser.add_argument("gold", type=Path, help="NewsMTSC-format jsonl file")
    parser.add_argument(
        "--out",
        type=Path,
        default=Path("output") / "evaluate-sentiment",
        help="folder for predictions.csv",
    )
    args = parser.parse_args(argv)
    if not args.gold.is_file():
        print(
            f"error: {args.gold}: no such file; give a NewsMTSC jsonl such as "
            "data/corpus/newsmtsc/devtest_rw.jsonl"
        )
        return 2
    gold = read_newsmtsc(args.gold)
    lines = [f"{'method':<9} {'subset':<14} {'n':>5} {'accuracy':>8} {'macro-F1':>8}"]
    for method in METHODS:
        predictions = predict(gold, method=method)
        if method == "target":
            write_csv_atomic(
                predictions[["line", "target", "predicted", "polarity", "gold"]],
                args.out / "predictions.csv",
            )
        for subset in SUBSETS:
            part = (
                predictions
                if subset == "all"
                else predictions[predictions["line"] % 2 == (0 if subset == "even" else 1)]
            )
            numbers = score(part["gold"], part["predicted"])
            name = {"all": "all", "even": "even (tuned)", "odd": "odd (held out)"}[subset]
            lines.append(
                f"{method:<9} {name:<14} {numbers['n']:>5} {numbers['accuracy']:>8.3f} "
                f"{numbers['macro_f1']:>8.3f}"
            )
    print("\n".join(lines))
    print(f"wrote {args.out / 'predictions.csv'}")
    return 0
