"""Measure target sentiment against NewsMTSC gold, and train the model: ``evaluate-sentiment``.

NewsMTSC (Hamborg & Donnay, EACL 2021) gives news sentences with one or more target mentions and
the sentiment toward each (2.0 negative, 4.0 neutral, 6.0 positive). Four methods are compared:

- ``model``: the learned model (:mod:`helpers.sentiment.model`, trained on NewsMTSC
  ``train.jsonl``), the analysis' default;
- ``lexicon``: the kit's rules (:func:`helpers.sentiment.score_target`: the clause around the
  mention, VADER + news lexicon + TextBlob, contrast, speaker damping), ``--sentiment lexicon``;
- ``textblob`` and ``vader``: the whole sentence's TextBlob polarity / VADER compound, the same for
  every target of the sentence (the baselines; any polarity other than 0 / beyond +-0.05 is
  polar).

Sentences the model was trained on are left out of every score (``trained_sentences.txt`` beside
the model holds their fingerprints): four sentences of ``devtest_rw`` are also in ``train.jsonl``.
The lexicon's weights and the model's settings were chosen on the records with an even 0-based
index of ``devtest_rw.jsonl`` only, so the odd records are held out: the ``odd`` line is the
honest number for both.

``python -m helpers train-sentiment TRAIN --dev DEV --out DIR`` trains the model
(:func:`helpers.sentiment.training.fit`) and writes it with the fingerprints of its training
sentences.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from dataclasses import asdict, fields
from importlib import metadata
from pathlib import Path

import pandas as pd
from textblob.en import sentiment as _pattern_sentiment

from ..actors import find_mentions
from ..ingest import clean_text, load_article
from ..ingest.load import with_metadata
from ..paths import ARTICLE_SUFFIXES
from ..sentiment import mention_sentiment, sentence_table
from ..sentiment.lexicons import plain_analyzer
from ..sentiment.model import (
    MODEL_DIR,
    TRAINED_FILE,
    Model,
    ModelSettings,
    load_model,
    mention_features,
    prepare_sentence,
    read_model,
    sentence_hash,
    trained_sentences,
    write_model,
)
from ..sentiment.target import LABELS, TargetSettings, lexicon_mentions
from ..sentiment.training import fit
from ..tables import write_csv_atomic, write_text_atomic

GOLD_LABELS = {2.0: "negative", 4.0: "neutral", 6.0: "positive"}
METHODS = ("model", "lexicon", "textblob", "vader")
SUBSETS = ("all", "even", "odd")
_SUBSET_NAMES = {"all": "all", "even": "even (tuned)", "odd": "odd (held out)"}


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


def unseen(gold: pd.DataFrame, *, model: Model | None = None, folder: Path | None = None):
    """Split gold rows into those whose sentence the model never saw in training, and the rest.

    Example:
        >>> from helpers.paths import CORPUS_DIR
        >>> gold = read_newsmtsc(CORPUS_DIR / "newsmtsc" / "devtest_rw.jsonl")
        >>> kept, left_out = unseen(gold)
        >>> left_out["line"].nunique()  # four devtest_rw sentences are also in train.jsonl
        4
    """
    seen = trained_sentences(folder or MODEL_DIR)
    mask = gold["sentence"].map(sentence_hash).isin(seen)
    return gold[~mask], gold[mask]


def predict(
    gold: pd.DataFrame,
    *,
    method: str = "model",
    settings: TargetSettings | None = None,
    model: Model | None = None,
) -> pd.DataFrame:
    """Add ``predicted`` and ``polarity`` to :func:`read_newsmtsc` rows with one method.

    Args:
        gold: rows of :func:`read_newsmtsc` (all the targets of a sentence are masked together).
        method: "model", "lexicon" ("target" is an older name for it), "textblob" or "vader".
        settings: the lexicon method's weights and thresholds.
        model: the model for ``method="model"`` (default: the kit's).

    Example:
        >>> g = pd.DataFrame({"line": [0], "target": [0], "start": [0], "end": [5],
        ...                   "sentence": ["Japan was praised."], "gold": ["positive"]})
        >>> predict(g)["predicted"].tolist(), predict(g, method="lexicon")["predicted"].tolist()
        (['positive'], ['positive'])
    """
    method = "lexicon" if method == "target" else method
    if method not in METHODS:
        raise ValueError(f"method must be one of {METHODS}, not {method!r}")
    if method == "model" and model is None:
        model = load_model()
    polarity, predicted = [], []
    cache: dict = {}
    for _, group in gold.groupby("line", sort=False):
        sentence = group["sentence"].iloc[0]
        if method in ("model", "lexicon"):
            spans = list(zip(group["start"].tolist(), group["end"].tolist(), strict=True))
            prepared = prepare_sentence(sentence, spans, model.settings) if model else None
            for result, mention in lexicon_mentions(
                sentence, spans, settings=settings, cache=cache
            ):
                if method == "lexicon":
                    polarity.append(result.polarity)
                    predicted.append(result.label)
                    continue
                features = mention_features(
                    sentence, mention, spans=spans, settings=model.settings, sentence=prepared
                )
                name, probabilities = model.predict(features)
                polarity.append(probabilities[2] - probabilities[0])
                predicted.append(name)
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
    """Accuracy, macro-F1 and per-class precision, recall and F1 of predicted against gold labels.

    Example:
        >>> numbers = score(pd.Series(["negative", "positive"]), pd.Series(["negative", "neutral"]))
        >>> numbers["accuracy"], numbers["recall_negative"], numbers["f1_positive"]
        (0.5, 1.0, 0.0)
    """
    gold_labels, predicted = pd.Series(list(gold_labels)), pd.Series(list(predicted))
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
        result[f"precision_{name}"] = precision
        result[f"recall_{name}"] = recall
        result[f"f1_{name}"] = f1
        result[f"support_{name}"] = tp + fn
        f1s.append(f1)
    result["macro_f1"] = sum(f1s) / len(f1s)
    return result


def confusion(gold_labels: pd.Series, predicted: pd.Series) -> pd.DataFrame:
    """The confusion table: one row per gold label, one column per predicted label (counts).

    Example:
        >>> table = confusion(pd.Series(["negative", "neutral"]), pd.Series(["negative"] * 2))
        >>> table.to_dict("index")["neutral"]
        {'negative': 1, 'neutral': 0, 'positive': 0}
    """
    table = pd.crosstab(
        pd.Categorical(list(gold_labels), categories=LABELS),
        pd.Categorical(list(predicted), categories=LABELS),
        dropna=False,
    )
    table.index.name, table.columns.name = "gold", "predicted"
    return table


def _subset(frame: pd.DataFrame, subset: str) -> pd.DataFrame:
    if subset not in SUBSETS:
        raise ValueError(f"subset must be one of {SUBSETS}, not {subset!r}")
    if subset == "all":
        return frame
    return frame[frame["line"] % 2 == (0 if subset == "even" else 1)]


def evaluate(
    path: Path | str,
    *,
    method: str = "model",
    subset: str = "all",
    settings: TargetSettings | None = None,
    model: Model | None = None,
) -> dict:
    """Score one method on a NewsMTSC file; return its numbers and its predictions.

    Targets whose sentence the model was trained on are left out (``left_out`` says how many).

    Args:
        path: NewsMTSC jsonl file.
        method: "model", "lexicon" ("target"), "textblob" or "vader".
        subset: "all", "even" (records the settings were chosen on) or "odd" (held out).
        settings: weights and thresholds of the lexicon method.
        model: the model (default: the kit's).

    Returns:
        dict with method, subset, n, left_out, accuracy, macro_f1, per-class precision_*,
        recall_*, f1_*, support_*, ``confusion`` (DataFrame) and ``predictions`` (DataFrame:
        line, target, predicted, polarity, gold).

    Example:
        >>> from helpers.paths import CORPUS_DIR
        >>> result = evaluate(CORPUS_DIR / "newsmtsc" / "devtest_rw.jsonl", subset="odd")
        >>> result["n"], result["left_out"], round(result["macro_f1"], 2) > 0.6
        (566, 2, True)
    """
    gold, left_out = unseen(_subset(read_newsmtsc(path), subset))
    predictions = predict(gold, method=method, settings=settings, model=model)
    numbers = score(predictions["gold"], predictions["predicted"])
    columns = ["line", "target", "predicted", "polarity", "gold"]
    return {
        "method": "lexicon" if method == "target" else method,
        "subset": subset,
        **numbers,
        "left_out": int(len(left_out)),
        "confusion": confusion(predictions["gold"], predictions["predicted"]),
        "predictions": predictions[columns].reset_index(drop=True),
    }


def report(gold: pd.DataFrame, *, model: Model | None = None) -> dict[str, pd.DataFrame]:
    """Every method on ``gold``: predictions, scores per subset and class, confusion tables.

    Returns:
        ``predictions`` (line, target, method, predicted, polarity, gold), ``scores`` (one row per
        method and subset) and ``confusion`` (method, gold, then one column per predicted label).
    """
    predictions, scores, tables = [], [], []
    for method in METHODS:
        done = predict(gold, method=method, model=model).assign(method=method)
        predictions.append(done[["line", "target", "method", "predicted", "polarity", "gold"]])
        for subset in SUBSETS:
            part = _subset(done, subset)
            scores.append({"method": method, "subset": subset, **score(part.gold, part.predicted)})
        table = confusion(done["gold"], done["predicted"]).reset_index()
        tables.append(table.assign(method=method)[["method", "gold", *LABELS]])
    return {
        "predictions": pd.concat(predictions, ignore_index=True),
        "scores": pd.DataFrame(scores),
        "confusion": pd.concat(tables, ignore_index=True),
    }


def format_report(tables: dict[str, pd.DataFrame], *, left_out: int = 0) -> str:
    """The report as text: methods by subset, per-class scores, the confusion tables."""
    scores = tables["scores"]
    lines = [f"{'method':<9} {'subset':<14} {'n':>5} {'accuracy':>8} {'macro-F1':>8}"]
    for row in scores.itertuples(index=False):
        lines.append(
            f"{row.method:<9} {_SUBSET_NAMES[row.subset]:<14} {row.n:>5} {row.accuracy:>8.3f} "
            f"{row.macro_f1:>8.3f}"
        )
    lines += ["", "per class (all): precision / recall / F1 (gold count)"]
    for row in scores[scores["subset"] == "all"].itertuples(index=False):
        cells = [
            f"{name} {getattr(row, f'precision_{name}'):.2f}/{getattr(row, f'recall_{name}'):.2f}"
            f"/{getattr(row, f'f1_{name}'):.2f} ({getattr(row, f'support_{name}')})"
            for name in LABELS
        ]
        lines.append(f"  {row.method:<9} " + "  ".join(cells))
    lines += ["", "confusion (all; rows: gold, columns: predicted)"]
    for method, table in tables["confusion"].groupby("method", sort=False):
        lines.append(f"  {method}")
        lines.append(f"    {'':<9} " + " ".join(f"{name:>9}" for name in LABELS))
        for row in table.itertuples(index=False):
            counts = " ".join(f"{getattr(row, name):>9}" for name in LABELS)
            lines.append(f"    {row.gold:<9} {counts}")
    if left_out:
        lines += ["", f"left out: {left_out} target(s) whose sentence the model was trained on"]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Command line: score every method on a NewsMTSC file and write the tables into DIR.

    Example:
        >>> from helpers.paths import CORPUS_DIR
        >>> gold = CORPUS_DIR / "newsmtsc" / "devtest_rw.jsonl"
        >>> main([str(gold), "--out", str(tmp / "ev")])  # doctest: +SLOW, +ELLIPSIS
        method    subset             n accuracy macro-F1
        model     all             1142    ...
        wrote .../predictions.csv, scores.csv, confusion.csv
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
        help="folder for predictions.csv, scores.csv, confusion.csv",
    )
    parser.add_argument(
        "--model",
        type=Path,
        default=None,
        metavar="DIR",
        help="a model folder (default: the kit's)",
    )
    args = parser.parse_args(argv)
    if not args.gold.is_file():
        print(
            f"error: {args.gold}: no such file; give a NewsMTSC jsonl such as "
            "data/corpus/newsmtsc/devtest_rw.jsonl"
        )
        return 2
    try:
        model = read_model(args.model) if args.model else load_model()
    except RuntimeError as error:
        print(f"error: {error}")
        return 2
    gold, left_out = unseen(read_newsmtsc(args.gold), folder=args.model)
    tables = report(gold, model=model)
    for name, table in tables.items():
        write_csv_atomic(table, args.out / f"{name}.csv")
    print(format_report(tables, left_out=len(left_out)))
    print(f"wrote {args.out}/predictions.csv, scores.csv, confusion.csv")
    return 0


def train_main(argv: list[str] | None = None) -> int:
    """Command line: ``python -m helpers train-sentiment TRAIN [--dev DEV] [--out DIR]``.

    Trains the model on TRAIN (NewsMTSC jsonl), writes ``weights.csv``, ``model.json`` and
    ``trained_sentences.txt`` into DIR and, with ``--dev``, prints the model and the lexicon
    method on DEV (leaving out DEV sentences that are also in TRAIN).
    """
    parser = argparse.ArgumentParser(
        prog="python -m helpers train-sentiment",
        description="Train the target-sentiment model on NewsMTSC-format data.",
    )
    parser.add_argument("train", type=Path, help="NewsMTSC-format jsonl to learn from")
    parser.add_argument("--dev", type=Path, default=None, help="NewsMTSC jsonl to report on")
    parser.add_argument(
        "--out", type=Path, default=MODEL_DIR, help="model folder (default: data/sentiment_model)"
    )
    defaults = ModelSettings()
    for item in fields(ModelSettings):
        value = getattr(defaults, item.name)
        kind = type(value)
        parser.add_argument(
            f"--{item.name.replace('_', '-')}",
            type=(lambda text: text.lower() in ("1", "true", "yes")) if kind is bool else kind,
            default=value,
            help=f"(default: {value})",
        )
    args = parser.parse_args(argv)
    for path in (args.train, args.dev):
        if path is not None and not path.is_file():
            print(f"error: {path}: no such file; give a NewsMTSC jsonl")
            return 2
    settings = ModelSettings(**{f.name: getattr(args, f.name) for f in fields(ModelSettings)})
    gold = read_newsmtsc(args.train)
    model = fit(gold, settings=settings, info=_training_record(args.train, gold))
    for path in write_model(model, args.out):
        print(f"wrote {path}")
    hashes = "".join(f"{h}\n" for h in sorted(set(gold["sentence"].map(sentence_hash))))
    print(f"wrote {write_text_atomic(args.out / TRAINED_FILE, hashes)}")
    print(f"{len(gold)} targets, {len(model.weights)} features, settings {asdict(settings)}")
    if args.dev is not None:
        dev, left_out = unseen(read_newsmtsc(args.dev), folder=args.out)
        tables = report(dev, model=model)
        print(format_report(tables, left_out=len(left_out)))
    return 0


def _training_record(path: Path, gold: pd.DataFrame) -> dict:
    """What ``model.json`` says about the training: the data (name, hash, counts), the versions."""
    versions = {}
    for name in ("scikit-learn", "nltk", "textblob", "vaderSentiment"):
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "-"
    return {
        "trained_on": {
            "file": path.name,  # the name only: the path is the trainer's machine's business
            "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
            "sentences": int(gold["line"].nunique()),
            "targets": int(len(gold)),
            "labels": {k: int(v) for k, v in sorted(gold["gold"].value_counts().items())},
        },
        "versions": versions,
        "command": "python -m helpers train-sentiment TRAIN --dev DEV --out DIR",
    }


def evaluate_mentions(labels: Path | str, folders: list[Path | str]) -> pd.DataFrame:
    """Both methods on hand-labelled mentions of the kit's own articles (not NewsMTSC).

    ``labels`` is a CSV with article_id, start, end, label (offsets into the cleaned body, as in
    ``mentions.csv``); the articles are found by name in ``folders``. Each article is cleaned and
    its mentions found and scored exactly as the analysis does (all its mentions are masked).

    Returns:
        The label rows with ``model`` and ``lexicon`` (each method's label) added.

    Example:
        >>> from helpers.paths import CORPUS_DIR, ROOT, SEEDS_DIR
        >>> labels = ROOT / "tests" / "data" / "country_sentiment" / "labels.csv"
        >>> done = evaluate_mentions(labels, [SEEDS_DIR, CORPUS_DIR / "articles"])
        >>> len(done), sorted(done["lexicon"].unique())
        (83, ['negative', 'neutral', 'positive'])
    """
    gold = pd.read_csv(labels, dtype={"article_id": str}, keep_default_na=False)
    files = {
        path.stem: path
        for folder in map(Path, folders)
        for path in sorted(folder.iterdir())
        if path.suffix in ARTICLE_SUFFIXES
    }
    answers: dict[tuple[str, int, int], dict[str, str]] = {}
    for article_id in sorted(set(gold["article_id"])):
        if article_id not in files:
            raise ValueError(f"{labels}: article {article_id} is in none of {folders}")
        article = load_article(files[article_id])
        cleaned = clean_text(article)
        article = with_metadata(article, **cleaned.metadata)
        sentences = sentence_table(cleaned.body, cleaned.offsets)
        mentions = find_mentions(cleaned.body, sentences, date=article.date_obj)
        for method in ("model", "lexicon"):
            scores = mention_sentiment(cleaned.body, sentences, mentions, method=method)[0]
            for start, end, name in zip(
                scores.column("start"), scores.column("end"), scores.column("label"), strict=True
            ):
                answers.setdefault((article_id, int(start), int(end)), {})[method] = name
    found = [
        answers.get((a, int(s), int(e)), {})
        for a, s, e in gold[["article_id", "start", "end"]].itertuples(index=False)
    ]
    missing = [i for i, f in enumerate(found) if not f]
    if missing:
        raise ValueError(f"{labels}: rows {missing} name no mention the kit finds (offsets moved?)")
    return gold.assign(model=[f["model"] for f in found], lexicon=[f["lexicon"] for f in found])
