"""The analysis contract: every output table's columns, types, allowed values and sort order, once.

Other modules build tables; :func:`conform` orders, types and sorts them and :func:`validate` checks
them against this contract before anything is written. Extra columns are allowed and kept after the
contract columns.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import pandas as pd

if TYPE_CHECKING:
    import pandera.pandas as pa

ACTOR_TYPES = ("country", "person", "organization")
ATTRIBUTION_KINDS = ("direct", "indirect", "according_to", "citation", "scare_quote")
SENTIMENT_LABELS = ("negative", "neutral", "positive")


@dataclass(frozen=True)
class Col:
    """One contract column: name, dtype (str|int|float|bool) and optional allowed values."""

    name: str
    dtype: str = "str"
    allowed: tuple[str, ...] = ()
    allow_empty: bool = True


@dataclass(frozen=True)
class Table:
    """One output table: file name, contract columns and the columns that sort it."""

    name: str
    cols: tuple[Col, ...]
    sort: tuple[str, ...]
    extras: tuple[Col, ...] = ()

    @property
    def columns(self) -> list[str]:
        return [c.name for c in self.cols]

    @property
    def all_columns(self) -> list[str]:
        """Contract columns, then the declared extra columns: the header of the written CSV."""
        return [c.name for c in self.cols + self.extras]


def _t(name: str, cols: list[Col | str], sort: list[str]) -> Table:
    return Table(name, tuple(c if isinstance(c, Col) else Col(c) for c in cols), tuple(sort))


def _extras(spec: str) -> tuple[Col, ...]:
    """``"url rule n:int x:float?"`` -> extra columns (``int?``: whole numbers or empty)."""
    out = []
    for item in spec.split():
        name, _, dtype = item.partition(":")
        out.append(Col(name, dtype or "str"))
    return tuple(out)


#: Extra columns the pipeline writes after the contract columns, with their types. Every column a
#: step produces must be declared here: the streaming writer writes exactly these, in this order.
EXTRAS = {
    "articles": "url date_source format encoding n_chars:int n_removed_lines:int",
    "removed_lines": "",
    "sentences": "orig_start:int orig_end:int",
    "mentions": "rule role",
    "actor_counts": "",
    "unknown_actors": "",
    "country_sentiment": "share_negative:float share_neutral:float share_positive:float "
    "ci_low:float ci_high:float vader:float level outlet",
    "mention_sentiment": "actor vader:float textblob:float speaker:bool clause_start:int? "
    "clause_end:int? clause method lexicon_polarity:float lexicon_label p_negative:float "
    "p_neutral:float p_positive:float",
    "sentiment_evidence": "actor_id source start:int? feature",
    "attributions": "start:int? end:int? paragraph_id:int? speaker_text speaker_type "
    "speaker_start:int? speaker_end:int? cue_start:int? cue_end:int? rule unbalanced:bool "
    "speaker_rule",
    "references": "title resolves_to:int? line_no:int? outlet_raw",
    "problems": "",
}


AID = Col("article_id", allow_empty=False)
_TABLES = {
    t.name: t
    for t in [
        _t(
            "articles",
            [
                AID,
                "source_path",
                "title",
                "outlet",
                "author",
                "date",
                "language",
                Col("n_words", "int"),
                Col("n_sentences", "int"),
                Col("sha256", allow_empty=False),
            ],
            ["article_id"],
        ),
        _t(
            "removed_lines",
            [AID, Col("line_no", "int"), "text", "reason"],
            ["article_id", "line_no"],
        ),
        _t(
            "sentences",
            [
                AID,
                Col("sentence_id", "int"),
                Col("paragraph_id", "int"),
                Col("start", "int"),
                Col("end", "int"),
                "text",
                Col("polarity", "float"),
                Col("subjectivity", "float"),
            ],
            ["article_id", "sentence_id"],
        ),
        _t(
            "mentions",
            [
                AID,
                Col("sentence_id", "int"),
                "actor_id",
                "actor",
                Col("actor_type", allowed=ACTOR_TYPES),
                "country",
                "matched",
                Col("start", "int"),
                Col("end", "int"),
            ],
            ["article_id", "start", "end", "actor_id"],
        ),
        _t(
            "actor_counts",
            [
                AID,
                "actor_id",
                "actor",
                Col("actor_type", allowed=ACTOR_TYPES),
                "country",
                Col("mentions", "int"),
            ],
            ["article_id", "actor_type", "actor_id"],
        ),
        _t("unknown_actors", [AID, "name", Col("count", "int"), "example"], ["article_id", "name"]),
        _t(
            "country_sentiment",
            [
                AID,
                "country",
                Col("mentions", "int"),
                Col("polarity", "float"),
                Col("subjectivity", "float"),
            ],
            ["article_id", "country"],
        ),
        _t(
            "mention_sentiment",
            [
                AID,
                Col("sentence_id", "int"),
                "actor_id",
                "actor_type",
                "country",
                Col("start", "int"),
                Col("end", "int"),
                Col("polarity", "float"),
                Col("subjectivity", "float"),
                Col("label", allowed=SENTIMENT_LABELS),
            ],
            ["article_id", "start", "end", "actor_id"],
        ),
        _t(
            "sentiment_evidence",
            [
                AID,
                Col("sentence_id", "int"),
                "country",
                "word",
                Col("polarity", "float"),
                Col("subjectivity", "float"),
            ],
            ["article_id", "sentence_id", "country", "word"],
        ),
        _t(
            "attributions",
            [
                AID,
                Col("sentence_id", "int"),
                Col("kind", allowed=ATTRIBUTION_KINDS),
                "speaker",
                "speaker_actor_id",
                "speaker_country",
                Col("anonymous", "bool"),
                "cue",
                "quote",
                "refs",
            ],
            ["article_id", "sentence_id", "kind", "quote"],
        ),
        _t(
            "references",
            [AID, "ref", "text", "outlet", "date", "url", Col("cited_in_text", "bool")],
            ["article_id", "ref"],
        ),
        _t("problems", [Col("article_id"), "kind", "detail"], ["article_id", "kind", "detail"]),
    ]
}
TABLES: dict[str, Table] = {
    name: replace(table, extras=_extras(EXTRAS[name])) for name, table in _TABLES.items()
}

#: The tables of a run, in the order they are written (report.html comes last).
TABLE_NAMES = (
    "articles",
    "removed_lines",
    "sentences",
    "mentions",
    "actor_counts",
    "unknown_actors",
    "mention_sentiment",
    "sentiment_evidence",
    "country_sentiment",
    "attributions",
    "references",
    "problems",
)
#: The tables each article contributes rows to (actor counts and country sentiment are built from
#: the mentions and their scores).
PER_ARTICLE = tuple(n for n in TABLE_NAMES if n not in ("actor_counts", "country_sentiment"))
assert set(TABLE_NAMES) == set(TABLES)

_PANDAS = {"str": "str", "int": "int64", "int?": "Int64", "float": "float64", "bool": "bool"}


def empty(name: str) -> pd.DataFrame:
    """Return an empty table with the contract columns and dtypes.

    Example:
        >>> list(empty("problems").columns)
        ['article_id', 'kind', 'detail']
    """
    return pd.DataFrame({c.name: pd.Series([], dtype=_PANDAS[c.dtype]) for c in TABLES[name].cols})


def conform(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    """Order columns (contract first, extras after), fill missing text, cast types and sort rows.

    Example:
        >>> rows = pd.DataFrame({"kind": ["empty", "binary"], "article_id": ["b", "a"]})
        >>> conform("problems", rows).values.tolist()
        [['a', 'binary', ''], ['b', 'empty', '']]
    """
    table = TABLES[name]
    frame = frame.copy() if len(frame.columns) else empty(name)
    for col in table.cols + table.extras:
        if col.name not in frame.columns:
            frame[col.name] = pd.Series([None] * len(frame), index=frame.index, dtype=object)
        if col.dtype == "str":
            frame[col.name] = frame[col.name].fillna("").astype(str)
        elif col.dtype == "int":
            frame[col.name] = frame[col.name].fillna(0).astype("int64")
        elif col.dtype == "int?":
            frame[col.name] = pd.to_numeric(frame[col.name], errors="coerce").astype("Int64")
        elif col.dtype == "float":
            frame[col.name] = frame[col.name].astype("float64")
        elif col.dtype == "bool":
            frame[col.name] = frame[col.name].fillna(False).astype(bool)
    known = table.all_columns
    extras = [c for c in frame.columns if c not in known]
    frame = frame[known + extras]
    keys = [k for k in table.sort if k in frame.columns]
    return frame.sort_values(keys, kind="mergesort").reset_index(drop=True)


def _pandera(table: Table) -> pa.DataFrameSchema:
    import pandera.pandas as pa  # 0.2 s to import: only runs that validate a table pay for it

    columns = {}
    for col in table.cols:
        checks = []
        if col.allowed:
            checks.append(pa.Check.isin(list(col.allowed)))
        if not col.allow_empty:
            checks.append(pa.Check.str_length(min_value=1))
        nullable = col.dtype == "float"
        columns[col.name] = pa.Column(_PANDAS[col.dtype], checks=checks, nullable=nullable)
    return pa.DataFrameSchema(columns, strict=False, ordered=False)


def validate(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    """Check a table against the contract; raise ``pandera.errors.SchemaError`` naming the column.

    Example:
        >>> len(validate("mentions", conform("mentions", tables["mentions"]))) > 100
        True
        >>> validate("mentions", conform("mentions", tables["mentions"]).assign(actor_type="planet"))
        Traceback (most recent call last):
        ...
        pandera.errors.SchemaError: ...
    """
    return _pandera(TABLES[name]).validate(frame)
