-- The name this database gives itself in the offsets its Kafka consumer commits to the group
-- (src/stream/consumer.ts): a member that finds the group's offset committed under its own name,
-- past what it stored, knows that its last transaction did not commit, and reads from where that
-- batch began.

CREATE TABLE stream_database (id VARCHAR NOT NULL);
INSERT INTO stream_database VALUES (uuid()::VARCHAR);
