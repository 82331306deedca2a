"""Ingest: files in, a clean article body with offsets into the original out.

``load_article`` decodes a file and reads its metadata, ``clean_text`` removes page furniture (every
removal audited), ``split_sentences`` cuts the body into paragraphs and sentences; ``collect_files``
says which files a run reads.
"""

from .clean import Cleaned, clean_text
from .inputs import collect_files, input_paths
from .load import Article, LoadProblem, load_article
from .read import read_article
from .segment import count_words, split_sentences

__all__ = [
    "Article",
    "Cleaned",
    "LoadProblem",
    "clean_text",
    "collect_files",
    "count_words",
    "input_paths",
    "load_article",
    "read_article",
    "split_sentences",
]
