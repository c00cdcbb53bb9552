-- Each local file's MD5 with the size and modification time (ns) it had when it was hashed.
-- IF NOT EXISTS: a cache from before numbered migrations (user_version 0) has it already.

CREATE TABLE IF NOT EXISTS file_md5(
  path TEXT PRIMARY KEY,
  size INTEGER NOT NULL,
  mtime_ns INTEGER NOT NULL,
  md5 TEXT NOT NULL);
