"""Pipeline: one article's tables, many articles (cache, duplicates, processes or Dask), the writer."""
