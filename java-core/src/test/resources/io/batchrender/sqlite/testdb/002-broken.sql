CREATE TABLE frames (shot TEXT NOT NULL REFERENCES shots(id), n INTEGER NOT NULL);

-- a mistake: the second statement fails, the first must not stay
CREATE TABLE frames (n INTEGER);
