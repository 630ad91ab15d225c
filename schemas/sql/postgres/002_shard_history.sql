-- ActorStreams state store, PostgreSQL, schema version 2: inspection columns on shards.
--   created_at                when the shard's first checkpoint was written (backfilled with updated_at)
--   last_checkpoint_entities  how many entity states its last checkpoint wrote (0 for shards written by version 1)

ALTER TABLE shards ADD COLUMN created_at timestamptz;
UPDATE shards SET created_at = updated_at;
ALTER TABLE shards ALTER COLUMN created_at SET NOT NULL;
ALTER TABLE shards ADD COLUMN last_checkpoint_entities integer NOT NULL DEFAULT 0;
