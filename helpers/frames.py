"""The steps' small DataFrames: built directly (same frames as pandas' constructor), and to Arrow.

Every step returns a few small frames per article. pandas' own conversion of a list of text
checks every value first, which is most of the cost of such a frame; when the values are known
to be ``str`` the column can be built straight in Arrow, in the dtype pandas itself gives text.
The engine keeps each article's frames as Arrow tables (:func:`arrow_tables`), converted column by
column for the same reason.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from functools import partial

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from pandas.arrays import ArrowStringArray

#: The dtype pandas gives a column of text (Arrow-backed ``str`` in pandas 3).
TEXT = pd.Series([""]).dtype


def is_missing(value: object) -> bool:
    """A missing cell as pandas, Arrow or ``Series.tolist()`` give it: None, ``pd.NA`` or NaN.

    Example:
        >>> [is_missing(v) for v in (None, pd.NA, float("nan"), "", 0)]
        [True, True, True, False, False]
    """
    return value is None or value is pd.NA or (isinstance(value, float) and value != value)


def texts(values: list) -> list[str]:
    """``Series.fillna("").astype(str)`` on a list (missing cells become "").

    Example:
        >>> texts(["Japan", None, float("nan"), 3])
        ['Japan', '', '', '3']
    """
    # Text cells are nearly always str: test the type first, the missing-value check only if not.
    return [v if v.__class__ is str else "" if is_missing(v) else str(v) for v in values]


def text_array(values: Sequence[str]) -> pd.api.extensions.ExtensionArray:
    """``pd.array(values, dtype="str")`` for values that are all ``str``, built directly in Arrow.

    Example:
        >>> list(text_array(["Japan", "France"])) == list(pd.array(["Japan", "France"], dtype="str"))
        True
    """
    if getattr(TEXT, "storage", None) == "pyarrow":
        return ArrowStringArray(pa.array(values, type=pa.large_string()), dtype=TEXT)
    return pd.array(values, dtype=TEXT)


def inferred_column(values: list) -> object:
    """A column as ``pd.DataFrame`` would infer it from the list, built directly (faster).

    Text becomes an Arrow string array of pandas' text dtype, whole numbers (within int64) and
    booleans NumPy arrays; anything else, or a mix of types, is left to pandas.

    Example:
        >>> pd.DataFrame({"n": inferred_column([1, 2])}).dtypes.tolist()
        [dtype('int64')]
        >>> inferred_column(["Japan"]).dtype == pd.Series(["Japan"]).dtype
        True
    """
    kinds = set(map(type, values))
    if len(kinds) != 1:
        return values
    kind = kinds.pop()
    if kind is str:
        return text_array(values)
    if kind is bool:
        return np.array(values, dtype=np.bool_)
    if kind is int and all(-(2**63) <= v < 2**63 for v in values):
        return np.array(values, dtype=np.int64)
    return values


def empty_frame(columns: list[str], *, ints: tuple[str, ...]) -> pd.DataFrame:
    """``pd.DataFrame(columns=columns).astype(dict.fromkeys(ints, "int64"))``, built directly.

    Example:
        >>> empty_frame(["name", "count"], ints=("count",)).dtypes.astype(str).tolist()
        ['object', 'int64']
    """
    return pd.DataFrame(
        {c: np.array([], dtype=np.int64 if c in ints else object) for c in columns}, copy=False
    )


class Columns:
    """The table a step returns: its columns as plain lists; ``frame()`` is the DataFrame.

    Each step builds its rows as lists anyway. The pipeline turns them straight into Arrow and CSV
    text; a DataFrame (about 0.1 ms each, a dozen per article, then read back column by column) is
    built only when someone asks for it: ``.frame()``, or showing the table in a notebook.
    ``kinds`` gives each column's type: ``"str"`` (all text), ``"int64"``, ``"float64"``,
    ``"bool"``, or None (inferred as ``pd.DataFrame`` would).

    Reading: ``len()`` (rows), ``in`` and ``columns`` (names), ``column(name)`` (a list; do not
    change it); :func:`col` reads a column from a Columns or a DataFrame alike.

    Example:
        >>> t = Columns({"name": ["Japan"], "n": [2]}, {"name": "str", "n": "int64"})
        >>> len(t), t.column("n"), t.frame().dtypes.tolist() == [TEXT, np.dtype("int64")]
        (1, [2], True)
        >>> t.to_arrow().schema.types
        [DataType(large_string), DataType(int64)]
    """

    __slots__ = ("data", "kinds", "n", "_frame", "_make")

    def __init__(
        self,
        data: dict[str, list],
        kinds: dict[str, str | None],
        *,
        make: Callable[[], pd.DataFrame] | None = None,
    ) -> None:
        self.data, self.kinds = data, kinds
        self._make = make  # the step's own frame for these rows (else built from the lists)
        self._frame: pd.DataFrame | None = None
        self.n = len(next(iter(data.values()))) if data else 0

    @classmethod
    def of_frame(cls, frame: pd.DataFrame) -> Columns:
        """A step's frame as it is (unusual types): ``frame()`` returns it."""
        data = {c: frame[c].tolist() for c in frame.columns}
        return cls(data, dict.fromkeys(data), make=lambda: frame)

    @classmethod
    def empty(cls, columns: list[str], make: Callable[[], pd.DataFrame] | None = None) -> Columns:
        """No rows; ``frame()`` is ``make()``, the step's own empty frame (default
        ``pd.DataFrame(columns=columns)``), built only if asked for.

        Most articles have no problems, references or unknown actors: the engine skips empty
        tables, so their frames (about 0.1 ms each) are not built at all.
        """
        make = make or partial(pd.DataFrame, columns=columns)
        return cls({c: [] for c in columns}, dict.fromkeys(columns), make=make)

    def __len__(self) -> int:
        return self.n

    def __contains__(self, name: object) -> bool:
        return name in self.data

    def column(self, name: str) -> list:
        """Column ``name`` as a list (the table's own: do not change it)."""
        return self.data[name]

    def __repr__(self) -> str:
        return repr(self.frame())

    def _repr_html_(self) -> str | None:  # a notebook shows the DataFrame
        return self.frame()._repr_html_()

    @property
    def columns(self) -> list[str]:
        return list(self.data)

    def frame(self) -> pd.DataFrame:
        """The DataFrame: typed columns as given, the others as ``pd.DataFrame`` infers them."""
        if self._frame is None and self._make is not None:
            self._frame = self._make()
        if self._frame is None:
            self._frame = pd.DataFrame(
                {name: self._pandas(name, values) for name, values in self.data.items()},
                index=pd.RangeIndex(self.n),
                copy=False,
            )
        return self._frame

    def _pandas(self, name: str, values: list) -> object:
        kind = self.kinds[name]
        if kind == "str":
            return text_array(values)
        if kind is None:
            return inferred_column(values)
        return np.array(values, dtype=kind)

    def to_arrow(self, *, article_id: str | None = None) -> pa.Table | None:
        """The Arrow table :func:`arrow_tables` makes of ``frame()`` (None: it would not round-trip).

        With ``article_id`` the table gets that ``article_id`` column (replaced where it is, else
        last), as :func:`arrow_tables` adds it.
        """
        direct = self.direct_arrow(article_id=article_id)
        if direct is not None:
            return direct
        out = arrow_tables({"t": self.frame()}, article_id=article_id)
        return None if out is None else out.get("t")

    def direct_arrow(self, *, article_id: str | None = None) -> pa.Table | None:
        """:meth:`to_arrow` made from the lists themselves, so they are the table's values; None when
        the table is a given frame or a column's type is left to pandas (or Arrow refuses)."""
        kinds = self._resolved_kinds()
        if kinds is None:
            return None
        names, arrays = list(self.data), []
        try:
            for name, kind in zip(names, kinds, strict=True):
                if article_id is not None and name == "article_id":
                    arrays.append(pa.array([article_id] * self.n, type=pa.large_string()))
                else:
                    arrays.append(pa.array(self.data[name], type=_ARROW_KIND[kind]))
        except (pa.ArrowException, TypeError, ValueError):
            return None
        if article_id is not None and "article_id" not in self.data:
            arrays.append(pa.array([article_id] * self.n, type=pa.large_string()))
            names.append("article_id")
        return pa.Table.from_arrays(arrays, names=names)

    def _resolved_kinds(self) -> list[str] | None:
        """Every column's kind (inferred where not given); None if one is left to pandas."""
        if self._make is not None:
            return None
        kinds = [self.kinds[name] or _inferred_kind(v) for name, v in self.data.items()]
        return None if None in kinds else kinds


