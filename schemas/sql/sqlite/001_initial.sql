-- ActorStreams state store, SQLite, schema version 1: shards, their checkpointed offsets, entity states.
-- Applied by the store's migrator in one transaction together with its schema_version row.
-- Timestamps are INTEGER milliseconds since the Unix epoch (UTC): datetime(updated_at / 1000, 'unixepoch').

CREATE TABLE IF NOT EXISTS schema_version (
    version     INTEGER PRIMARY KEY,
    description TEXT    NOT NULL,
    applied_at  TEXT    NOT NULL
);

-- One row per checkpointed shard (one partition of one entity kind).
CREATE TABLE shards (
    kind        TEXT    NOT NULL,
    partition   INTEGER NOT NULL,
    sequence    INTEGER NOT NULL,
    shard_state BLOB,
    updated_at  INTEGER NOT NULL,
    PRIMARY KEY (kind, partition)
) WITHOUT ROWID;

-- The next offset of every input topic of a shard, written in the same transaction as its entity states.
CREATE TABLE shard_offsets (
    kind        TEXT    NOT NULL,
    partition   INTEGER NOT NULL,
    topic       TEXT    NOT NULL,
    next_offset INTEGER NOT NULL,
    PRIMARY KEY (kind, partition, topic)
) WITHOUT ROWID;

-- Entity states (versioned snapshot bytes). A rowid table: states of hundreds of bytes are too large for
-- the clustered WITHOUT ROWID layout, which SQLite recommends only for rows under ~1/20 of a page.
CREATE TABLE entities (
    kind       TEXT    NOT NULL,
    partition  INTEGER NOT NULL,
    entity_id  TEXT    NOT NULL,
    state      BLOB    NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (kind, partition, entity_id)
);
