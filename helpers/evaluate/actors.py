"""Measure actor finding against gold data: ``python -m helpers evaluate actors``.

Two gold sets from ``data/corpus/`` (licences in ``data/corpus/MANIFEST.md``):

* **NewsWCL50** (``newswcl50/Annotations.csv``): the article texts are not included, so each coded
  COUNTRY or ACTOR surface string ("North Korean leader", "the Kremlin", "Mr. Netanyahu") is resolved
  on its own, dated 2018-05-01 (the corpus covers April-May 2018). A COUNTRY string is right when its
  first mention links to the gold code (``USA``, ``EU``); an ACTOR string (``FRA\\Macron``) when its
  first person mention contains the gold name, and separately when that person's country is the gold
  country. Strings such as "his country" or "the president" cannot be resolved out of context, so
  recall has a ceiling well below 1.
* **GUM** (``gum/*.conllu``): full Wikinews texts with gold entity spans and Wikipedia identities.
  Each predicted mention is a hit when it overlaps a gold span of the same actor (countries,
  organisations; identities matched through the gazetteer names) or, for people, any gold person
  span with a proper noun. Recall counts, for countries and organisations, gold spans with a proper
  noun and a Wikipedia identity; for people, spans made only of singular proper nouns ("Daniel
  Montalvo", not "Muslims" or "the president"). ``recall_in_gazetteer`` counts only gold spans whose
  identity is a gazetteer actor.
  ``strict`` precision counts every prediction; ``judged`` precision only those inside some gold
  span with an identity (GUM leaves many adjectives such as "North Korean" unannotated).
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
from pathlib import Path
from urllib.parse import unquote

import pandas as pd

from ..actors.gazetteer import Gazetteer, load_gazetteer
from ..actors.mentions import find_mentions
from ..paths import CORPUS_DIR

NEWSWCL_DATE = dt.date(2018, 5, 1)
_ENTITY = re.compile(r"\((\d+)-([^()]*)(\)?)|(\d+)\)")


def _one_sentence(text: str) -> pd.DataFrame:
    return pd.DataFrame(
        {"sentence_id": [1], "paragraph_id": [1], "start": [0], "end": [len(text)], "text": [text]}
    )


def _norm(name: str) -> str:
    return re.sub(r"[\s_-]+", " ", name).strip().lower()


def score_newswcl50(path: Path, *, gazetteer: Gazetteer | None = None) -> pd.DataFrame:
    """Resolve every COUNTRY/ACTOR surface string of NewsWCL50; one row per coded mention.

    Returns:
        code_type, code_name, code_mention, gold, predicted, correct (and for ACTOR rows
        gold_country, predicted_country, country_correct).

    Example:
        >>> rows = score_newswcl50(CORPUS_DIR / "newswcl50" / "Annotations.csv")  # doctest: +SLOW
        >>> len(rows), sorted(set(rows["code_type"]))
        (3044, ['ACTOR', 'COUNTRY'])
    """
    g = gazetteer or load_gazetteer()
    gold = pd.read_csv(path, skiprows=1, dtype=str, keep_default_na=False)
    gold = gold[gold["code_type"].isin(["COUNTRY", "ACTOR"])]
    cache: dict[str, pd.DataFrame] = {}
    rows = []
    for code_type, code, text in zip(
        gold["code_type"], gold["code_name"], gold["code_mention"], strict=True
    ):
        text = text.strip()
        if text not in cache:
            found = find_mentions(text, _one_sentence(text), date=NEWSWCL_DATE, gazetteer=g)
            cache[text] = found.frame()
        found = cache[text]
        parts = code.split("\\")
        row = {"code_type": code_type, "code_name": code, "code_mention": text}
        if code_type == "COUNTRY":
            linked = found[(found["country"] != "") | (found["actor_type"] == "organization")]
            pred = ""
            if len(linked):
                first = linked.iloc[0]
                pred = first["country"] or first["actor_id"]
            row.update(gold=parts[0], predicted=pred, correct=pred == parts[0])
        else:
            people = found[found["actor_type"] == "person"]
            pred = people["actor"].iloc[0] if len(people) else ""
            country = people["country"].iloc[0] if len(people) else ""
            row.update(
                gold=parts[-1],
                predicted=pred,
                correct=bool(pred) and _norm(parts[-1]) in _norm(pred),
                gold_country=parts[0],
                predicted_country=country,
                country_correct=bool(country) and country == parts[0],
            )
        rows.append(row)
    return pd.DataFrame(rows)


def read_conllu(path: Path) -> tuple[str, pd.DataFrame, pd.DataFrame, dt.date | None]:
    """Rebuild a GUM document: body, sentences, gold entity spans and its date.

    A span has start, end, etype, identity (Wikipedia title or ""), proper (has a proper noun) and
    name (only singular proper nouns: "Daniel Montalvo", not "Muslims" or "the president").

    Example:
        >>> body, sents, spans, day = read_conllu(CORPUS_DIR / "gum" / "GUM_news_korea.conllu")
        >>> body[:11], day.year
        ('North Korea', 2015)
    """
    body, sentences, day = "", [], None
    paragraph, new_par, text, tokens = 0, True, "", []
    spans, opened, identity = [], {}, {}

    def flush() -> None:
        nonlocal body, text, tokens
        if not text:
            return
        if body:
            body += "\n" if new_par else " "
        offset, pos = len(body), 0
        body += text
        sentences.append((paragraph, offset, offset + len(text), text))
        for form, upos, xpos, misc in tokens:
            at = text.find(form, pos)
            at = pos if at < 0 else at
            start, pos = offset + at, at + len(form)
            for m in _ENTITY.finditer(misc.get("Entity", "")):
                if m.group(1):
                    eid, fields = m.group(1), m.group(2).split("-", 6)
                    if len(fields) == 7 and fields[6]:
                        identity[eid] = unquote(fields[6]).replace("_", " ")
                    opened.setdefault(eid, []).append([start, fields[0], False, True])
            for stack in opened.values():  # any proper noun / a name made only of NNP tokens
                for item in stack:
                    item[2] = item[2] or upos == "PROPN"
                    item[3] = item[3] and (xpos in ("NNP", "HYPH", "POS") or upos == "PUNCT")
            for m in _ENTITY.finditer(misc.get("Entity", "")):
                eid = m.group(1) if m.group(1) and m.group(3) else m.group(4)
                if eid:
                    first = opened[eid].pop()
                    spans.append((eid, first[0], offset + pos, first[1], first[2], first[3]))
        text, tokens = "", []

    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# meta::dateCreated"):
            day = dt.date.fromisoformat(line.split("=", 1)[1].strip()[:10])
        elif line.startswith("# newpar"):
            new_par = True
        elif line.startswith("# text ="):
            text = line.split("=", 1)[1].strip()
        elif line and not line.startswith("#"):
            cols = line.split("\t")
            if "-" in cols[0] or "." in cols[0]:
                continue
            misc = dict(kv.split("=", 1) for kv in cols[9].split("|") if "=" in kv)
            tokens.append((cols[1], cols[3], cols[4], misc))
        elif not line and text:
            paragraph += new_par
            flush()
            new_par = False
    if text:
        paragraph += new_par
        flush()
    sents = pd.DataFrame(sentences, columns=["paragraph_id", "start", "end", "text"])
    sents.insert(0, "sentence_id", range(1, len(sents) + 1))
    gold = pd.DataFrame(
        [(s, e, t, identity.get(eid, ""), p, n) for eid, s, e, t, p, n in spans],
        columns=["start", "end", "etype", "identity", "proper", "name"],
    )
    return body, sents, gold, day


def _identity_index(g: Gazetteer) -> dict[str, str]:
    index: dict[str, str] = {}
    for entries in g.entries.values():
        for e in entries:
            if e.kind in ("name", "alias") and len(e.targets) == 1:
                index.setdefault(_norm(e.form), e.targets[0])
    return index


def score_gum(folder: Path, *, gazetteer: Gazetteer | None = None) -> pd.DataFrame:
    """Precision and recall per actor type on the GUM news documents (one row per type).

    Example:
        >>> scores = score_gum(CORPUS_DIR / "gum")  # doctest: +SLOW
        >>> scores["type"].tolist(), bool((scores["precision_strict"] > 0.5).all())
        (['country', 'person', 'organization'], True)
    """
    g = gazetteer or load_gazetteer()
    index = _identity_index(g)
    counts = {
        t: dict.fromkeys(
            [
                "pred",
                "hit",
                "judged",
                "judged_hit",
                "gold",
                "gold_found",
                "gold_known",
                "gold_known_found",
            ],
            0,
        )
        for t in ("country", "person", "organization")
    }
    for path in sorted(folder.glob("*.conllu")):
        body, sents, gold, day = read_conllu(path)
        found = find_mentions(body, sents, date=day, gazetteer=g).frame()
        gold = gold.assign(actor=[index.get(_norm(i), "") if i else "" for i in gold["identity"]])
        gold["kind"] = [
            g.actors[a].actor_type if a else e
            for a, e in zip(gold["actor"], gold["etype"], strict=True)
        ]
        # people need no Wikipedia identity to count (most named people in news have none)
        # a prediction is judged against spans with a proper noun; recall counts named spans only
        proper = gold[gold["proper"] & ((gold["identity"] != "") | (gold["kind"] == "person"))]
        named = gold[
            (gold["proper"] & (gold["identity"] != "") & (gold["kind"] != "person"))
            | (gold["name"] & (gold["kind"] == "person"))
        ]
        for kind, c in counts.items():
            pred = found[found["actor_type"] == kind]
            for m in pred.itertuples():
                over = proper[(proper["start"] < m.end) & (m.start < proper["end"])]
                hit = (
                    (over["actor"] == m.actor_id).any()
                    if kind != "person"
                    else ((over["kind"] == "person") & over["actor"].isin(["", m.actor_id])).any()
                )
                c["pred"] += 1
                c["hit"] += int(hit)
                c["judged"] += int(len(over) > 0)
                c["judged_hit"] += int(hit)
            for s in named[named["kind"] == kind].itertuples():
                over = pred[(pred["start"] < s.end) & (s.start < pred["end"])]
                ok = (over["actor_id"] == s.actor).any() if s.actor else len(over) > 0
                c["gold"] += 1
                c["gold_found"] += int(ok)
                c["gold_known"] += int(bool(s.actor))
                c["gold_known_found"] += int(ok and bool(s.actor))
    rows = []
    for kind, c in counts.items():
        rows.append(
            {
                "type": kind,
                "predicted": c["pred"],
                "gold": c["gold"],
                "precision_strict": _ratio(c["hit"], c["pred"]),
                "precision_judged": _ratio(c["judged_hit"], c["judged"]),
                "recall": _ratio(c["gold_found"], c["gold"]),
                "recall_in_gazetteer": _ratio(c["gold_known_found"], c["gold_known"]),
            }
        )
    return pd.DataFrame(rows)


def _ratio(a: int, b: int) -> float:
    return round(a / b, 3) if b else float("nan")


def summarize_newswcl50(rows: pd.DataFrame) -> pd.DataFrame:
    """Precision/recall per code type from ``score_newswcl50`` rows.

    Example:
        >>> rows = score_newswcl50(CORPUS_DIR / "newswcl50" / "Annotations.csv")  # doctest: +SLOW
        >>> summarize_newswcl50(rows).columns.tolist()[:2]
        ['task', 'gold']
    """
    out = []
    for label, part, pred, ok in (
        ("COUNTRY code", rows[rows.code_type == "COUNTRY"], "predicted", "correct"),
        ("ACTOR person", rows[rows.code_type == "ACTOR"], "predicted", "correct"),
        (
            "ACTOR country link",
            rows[rows.code_type == "ACTOR"],
            "predicted_country",
            "country_correct",
        ),
    ):
        answered = (part[pred] != "").sum()
        right = part[ok].astype(bool).sum()
        out.append(
            {
                "task": label,
                "gold": len(part),
                "answered": int(answered),
                "precision": _ratio(int(right), int(answered)),
                "recall": _ratio(int(right), len(part)),
            }
        )
    return pd.DataFrame(out)


def main(argv: list[str]) -> int:
    """Print precision and recall of actor finding on NewsWCL50 and GUM; return 0.

    Example:
        >>> main(["--skip-newswcl50"])  # doctest: +SLOW, +ELLIPSIS, +NORMALIZE_WHITESPACE
        GUM news: mentions in running text against gold entity spans
        type  predicted  gold  precision_strict  precision_judged  recall  recall_in_gazetteer
        country ...
        0
    """
    parser = argparse.ArgumentParser(
        prog="python -m helpers evaluate actors",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--newswcl50", type=Path, default=CORPUS_DIR / "newswcl50" / "Annotations.csv"
    )
    parser.add_argument("--gum", type=Path, default=CORPUS_DIR / "gum")
    parser.add_argument(
        "--errors",
        type=int,
        default=0,
        metavar="N",
        help="also print N wrong NewsWCL50 answers of each type",
    )
    parser.add_argument("--skip-newswcl50", action="store_true")
    parser.add_argument("--skip-gum", action="store_true")
    args = parser.parse_args(argv)
    with pd.option_context("display.width", 160, "display.max_columns", 20):
        if not args.skip_newswcl50:
            rows = score_newswcl50(args.newswcl50)
            print("NewsWCL50: each coded surface string resolved on its own (date 2018-05-01)")
            print(summarize_newswcl50(rows).to_string(index=False))
            if args.errors:
                wrong = rows[(rows["predicted"] != "") & ~rows["correct"].astype(bool)]
                print(
                    wrong.groupby("code_type")
                    .head(args.errors)[["code_type", "code_name", "code_mention", "predicted"]]
                    .to_string(index=False)
                )
            print()
        if not args.skip_gum:
            print("GUM news: mentions in running text against gold entity spans")
            print(score_gum(args.gum).to_string(index=False))
    return 0
