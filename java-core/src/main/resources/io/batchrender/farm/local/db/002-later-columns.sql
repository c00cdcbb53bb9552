-- The columns later versions added when they found them missing (before numbered migrations, so a
-- state folder from then may have some of them: migrating from user_version 0, a column that is
-- there already is skipped).

-- pool resize --deallocation: what a shrinking pool does with running tasks
ALTER TABLE pools ADD COLUMN shrink TEXT NOT NULL DEFAULT 'requeue';

-- a scene job's environment (JSON)
ALTER TABLE jobs ADD COLUMN environment TEXT;

-- template jobs (ExpandedJob): the Batch task as stored, and the job preparation and release rows
ALTER TABLE jobs ADD COLUMN kind TEXT;
ALTER TABLE jobs ADD COLUMN priority INTEGER NOT NULL DEFAULT 0;
ALTER TABLE jobs ADD COLUMN deadline_ms INTEGER;
ALTER TABLE tasks ADD COLUMN template TEXT;
ALTER TABLE tasks ADD COLUMN role TEXT;

CREATE INDEX IF NOT EXISTS tasks_by_role ON tasks(job_id, role);
