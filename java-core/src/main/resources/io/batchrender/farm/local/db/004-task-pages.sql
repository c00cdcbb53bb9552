-- A page of a job's tasks in submission order (job show --page, the panel's Jobs tab) is read by
-- this index, LIMIT and OFFSET, without sorting the job's every task; with a state, tasks_by_state
-- (job_id, state, seq) serves.
CREATE INDEX IF NOT EXISTS tasks_by_seq ON tasks(job_id, seq);