def col(table: pd.DataFrame | Columns, name: str) -> list:
    """Column ``name`` of a DataFrame or :class:`Columns` as a list (do not change it).

    Example:
        >>> col(pd.DataFrame({"n": [1, 2]}), "n"), col(Columns({"n": [1, 2]}, {"n": "int64"}), "n")
        ([1, 2], [1, 2])
    """
    if isinstance(table, Columns):
        return table.data[name]
    return table[name].tolist()


def _inferred_kind(values: list) -> str | None:
    """The kind :func:`inferred_column` (then pandas) gives a list: None if mixed or other."""
    kinds = set(map(type, values))
    if len(kinds) != 1:
        return None
    kind = kinds.pop()
    if kind is int:
        return "int64" if all(-(2**63) <= v < 2**63 for v in values) else None
    return {str: "str", bool: "bool", float: "float64"}.get(kind)


_ARROW_KIND = {
    "str": pa.large_string(),
    "int64": pa.int64(),
    "float64": pa.float64(),
    "bool": pa.bool_(),
}

_ARROW_TYPES = (pa.types.is_string, pa.types.is_large_string, pa.types.is_null)
_ARROW_NUMBERS = (pa.types.is_integer, pa.types.is_floating, pa.types.is_boolean)


def arrow_tables(
    tables: dict[str, pd.DataFrame], *, article_id: str | None = None
) -> dict[str, pa.Table] | None:
    """Convert an article's non-empty tables to Arrow; ``None`` when one would not round-trip.

    Text, integer, float and boolean columns come back from Arrow as they went in; an object
    column holding numbers or lists would not (ints with gaps come back as floats), so such an
    article is kept as pandas and not cached. With ``article_id`` every table gets that
    ``article_id`` column, as ``frame.assign(article_id=...)`` would give it (replaced where it is,
    else last), without copying the frames first.

    Example:
        >>> arrow_tables({"t": pd.DataFrame({"a": ["x"], "n": [1]})})["t"].column_names
        ['a', 'n']
        >>> arrow_tables({"t": pd.DataFrame({"a": ["x"]})}, article_id="id")["t"].column_names
        ['a', 'article_id']
        >>> arrow_tables({"t": pd.DataFrame({"a": [[1, 2]]})}) is None
        True
    """
    out = {}
    for name, frame in tables.items():
        n = len(frame)
        if not n:
            continue
        names = list(frame.columns)
        if len(set(names)) != len(names) or not all(isinstance(c, str) for c in names):
            return None
        arrays = []
        for column, values in zip(names, _column_arrays(frame), strict=True):
            if article_id is not None and column == "article_id":
                arrays.append(pa.array([article_id] * n, type=pa.large_string()))
                continue
            # Column by column is 2-3x faster than Table.from_pandas on these small frames.
            try:
                if values.dtype == object:
                    array = pa.array(np.asarray(values), from_pandas=True)
                    if not any(check(array.type) for check in _ARROW_TYPES):
                        return None
                elif isinstance(values, np.ndarray) or not hasattr(values, "__arrow_array__"):
                    array = pa.array(np.asarray(values))
                else:
                    array = pa.array(values)
            except (pa.ArrowException, TypeError, ValueError):
                return None
            if not any(check(array.type) for check in _ARROW_TYPES + _ARROW_NUMBERS):
                return None
            arrays.append(array)
        if article_id is not None and "article_id" not in names:
            arrays.append(pa.array([article_id] * n, type=pa.large_string()))
            names.append("article_id")
        out[name] = pa.Table.from_arrays(arrays, names=names)
    return out


