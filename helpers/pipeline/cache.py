"""The per-article result cache: Parquet segments, written atomically, checked when read.

:class:`Cache` keeps each article's tables (Arrow) and its CSV fragments (the article's rows of each
written table, already formatted: see :func:`helpers.tables.csv_rows`) under
``root/<pipeline version>/``. A rerun reads the index to learn what is known, the streaming writer
reads fragments in ``article_id`` order, and :func:`helpers.analyze.analyze` reads the tables back as
DataFrames.
"""

from __future__ import annotations

import heapq
import itertools
import json
import shutil
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from ..frames import from_ipc, to_ipc, utf8_bytes

__all__ = ["Cache", "CacheDamaged", "Entry"]

FRAGMENTS = "fragments.parquet"
_FRAGMENT_GROUP = 32  # rows per row group: the writer holds one group per segment at a time


class CacheDamaged(RuntimeError):
    """A cache segment failed a check while the writer was reading it (it has been deleted)."""


@dataclass
class Entry:
    """One article's result: its non-empty tables (Arrow), or the problem that stopped it."""

    key: str
    tables: dict[str, pa.Table] | None = None
    frames: dict[str, pd.DataFrame] | None = None  # tables Arrow cannot round-trip exactly
    problem: tuple[str, str] | None = None
    signature: bytes = b""
    cacheable: bool = True
    article_id: str = ""
    #: table name -> (CSV rows without header, number of rows), for the streaming writer
    fragments: dict[str, tuple[str, int]] = field(default_factory=dict)
    segment: str = ""  # the cache segment it came from ("" when in memory)
    #: hash of the decoded text (duplicates); None when not known (an index written without it)
    text_hash: str | None = None

    def __getstate__(self) -> dict:
        # Between processes (the pool, Dask) the tables travel as Arrow IPC streams: pickling a
        # table's arrays one by one cost ~10x more (1.5 ms an article in the worker, 1.1 ms in
        # the main process, which receives every result and then competes for the cores).
        state = dict(self.__dict__)
        if self.tables is not None:
            state["tables"] = {name: to_ipc(table) for name, table in self.tables.items()}
        return state

    def __setstate__(self, state: dict) -> None:
        if state.get("tables") is not None:
            state["tables"] = {name: from_ipc(data) for name, data in state["tables"].items()}
        self.__dict__.update(state)


_BROKEN = (OSError, ValueError, KeyError, TypeError, IndexError, pa.ArrowException)


@contextmanager
def _damaged_if_broken(segment: Path) -> Iterator[None]:
    """Reading ``segment``: a failed check deletes it and raises :class:`CacheDamaged` (the caller
    reruns, which recomputes its articles)."""
    try:
        yield
    except _BROKEN as err:
        shutil.rmtree(segment, ignore_errors=True)
        raise CacheDamaged(f"{segment}: {err}") from err


