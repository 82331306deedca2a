"""Measure quote finding and speaker attribution against hand-made gold.

``python -m helpers evaluate sources`` reads ``tests/data/sources_gold/quotes.csv`` (one row per
quotation of a few articles: article, split, kind ``direct``/``scare_quote``, speaker, anonymous,
quote), runs the whole pipeline (load, clean, segment, actors, sources) on each article and prints
per article and per split (``seed``; ``dev``: the articles the rules were developed on;
``heldout`` … ``heldout17``: rounds of articles whose gold was written from the raw text before the
rules ever ran on them; each round was scored once untouched — its "first look", the only
unseen-news estimate — and then used for tuning; every first look is listed in
``tests/data/sources_gold/README.md``). Articles are looked up in ``seeds/``,
``data/corpus/articles/`` and ``tests/data/sources_gold/articles/`` (the Wikinews articles of the
later rounds, CC BY 2.5, see the ``ATTRIBUTION.md`` there). Since ``heldout6`` the articles of a
round are drawn, not chosen: from the 2019 and 2020 Wikinews export, drop every article already in
``data/corpus/articles/``, in an earlier round or read while tuning; keep those whose text has at
least 8 double-quote characters (straight or curly); sort by (date, URL) and take
``random.Random(seed).sample(pool, 12)`` — seeds 6, 7, 8, 9 for ``heldout6`` … ``heldout9``
(``heldout13``: seed 13, the first 8 of the draw; ``heldout14``: the other 4 of that draw,
then ``random.Random(14).sample(rest, 8)`` of the 36 left in the pool; ``heldout16``:
``random.Random(16).sample(rest, 10)`` of the 28 left after that; ``heldout17``: the 18 left,
no draw).
``heldout10`` is every GUM news document not in ``data/corpus/articles/`` with at least 8
double-quote characters (rebuilt by ``scripts/gum_to_text.py``).

``heldout12`` is the news pages of a corpus of web pages pasted from a browser, furniture included,
which the project does not hold (``heldout15``, ``heldout18`` … ``heldout24``: news pages as a web
archive stores their text, from their own files): ``--pages PATH`` reads them from a JSON-lines
file (``id``, ``text``), and the gold (``pasted_quotes.csv``, ``pasted_pages.csv``) locates each quote by its
character range in a page and checks it against the quote's first words. A predicted quote found
only in the page furniture (outside the article's ranges) is counted apart, not as a false positive.

* quote precision, recall and F1 — a predicted ``direct`` quote is right when its text overlaps a
  gold direct quote (at least half of the longer one's words); predicted quotes with no word in
  Latin script (an interview's Hindi translation) are not scored, as the gold cannot name them;
* speaker accuracy — over the matched quotes, the predicted speaker names the gold one (same
  surname or a one-letter transliteration of it, "Zelensky"/"Zelenskyy"; or the gold description
  inside the predicted one) and agrees on anonymity;
* scare-quote accuracy — gold scare quotes that were not given a speaker.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import tempfile
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..actors import find_mentions
from ..ingest import LoadProblem, read_article, split_sentences
from ..paths import CORPUS_DIR, ROOT, SEEDS_DIR
from ..sources import find_attributions
from ..sources.speakers.names import spelling_variant

GOLD = ROOT / "tests" / "data" / "sources_gold" / "quotes.csv"
GOLD_ARTICLES = GOLD.parent / "articles"  # fresh Wikinews articles of the later blind rounds
PASTED_GOLD = GOLD.parent / "pasted_quotes.csv"  # heldout12: quotes located in pasted web pages
PASTED_PAGES = GOLD.parent / "pasted_pages.csv"  # which pages are news, their article ranges
#: words of a pasted page's quote shown in ``--errors`` (the pages are not the project's to copy)
SHOWN_WORDS = 4
_STOP = {"the", "a", "an"}
_WORD = re.compile(r"[^\W_]+")
# an apostrophe or glottal mark inside a name is spelling: "Mata'afa", "Mataʻafa" and "Mataafa"
_INNER_MARK = re.compile(r"(?<=\w)['’ʻʼ](?=\w)(?!s\b)")


@dataclass(frozen=True)
class Prepared:
    """One article run through the pipeline up to the actor mentions."""

    article_id: str
    body: str
    sentences: pd.DataFrame
    mentions: pd.DataFrame
    reference_lines: tuple[tuple[int, str], ...]
    date: object


def find_article(article_id: str) -> Path:
    """Locate a seed or corpus article by its file stem.

    Example:
        >>> find_article("001_b9b24f8ad2796175").name
        '001_b9b24f8ad2796175.txt'
    """
    for folder in (SEEDS_DIR, CORPUS_DIR / "articles", GOLD_ARTICLES):
        for path in sorted(folder.glob(f"{article_id}.*")):
            if path.suffix != ".md":
                return path
    raise FileNotFoundError(
        f"{article_id}: not in seeds/, data/corpus/articles/ or tests/data/sources_gold/articles/"
    )


def prepare(path: Path, *, actors: bool = True) -> Prepared:
    """Load, clean, segment and find actor mentions for one article file, as ``analyze`` does
    (the language is decided on the cleaned body, so a page's furniture in another script does
    not refuse its English article).

    With ``actors=False`` the mentions table is empty and speakers are named from the text alone.
    """
    article, cleaned = read_article(Path(path))
    sentences = split_sentences(cleaned.body)
    date = article.date_obj
    mentions = (
        find_mentions(cleaned.body, sentences, date=date).frame() if actors else pd.DataFrame()
    )
    return Prepared(
        article.article_id, cleaned.body, sentences, mentions, cleaned.reference_lines, date
    )


def _tokens(text: str) -> list[str]:
    text = str(text).replace("’", "'")  # (before the accents go: "Israel’s" is "Israel's")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = re.sub(r"['’]s\b", "", text.lower())
    return _WORD.findall(text)


def quote_overlap(a: str, b: str) -> float:
    """Share of the longer quote's words that the two quotes have in common (0..1).

    Example:
        >>> quote_overlap("a big mistake,", "A big mistake")
        1.0
    """
    ta, tb = _tokens(a), _tokens(b)
    if not ta or not tb:
        return 0.0
    common = sum((Counter(ta) & Counter(tb)).values())
    return common / max(len(ta), len(tb))


def same_speaker(predicted: str, pred_anonymous: bool, gold: str, gold_anonymous: bool) -> bool:
    """True when a predicted speaker names the gold one.

    Names match on the surname; descriptions match when all gold words are in the prediction.

    Example:
        >>> same_speaker("Jens Stoltenberg", False, "Stoltenberg", False)
        True
        >>> same_speaker("NATO", False, "someone familiar with discussions within NATO", True)
        False
        >>> same_speaker("Fiamē Naomi Mataʻafa", False, "Fiame Naomi Mata'afa", False)
        True
        >>> same_speaker("Israel’s military", False, "Israel's military", False)
        True
    """
    if bool(pred_anonymous) != bool(gold_anonymous):
        return False
    pred = [t for t in _tokens(_INNER_MARK.sub("", str(predicted))) if t not in _STOP]
    want = [t for t in _tokens(_INNER_MARK.sub("", str(gold))) if t not in _STOP]
    if not pred or not want:
        return False
    if set(want) <= set(pred):
        return True
    if str(gold).split()[-1][:1].isupper():  # a name: the surname decides ("Mohammed bin Salman")
        return pred[-1] == want[-1] or spelling_variant(pred[-1], want[-1], min_len=6)
    return set(pred) <= set(want) and pred[-1] == want[-1]


def score_article(predicted: pd.DataFrame, gold: pd.DataFrame) -> pd.DataFrame:
    """Match one article's predicted quotes to its gold quotes; one row per gold or spurious quote.

    Columns: gold_quote, gold_kind, gold_speaker, pred_quote, pred_kind, pred_speaker, outcome
    (tp | fn | fp | scare_ok | scare_as_direct) and speaker_ok.
    """
    quotes = predicted[predicted["kind"].isin(["direct", "scare_quote"])]
    # quotes with no Latin-script word (an interview's Hindi translation) cannot be scored
    if len(quotes):  # (an empty list would select no column at all)
        quotes = quotes[[bool(_tokens(q)) for q in quotes["quote"]]]
    quotes = quotes.reset_index(drop=True)
    used: set[int] = set()
    rows = []
    for g in gold.itertuples(index=False):
        best, best_score = -1, 0.5 - 1e-9
        for i, quote in enumerate(quotes["quote"]):
            score = quote_overlap(quote, g.quote)
            if i not in used and score > best_score:  # ties: the earlier quote
                best, best_score = i, score
        pred = quotes.iloc[best] if best >= 0 else None
        if best >= 0:
            used.add(best)
        pred_kind = pred["kind"] if pred is not None else ""
        if g.kind == "direct":
            outcome = "tp" if pred_kind == "direct" else "fn"
        else:
            outcome = "scare_as_direct" if pred_kind == "direct" else "scare_ok"
        speaker_ok = outcome == "tp" and same_speaker(
            pred["speaker"], pred["anonymous"], g.speaker, g.anonymous
        )
        rows.append(
            {
                "gold_quote": g.quote,
                "gold_kind": g.kind,
                "gold_speaker": g.speaker,
                "pred_quote": pred["quote"] if pred is not None else "",
                "pred_kind": pred_kind,
                "pred_speaker": pred["speaker"] if pred is not None else "",
                "outcome": outcome,
                "speaker_ok": speaker_ok,
            }
        )
    for i, row in quotes.iterrows():
        if i not in used and row["kind"] == "direct":
            rows.append(
                {
                    "gold_quote": "",
                    "gold_kind": "",
                    "gold_speaker": "",
                    "pred_quote": row["quote"],
                    "pred_kind": "direct",
                    "pred_speaker": row["speaker"],
                    "outcome": "fp",
                    "speaker_ok": False,
                }
            )
    return pd.DataFrame(rows)


def summarize(scored: pd.DataFrame) -> dict[str, float]:
    """Precision, recall, F1, speaker accuracy and scare-quote accuracy of scored rows.

    Example:
        >>> rows = pd.DataFrame({"outcome": ["tp", "fn", "fp", "scare_ok"],
        ...                      "speaker_ok": [True, False, False, False]})
        >>> summarize(rows)["f1"]
        0.5
    """
    count = scored["outcome"].value_counts()
    tp, fp, fn = (int(count.get(k, 0)) for k in ("tp", "fp", "fn"))
    scare_ok, scare_bad = int(count.get("scare_ok", 0)), int(count.get("scare_as_direct", 0))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "gold": tp + fn,
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "speaker_acc": float(scored["speaker_ok"].sum()) / tp if tp else float("nan"),
        "scare_acc": scare_ok / (scare_ok + scare_bad) if scare_ok + scare_bad else float("nan"),
    }


def load_gold(path: Path = GOLD) -> pd.DataFrame:
    """Read the gold quotes CSV (booleans written as true/false)."""
    gold = pd.read_csv(path, dtype=str, keep_default_na=False)
    return gold.assign(anonymous=gold["anonymous"].str.lower().eq("true"))


def evaluate(gold: pd.DataFrame, *, actors: bool = True) -> pd.DataFrame:
    """Run the pipeline on every gold article and return all scored rows (with article, split)."""
    frames = []
    for article_id, rows in gold.groupby("article", sort=True):
        prep = prepare(find_article(article_id), actors=actors)
        predicted = _attributions(article_id, prep)
        scored = score_article(predicted, rows)
        frames.append(scored.assign(article=article_id, split=rows["split"].iloc[0]))
    return pd.concat(frames, ignore_index=True)


def _nothing_found() -> pd.DataFrame:
    """The attributions of an article the kit could not read: none (its gold quotes are missed)."""
    return pd.DataFrame(columns=["kind", "quote", "speaker", "anonymous"])


def _attributions(name: str, prep: Prepared) -> pd.DataFrame:
    """The kit's attributions of one prepared article; a bug in the kit is reported, not raised:
    the article then predicts nothing, so its gold quotes count as missed and the run goes on."""
    try:
        return find_attributions(prep.body, prep.sentences, prep.mentions, date=prep.date).frame()
    except Exception as err:  # (a score with a hole in it, said so, beats no score)
        print(
            f"warning: {name}: could not be analysed ({type(err).__name__}: {err}); please report it"
        )
        return _nothing_found()


def read_pages(path: Path) -> dict[str, str]:
    """Read a JSON-lines file of pasted web pages into ``{id: text}``.

    Example:
        >>> import json, tempfile
        >>> folder = Path(tempfile.mkdtemp())
        >>> _ = (folder / "p.jsonl").write_text(json.dumps({"id": "a1", "text": "Hi."}) + "\\n")
        >>> read_pages(folder / "p.jsonl")
        {'a1': 'Hi.'}
    """
    pages = {}
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                record = json.loads(line)
                pages[str(record["id"])] = str(record["text"])
    return pages


def parse_ranges(text: str) -> tuple[tuple[int, int], ...]:
    """Read character ranges written as ``"start-end start-end"``.

    Example:
        >>> parse_ranges("10-20 35-40")
        ((10, 20), (35, 40))
    """
    return tuple(tuple(int(n) for n in part.split("-")) for part in text.split())  # type: ignore[misc]


def shown(quote: str) -> str:
    """The first words of a quote: all an error listing shows of a page that is not ours.

    Example:
        >>> shown("Obviously the place we have used historically is Hart Island,")
        'Obviously the place we…'
    """
    words = str(quote).split()
    return " ".join(words[:SHOWN_WORDS]) + ("…" if len(words) > SHOWN_WORDS else "")


def load_pasted_gold(
    pages: dict[str, str],
    *,
    gold: Path = PASTED_GOLD,
    index: Path = PASTED_PAGES,
    splits: list[str] | None = None,
) -> tuple[pd.DataFrame, dict[str, tuple[tuple[int, int], ...]]]:
    """The pasted pages' gold with each quote sliced out of its page, and the news pages' article ranges.

    Each round of pages (``split`` in the index: ``heldout12``, ``heldout15``, ``heldout18`` …)
    comes from its own pages file; a round none of whose pages were given is left out (``splits``
    keeps only the named rounds). Raises ``ValueError`` when a page of a round that was given is missing or
    changed (its SHA-256 or a quote's first words do not match), so that a score is never
    computed against the wrong text.
    """
    listing = pd.read_csv(index, dtype=str, keep_default_na=False)
    if "split" not in listing.columns:
        listing = listing.assign(split="heldout12")
    if splits:
        listing = listing[listing["split"].isin(splits)]
    given = listing[listing["page"].isin(pages)]["split"].unique()
    news = listing[listing["news"].str.lower().eq("true") & listing["split"].isin(given)]
    bodies = {}
    for row in news.itertuples(index=False):
        text = pages.get(row.page)
        if text is None:
            raise ValueError(f"page {row.page} ({row.source_file}) is not in the pages file")
        if hashlib.sha256(text.encode("utf-8")).hexdigest()[: len(row.sha256)] != row.sha256:
            raise ValueError(
                f"page {row.page} ({row.source_file}) differs from the one of the gold"
            )
        bodies[row.page] = parse_ranges(row.body)
    rows = load_gold(gold)
    rows = rows[rows["page"].isin(bodies)]
    quotes = []
    for row in rows.itertuples(index=False):
        quote = pages[row.page][int(row.start) : int(row.end)]
        if _tokens(quote)[: len(_tokens(row.span))] != _tokens(row.span):
            raise ValueError(f"page {row.page}: {row.span!r} is not at {row.start}-{row.end}")
        quotes.append(quote)
    rows = rows.assign(article=rows["page"], quote=quotes)
    rows.attrs["split_of"] = dict(zip(news["page"], news["split"], strict=True))  # every news page
    return rows, bodies


def found_in(quote: str, text: str, ranges: tuple[tuple[int, int], ...]) -> str:
    """Where a predicted quote's words occur in a page: "article", "furniture" or "" (nowhere).

    Example:
        >>> page = "Menu: 'Top stories'\\nThe minister said it was 'a mistake'."
        >>> found_in("Top stories", page, ((20, len(page)),)), found_in("a mistake", page, ((20, len(page)),))
        ('furniture', 'article')
    """
    words = _WORD.findall(str(quote))[:12]
    if not words:
        return ""
    pattern = re.compile(r"\W+".join(re.escape(w) for w in words), re.I)
    places = {
        "article" if any(a <= m.start() < b for a, b in ranges) else "furniture"
        for m in pattern.finditer(text)
    }
    return "article" if "article" in places else ("furniture" if places else "")


def evaluate_pages(
    gold: pd.DataFrame,
    pages: dict[str, str],
    bodies: dict[str, tuple[tuple[int, int], ...]],
    *,
    actors: bool = True,
) -> pd.DataFrame:
    """Run the kit on every news page (as a pasted ``.txt`` file) and score it against its gold.

    Unmatched predicted quotes found only in the page furniture get the outcome ``furniture``
    (not scored); quotes are cut to their first words, the pages not being the project's to copy.
    """
    frames = []
    split_of = gold.attrs.get("split_of", {})  # the round of each page, quotes or none
    with tempfile.TemporaryDirectory() as folder:
        for page_id in sorted(bodies):
            rows = gold[gold["article"] == page_id]
            path = Path(folder) / f"{page_id}.txt"
            path.write_text(pages[page_id], encoding="utf-8")
            try:
                prep = prepare(path, actors=actors)
            except LoadProblem as problem:
                print(f"warning: {page_id}: {problem.advice}")
                predicted = _nothing_found()
            else:
                predicted = _attributions(page_id, prep)
            scored = score_article(predicted, rows)
            if scored.empty:
                continue
            where = [
                found_in(q, pages[page_id], bodies[page_id]) if o == "fp" else ""
                for q, o in zip(scored["pred_quote"], scored["outcome"], strict=True)
            ]
            scored.loc[[w == "furniture" for w in where], "outcome"] = "furniture"
            scored = scored.assign(
                gold_quote=scored["gold_quote"].map(shown),
                pred_quote=scored["pred_quote"].map(shown),
            )
            frames.append(scored.assign(article=page_id, split=split_of.get(page_id, "heldout12")))
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


def main(argv: list[str] | None = None) -> int:
    """Print quote P/R/F1 and speaker accuracy per article, per split and overall."""
    parser = argparse.ArgumentParser(
        prog="python -m helpers evaluate sources", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--gold", type=Path, default=GOLD, help="gold quotes CSV")
    parser.add_argument(
        "--split",
        action="append",
        help="only these splits (repeatable): seed, dev, heldout, heldout2 ... heldout24",
    )
    parser.add_argument(
        "--pages",
        type=Path,
        action="append",
        help="JSON-lines file of pasted web pages (id, text), repeatable: adds the rounds of "
        "pasted pages (heldout12, heldout15, heldout18-24) whose pages it holds",
    )
    parser.add_argument("--errors", action="store_true", help="list every miss and wrong speaker")
    parser.add_argument(
        "--no-actors",
        action="store_true",
        help="do not use helpers.actors (speakers named from the text alone)",
    )
    args = parser.parse_args(argv or [])
    if not args.gold.exists():
        print(f"error: {args.gold} not found; pass --gold PATH to a gold quotes CSV")
        return 2
    gold = load_gold(args.gold)
    if args.split:
        gold = gold[gold["split"].isin(args.split)]
    frames = [evaluate(gold, actors=not args.no_actors)] if len(gold) else []
    if args.pages:
        pages: dict[str, str] = {}
        for path in args.pages:
            if not path.exists():
                print(f"error: {path} not found; pass --pages PATH to pasted pages (JSON lines)")
                return 2
            try:
                pages |= read_pages(path)
            except (ValueError, KeyError, json.JSONDecodeError) as err:
                print(f"error: {path}: {err}")
                return 2
        try:
            pasted, bodies = load_pasted_gold(pages, splits=args.split)
        except (ValueError, KeyError) as err:
            print(f"error: {', '.join(map(str, args.pages))}: {err}")
            return 2
        if bodies:
            frames.append(evaluate_pages(pasted, pages, bodies, actors=not args.no_actors))
    if not frames:
        print("error: no gold quotes in the chosen splits")
        return 2
    scored = pd.concat(frames, ignore_index=True)
    _print(scored, args.errors)
    return 0


def _print(scored: pd.DataFrame, errors: bool) -> None:
    table = [{"article": a[:48], **summarize(g)} for a, g in scored.groupby("article", sort=True)]
    table += [{"article": f"[{s}]", **summarize(g)} for s, g in scored.groupby("split", sort=True)]
    table.append({"article": "[all]", **summarize(scored)})
    with pd.option_context(
        "display.width", 160, "display.max_columns", 20, "display.float_format", "{:.3f}".format
    ):
        print(pd.DataFrame(table).to_string(index=False))
    furniture = int((scored["outcome"] == "furniture").sum())
    if furniture:
        print(f"quotes found only in page furniture (not scored): {furniture}")
    if errors:
        bad = scored[
            ~scored["outcome"].isin(["scare_ok", "furniture"])
            & ~((scored["outcome"] == "tp") & scored["speaker_ok"])
        ]
        for row in bad.itertuples():
            print(
                f"- {row.article[:30]} {row.outcome}: gold {row.gold_speaker!r} "
                f"{row.gold_quote[:50]!r} | pred {row.pred_kind} {row.pred_speaker!r} "
                f"{row.pred_quote[:50]!r}"
            )
