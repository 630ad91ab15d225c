-- ActorStreams state store, SQLite, schema version 2: inspection columns on shards.
--   created_at                when the shard's first checkpoint was written (backfilled with updated_at)
--   last_checkpoint_entities  how many entity states its last checkpoint wrote (0 for shards written by version 1)

ALTER TABLE shards ADD COLUMN created_at INTEGER NOT NULL DEFAULT 0;
UPDATE shards SET created_at = updated_at;
ALTER TABLE shards ADD COLUMN last_checkpoint_entities INTEGER NOT NULL DEFAULT 0;
