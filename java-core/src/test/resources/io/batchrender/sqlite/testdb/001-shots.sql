-- a first table
CREATE TABLE shots (id TEXT PRIMARY KEY);
