-- The local farm's jobs, their tasks and its pool, as the first versions made them.
-- IF NOT EXISTS: a state folder from before numbered migrations (user_version 0) has them already.

CREATE TABLE IF NOT EXISTS jobs (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  state TEXT NOT NULL,
  renderer TEXT NOT NULL,
  scene TEXT,
  output_dir TEXT NOT NULL,
  own_output INTEGER NOT NULL,
  max_retries INTEGER NOT NULL,
  timeout_ms INTEGER NOT NULL,
  created_ms INTEGER NOT NULL,
  ended_ms INTEGER);

CREATE INDEX IF NOT EXISTS jobs_by_state ON jobs(state, created_ms);

CREATE TABLE IF NOT EXISTS tasks (
  job_id TEXT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  frames TEXT NOT NULL,
  command TEXT NOT NULL,
  state TEXT NOT NULL,
  result TEXT,
  exit_code INTEGER,
  attempts INTEGER NOT NULL DEFAULT 0,
  failures INTEGER NOT NULL DEFAULT 0,
  requeues INTEGER NOT NULL DEFAULT 0,
  failure_code TEXT,
  failure_message TEXT,
  started_ms INTEGER,
  ended_ms INTEGER,
  pid INTEGER,
  pid_start_ms INTEGER,
  PRIMARY KEY (job_id, id));

CREATE INDEX IF NOT EXISTS tasks_by_state ON tasks(job_id, state, seq);

CREATE INDEX IF NOT EXISTS tasks_running ON tasks(state) WHERE state = 'running';

CREATE TABLE IF NOT EXISTS pools (
  id TEXT PRIMARY KEY,
  target_slots INTEGER NOT NULL);