class Cache:
    """Per-article results on disk, in Parquet segments under ``root/<pipeline version>/``.

    A segment (``seg-*/``) holds ``index.parquet`` (one row per article: key, problem, MinHash
    signature and where its rows are) and one Parquet file per table and column layout with a
    ``_key`` column. Segments are written into a temporary folder and renamed into place, so a
    crash never leaves half of one; pages carry CRC checksums, row counts and keys are checked on
    reading, and a segment that fails any check is deleted so its articles are analysed again.

    Example:
        >>> import tempfile
        >>> cache = Cache(Path(tempfile.mkdtemp()), "v1")
        >>> _ = cache.add(Entry("k1", problem=("empty", "x.txt: the file is empty")))
        >>> _ = cache.flush()
        >>> Cache(cache.root, "v1").lookup({"k1"})["k1"].problem
        ('empty', 'x.txt: the file is empty')
    """

    FLUSH_ARTICLES = 512
    FLUSH_BYTES = 64 * 2**20

    def __init__(self, root: Path, version: str) -> None:
        self.root = Path(root)
        self.version = version
        self.dir = self.root / version[:16]
        self._buffer: list[Entry] = []
        self._bytes = 0
        self.written: dict[str, str] = {}  # key -> segment, for entries flushed by this object
        self._spans: dict[str, tuple[str, str] | None] = {}  # segment -> first, last article_id

    def lookup(self, keys: set[str], *, tables: bool = True) -> dict[str, Entry]:
        """Return the cached entries for ``keys``; damaged segments are deleted, not trusted.

        With ``tables=False`` only the index is read (problem, signature, article id, text hash, segment):
        what a rerun needs to decide what is left to do, and the streaming writer to find rows.
        """
        found: dict[str, Entry] = {}
        if not self.dir.is_dir():
            return found
        for segment in self.segments():
            try:
                found.update(self._read(segment, keys - found.keys(), tables=tables))
            except _BROKEN:
                shutil.rmtree(segment, ignore_errors=True)
        for tmp in self.dir.glob(".tmp-*"):  # left by a crash; never read
            if time.time() - tmp.stat().st_mtime > 3600:
                shutil.rmtree(tmp, ignore_errors=True)
        return found

    def segments(self) -> list[Path]:
        """The segment folders, oldest first."""
        return sorted(self.dir.glob("seg-*")) if self.dir.is_dir() else []

    def _meta(self, index: pa.Table, segment: Path) -> dict:
        meta = json.loads(index.schema.metadata[b"ir-kit"])
        if meta["version"] != self.version:
            raise ValueError(f"{segment}: written by another pipeline version")
        return meta

    def _read(self, segment: Path, keys: set[str], *, tables: bool = True) -> dict[str, Entry]:
        index = pq.read_table(segment / "index.parquet", page_checksum_verification=True)
        meta = self._meta(index, segment)
        rows = [r for r in index.to_pylist() if r["key"] in keys]
        files: dict[str, pa.Table] = {}
        wanted = {loc[0] for r in rows for loc in json.loads(r["tables"]).values()}
        for name in sorted(wanted) if tables else []:
            table = pq.read_table(segment / name, page_checksum_verification=True)
            if table.num_rows != meta["rows"][name]:
                raise ValueError(f"{segment / name}: wrong number of rows")
            files[name] = table
        if rows and meta.get("fragments") is not None:
            count = pq.ParquetFile(segment / FRAGMENTS).metadata.num_rows
            if count != meta["fragments"]:
                raise ValueError(f"{segment / FRAGMENTS}: wrong number of rows")
        out = {}
        for r in rows:
            found = {}
            for table_name, (file, offset, length) in (
                json.loads(r["tables"]).items() if tables else []
            ):
                part = files[file].slice(offset, length)
                ends = part.column("_key")
                if length < 1 or ends[0].as_py() != r["key"] or ends[-1].as_py() != r["key"]:
                    raise ValueError(f"{segment / file}: rows do not match the index")
                found[table_name] = part.drop_columns(["_key"])
            problem = (r["problem_kind"], r["problem_detail"]) if r["problem_kind"] else None
            out[r["key"]] = Entry(
                r["key"],
                tables=None if problem or not tables else found,
                problem=problem,
                signature=r["signature"] or b"",
                article_id=r.get("article_id") or "",
                segment=segment.name,
                text_hash=r.get("text_hash"),
            )
        return out

    def fragments(self, name: str, keys: dict[str, str]) -> Iterator[tuple[str, str, int]]:
        """Yield ``(article_id, csv_rows, n_rows)`` of table ``name`` for ``keys`` (key -> segment).

        Rows come in ``article_id`` order, merged across segments one row group at a time, so
        memory does not grow with the corpus. A segment failing a check is deleted and
        :class:`CacheDamaged` raised (the caller reruns, which recomputes its articles).
        """
        segments = sorted(set(keys.values()))
        order = self._in_article_order(segments)
        if order is None:  # segments share a range of article ids: merge them row by row
            rows = heapq.merge(*(self._segment_fragments(seg, name, keys) for seg in segments))
        else:  # each segment's articles all come before the next one's (the usual case): chain
            rows = itertools.chain.from_iterable(
                self._segment_fragments(seg, name, keys) for seg in order
            )
        for article_id, _key, text, n in rows:
            yield article_id, text, n

    def fragment_blocks(self, name: str, keys: dict[str, str]) -> Iterator[bytes] | None:
        """Table ``name``'s rows for ``keys`` as blocks of UTF-8 CSV, or None (then use :meth:`fragments`).

        The same bytes as joining the texts :meth:`fragments` yields, without a Python string per
        article: the wanted rows of a few row groups at a time are cut out of the Arrow text
        buffer. Only when each segment's articles come before the next segment's (None when their
        ranges overlap and rows must be merged one by one).
        """
        order = self._in_article_order(sorted(set(keys.values())))
        if order is None:
            return None
        mine: dict[str, list[str]] = {}
        for key, seg in keys.items():
            mine.setdefault(seg, []).append(key)
        return self._blocks(order, name, {seg: pa.array(ks) for seg, ks in mine.items()})

    def _blocks(self, order: list[str], name: str, mine: dict[str, pa.Array]) -> Iterator[bytes]:
        for seg in order:
            segment = self.dir / seg
            with _damaged_if_broken(segment):
                file = pq.ParquetFile(segment / FRAGMENTS, page_checksum_verification=True)
                if f"csv:{name}" not in file.schema_arrow.names:
                    continue
                batches = file.iter_batches(
                    batch_size=_FRAGMENT_GROUP * 16, columns=["_key", f"csv:{name}"]
                )
                for batch in batches:
                    texts = batch.column(1)
                    wanted = pc.is_in(batch.column(0), value_set=mine[seg])
                    if not pc.all(wanted).as_py():
                        texts = texts.filter(wanted)
                    yield utf8_bytes(texts)

    def _in_article_order(self, segments: list[str]) -> list[str] | None:
        """The segments sorted by their first article id when their ranges do not overlap."""
        spans = []
        for seg in segments:
            if seg not in self._spans:
                with _damaged_if_broken(self.dir / seg):
                    ids = pq.read_table(
                        self.dir / seg / FRAGMENTS,
                        columns=["article_id"],
                        page_checksum_verification=True,
                    )["article_id"]
                self._spans[seg] = (str(ids[0]), str(ids[-1])) if len(ids) else None
            if self._spans[seg] is not None:
                spans.append((*self._spans[seg], seg))
        spans.sort()
        if any(last >= first for (_, last, _), (first, _, _) in itertools.pairwise(spans)):
            return None
        return [seg for _, _, seg in spans]

    def _segment_fragments(
        self, seg: str, name: str, keys: dict[str, str]
    ) -> Iterator[tuple[str, str, str, int]]:
        segment = self.dir / seg
        columns = ["article_id", "_key", f"csv:{name}", f"n:{name}"]
        with _damaged_if_broken(segment):
            file = pq.ParquetFile(segment / FRAGMENTS, page_checksum_verification=True)
            if f"csv:{name}" not in file.schema_arrow.names:
                return
            for batch in file.iter_batches(batch_size=_FRAGMENT_GROUP, columns=columns):
                for aid, key, text, n in zip(*(c.to_pylist() for c in batch.columns), strict=True):
                    if keys.get(key) == segment.name:
                        yield aid, key, text, n

    def columns(self, name: str, columns: list[str], keys: dict[str, str]) -> pa.Table | None:
        """Some columns of table ``name`` for ``keys`` (key -> segment), with a ``_key`` column.

        A segment file without one of ``columns`` was not written by this pipeline version (which
        always writes them): :class:`CacheDamaged` is raised, so its articles are recomputed rather
        than left out of the cross-article summaries.
        """
        parts = []
        for seg in sorted(set(keys.values())):
            segment = self.dir / seg
            mine = pa.array([k for k, s in keys.items() if s == seg])
            with _damaged_if_broken(segment):
                for path in sorted(segment.glob(f"{name}-*.parquet")):
                    have = pq.ParquetFile(path).schema_arrow.names
                    if missing := sorted(set(columns) - set(have)):
                        # This version always writes these columns: the file is not ours.
                        raise ValueError(f"{path.name} lacks the columns {missing}")
                    table = pq.read_table(
                        path,
                        columns=[*columns, "_key"],
                        page_checksum_verification=True,
                        read_dictionary=[*columns, "_key"],  # text stays compact (codes)
                    )
                    parts.append(table.filter(pc.is_in(table["_key"], mine)))
        if not parts:
            return None
        return pa.concat_tables(parts, promote_options="permissive")

    def add(self, entry: Entry) -> list[str]:
        """Buffer an entry; a full buffer is written out as a new segment (its keys returned)."""
        self._buffer.append(entry)
        # The buffers' size, not nbytes: nbytes walks every array (~0.25 ms an article in the
        # main process, which receives every result) for nearly the same number.
        self._bytes += sum(t.get_total_buffer_size() for t in (entry.tables or {}).values())
        if len(self._buffer) >= self.FLUSH_ARTICLES or self._bytes >= self.FLUSH_BYTES:
            return self.flush()
        return []

    def flush(self) -> list[str]:
        """Write buffered entries as one segment (atomically); return the keys now on disk.

        A failure only costs the cache: a warning, and the keys are not returned.
        """
        entries, self._buffer, self._bytes = self._buffer, [], 0
        if not entries:
            return []
        tmp = self.dir / f".tmp-{uuid.uuid4().hex}"
        try:
            tmp.mkdir(parents=True)
            self._write(tmp, entries)
            final = self.dir / f"seg-{time.time_ns():016x}-{uuid.uuid4().hex[:8]}"
            tmp.rename(final)
        except OSError as err:
            print(f"warning: could not write the cache in {self.dir} ({err})", file=sys.stderr)
            return []
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        self.written.update((e.key, final.name) for e in entries)
        return [e.key for e in entries]

    def _write(self, folder: Path, entries: list[Entry]) -> None:
        # One file per table and exact schema: an article's columns and types come back unchanged.
        groups: dict[tuple[str, bytes], tuple[str, list[pa.Table]]] = {}
        filled: dict[str, int] = {}  # rows already in each file
        locations: list[dict[str, list]] = []
        for entry in entries:
            where = {}
            for name, table in (entry.tables or {}).items():
                group = (name, table.schema.serialize().to_pybytes())
                if group not in groups:
                    groups[group] = (f"{name}-{len(groups)}.parquet", [])
                file, parts = groups[group]
                where[name] = [file, filled.get(file, 0), table.num_rows]
                filled[file] = filled.get(file, 0) + table.num_rows
                parts.append(table.append_column("_key", pa.array([entry.key] * table.num_rows)))
            locations.append(where)
        rows = {}
        fragments = self._fragments_table(entries)
        if fragments is not None:
            pq.write_table(
                fragments,
                folder / FRAGMENTS,
                compression="zstd",
                write_page_checksum=True,
                row_group_size=_FRAGMENT_GROUP,
            )
        for file, parts in groups.values():
            table = pa.concat_tables(parts)
            pq.write_table(table, folder / file, compression="zstd", write_page_checksum=True)
            rows[file] = table.num_rows
        index = pa.table(
            {
                "key": [e.key for e in entries],
                "article_id": [e.article_id for e in entries],
                "problem_kind": [e.problem[0] if e.problem else None for e in entries],
                "problem_detail": [e.problem[1] if e.problem else None for e in entries],
                "signature": pa.array([e.signature for e in entries], pa.binary()),
                "tables": [json.dumps(w) for w in locations],
                "text_hash": pa.array([e.text_hash for e in entries], pa.string()),
            }
        )
        meta = {
            "version": self.version,
            "rows": rows,
            "fragments": None if fragments is None else fragments.num_rows,
        }
        index = index.replace_schema_metadata({"ir-kit": json.dumps(meta)})
        pq.write_table(
            index, folder / "index.parquet", compression="zstd", write_page_checksum=True
        )

    @staticmethod
    def _fragments_table(entries: list[Entry]) -> pa.Table | None:
        done = sorted((e.article_id, e.key, e.fragments) for e in entries if e.fragments)
        if not done:
            return None
        names = sorted({name for _, _, f in done for name in f})
        columns: dict[str, list] = {
            "article_id": [a for a, _, _ in done],
            "_key": [k for _, k, _ in done],
        }
        for name in names:
            columns[f"csv:{name}"] = [f.get(name, ("", 0))[0] for _, _, f in done]
            columns[f"n:{name}"] = pa.array(
                [f.get(name, ("", 0))[1] for _, _, f in done], pa.int64()
            )
        return pa.table(columns)
