-- ActorStreams state store, PostgreSQL, schema version 1: shards, their checkpointed offsets, entity states.
-- Applied by the store's migrator in one transaction (under an advisory lock, so nodes starting together
-- migrate once) together with its schema_version row. Tables go to the first schema of the search_path.
-- Keys use the "C" collation: byte-order comparisons are faster than a linguistic collation and do not
-- depend on the server's locale.

CREATE TABLE IF NOT EXISTS schema_version (
    version     integer     PRIMARY KEY,
    description text        NOT NULL,
    applied_at  timestamptz NOT NULL
);

-- One row per checkpointed shard (one partition of one entity kind).
CREATE TABLE shards (
    kind        text COLLATE "C" NOT NULL,
    partition   integer          NOT NULL,
    sequence    bigint           NOT NULL,
    shard_state bytea,
    updated_at  timestamptz      NOT NULL,
    PRIMARY KEY (kind, partition)
);

-- The next offset of every input topic of a shard, written in the same transaction as its entity states.
CREATE TABLE shard_offsets (
    kind        text COLLATE "C" NOT NULL,
    partition   integer          NOT NULL,
    topic       text COLLATE "C" NOT NULL,
    next_offset bigint           NOT NULL,
    PRIMARY KEY (kind, partition, topic)
);

-- Entity states (versioned snapshot bytes). Checkpoints rewrite the same rows every second: free space left
-- on each page lets PostgreSQL update them in place (HOT updates, no index churn).
CREATE TABLE entities (
    kind       text COLLATE "C" NOT NULL,
    partition  integer          NOT NULL,
    entity_id  text COLLATE "C" NOT NULL,
    state      bytea            NOT NULL,
    updated_at timestamptz      NOT NULL,
    PRIMARY KEY (kind, partition, entity_id)
) WITH (fillfactor = 80);