def _column_arrays(frame: pd.DataFrame) -> Iterator:
    """The frame's column arrays (NumPy or pandas extension arrays), in column order.

    Without a Series per column: on frames of a few rows building the Series costs ~10x more
    than converting the values. ``Series.array`` of a NumPy column and ``Series.to_numpy()`` are
    the same values, so the Arrow arrays are the same either way.
    """
    arrays = getattr(frame, "_iter_column_arrays", None)
    if arrays is None:  # pragma: no cover - a pandas without the private helper
        return (series.array for _, series in frame.items())
    return arrays()


def utf8_bytes(texts: pa.Array) -> bytes:
    """The concatenated UTF-8 bytes of a string array (missing values count as empty).

    Example:
        >>> utf8_bytes(pa.array(["a,1\\n", None, "é,2\\n"]).slice(1))
        b'\\xc3\\xa9,2\\n'
    """
    if texts.null_count:
        texts = pc.fill_null(texts, "")
    if not len(texts):
        return b""
    _, offsets, data = texts.buffers()
    width = np.int64 if pa.types.is_large_string(texts.type) else np.int32
    ends = np.frombuffer(offsets, dtype=width)[texts.offset : texts.offset + len(texts) + 1]
    start, end = int(ends[0]), int(ends[-1])
    return data[start:end].to_pybytes() if end > start else b""


def to_ipc(table: pa.Table) -> bytes:
    """A table as one Arrow IPC stream (how results travel between processes).

    Example:
        >>> table = pa.table({"actor_id": ["JPN", "CHN"]})
        >>> from_ipc(to_ipc(table)).equals(table)
        True
    """
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return sink.getvalue().to_pybytes()


def from_ipc(data: bytes) -> pa.Table:
    """The table of :func:`to_ipc`'s bytes (example there)."""
    return pa.ipc.open_stream(data).read_all()
