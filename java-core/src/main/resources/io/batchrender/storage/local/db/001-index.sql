-- The local store's containers and, per blob name, the file under data/ holding its bytes.
-- IF NOT EXISTS: an index from before numbered migrations (user_version 0) has them already.

CREATE TABLE IF NOT EXISTS containers(
  name TEXT PRIMARY KEY);

CREATE TABLE IF NOT EXISTS blobs(
  container TEXT NOT NULL REFERENCES containers(name) ON DELETE CASCADE,
  name TEXT NOT NULL,
  size INTEGER NOT NULL,
  md5 TEXT NOT NULL,
  modified_ms INTEGER NOT NULL,
  file TEXT NOT NULL,
  PRIMARY KEY(container, name));
