"""The tables of the derived index (``<corpus>/.lawdiff/index.sqlite``).

Every table is keyed by ``file``, the work file's path relative to the corpus (POSIX form), so
re-indexing one file is "delete its rows, insert the new ones". Intervals (bounds that may be
undetermined, with their reasons) are stored once per distinct interval of a work, as the JSON
of :mod:`lawdiff.time`'s bounds, and referenced by number from versions and tariff rows: a
tariff act's 60 rows usually share two or three intervals.

Bump :data:`VERSION` whenever a table or what goes into it changes: an index of another version
is rebuilt, never read.
"""

from __future__ import annotations

VERSION = "3"

DDL = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
-- one row per work file: its stamp when indexed, and the error when it could not be read
CREATE TABLE files (
  file TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL, sha TEXT NOT NULL,
  error TEXT, tariff_marker INTEGER NOT NULL DEFAULT 0, sort_key TEXT NOT NULL
);
-- the files that could not be read, which every answer looks for: few, found without a scan
CREATE INDEX files_errors ON files (sort_key) WHERE error IS NOT NULL;
CREATE TABLE works (
  file TEXT PRIMARY KEY, id TEXT NOT NULL, sort_key TEXT NOT NULL, last TEXT NOT NULL,
  type TEXT, number TEXT, date TEXT, title TEXT, place TEXT, place_latin TEXT,
  place_key TEXT, latin_key TEXT, setting TEXT, complete INTEGER NOT NULL,
  period_from TEXT, period_until TEXT, has_tariffs INTEGER NOT NULL,
  summary TEXT NOT NULL, interval TEXT NOT NULL
);
CREATE INDEX works_id ON works (id);
CREATE INDEX works_number ON works (number);
CREATE INDEX works_last ON works (last);
CREATE INDEX works_place ON works (place_key);
CREATE INDEX works_latin ON works (latin_key);
CREATE INDEX works_sort ON works (sort_key);
CREATE TABLE aliases (file TEXT NOT NULL, scheme TEXT, value TEXT NOT NULL);
CREATE INDEX aliases_value ON aliases (value);
CREATE INDEX aliases_file ON aliases (file);
CREATE TABLE intervals (file TEXT NOT NULL, n INTEGER NOT NULL, data TEXT NOT NULL, PRIMARY KEY (file, n));
CREATE TABLE versions (
  file TEXT NOT NULL, seq INTEGER NOT NULL, eid TEXT NOT NULL, tag TEXT NOT NULL,
  from_date TEXT, until_date TEXT, by_work TEXT, ended_by TEXT, absent INTEGER NOT NULL,
  interval INTEGER, PRIMARY KEY (file, seq)
);
CREATE TABLE tariff_rows (
  file TEXT NOT NULL, seq INTEGER NOT NULL, data TEXT NOT NULL, interval INTEGER NOT NULL,
  PRIMARY KEY (file, seq)
);
CREATE TABLE events (
  file TEXT NOT NULL, seq INTEGER NOT NULL, kind TEXT NOT NULL, date TEXT, rule TEXT, by_work TEXT,
  by_date TEXT, target TEXT, origin TEXT, source TEXT, PRIMARY KEY (file, seq)
);
-- the works whose lifecycle a file's answers are computed from (its amending acts)
CREATE TABLE deps (file TEXT NOT NULL, needs TEXT NOT NULL);
CREATE INDEX deps_needs ON deps (needs);
CREATE INDEX deps_file ON deps (file);
"""

#: The tables holding rows derived from one file (deleted together when it is re-indexed).
PER_FILE = ("files", "works", "aliases", "intervals", "versions", "tariff_rows", "events", "deps")
