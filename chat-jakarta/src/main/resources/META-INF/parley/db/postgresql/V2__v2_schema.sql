-- Parley's v2 additions on PostgreSQL: accounts (display names, token generations), room settings, the
-- message lifecycle (edits, deletes, reactions, replies and threads, mentions, room acts), and the
-- tables of reactions, mentions, read markers, blocks and sanctions, with every index the entities
-- declare. "IF NOT EXISTS" throughout, so that a database a pre-release v2 build extended (the
-- provider's create-or-extend-tables, no history table, baselined at 1) is completed, not refused.
ALTER TABLE parley_users ADD COLUMN IF NOT EXISTS display_name VARCHAR(256);
ALTER TABLE parley_users ADD COLUMN IF NOT EXISTS kept_token_id VARCHAR(255);
ALTER TABLE parley_users ADD COLUMN IF NOT EXISTS token_generation INTEGER;

ALTER TABLE parley_rooms ADD COLUMN IF NOT EXISTS read_only BOOLEAN;
ALTER TABLE parley_rooms ADD COLUMN IF NOT EXISTS topic VARCHAR(500);

ALTER TABLE parley_messages ADD COLUMN IF NOT EXISTS act_json VARCHAR(4000);
ALTER TABLE parley_messages ADD COLUMN IF NOT EXISTS deleted BOOLEAN;
ALTER TABLE parley_messages ADD COLUMN IF NOT EXISTS edited_at_ms BIGINT;
ALTER TABLE parley_messages ADD COLUMN IF NOT EXISTS emoji VARCHAR(64);
ALTER TABLE parley_messages ADD COLUMN IF NOT EXISTS last_reply_at_ms BIGINT;
ALTER TABLE parley_messages ADD COLUMN IF NOT EXISTS mentions VARCHAR(2000);
ALTER TABLE parley_messages ADD COLUMN IF NOT EXISTS reaction_active BOOLEAN;
ALTER TABLE parley_messages ADD COLUMN IF NOT EXISTS replies BIGINT;
ALTER TABLE parley_messages ADD COLUMN IF NOT EXISTS reply_to BIGINT;
ALTER TABLE parley_messages ADD COLUMN IF NOT EXISTS target_id BIGINT;
ALTER TABLE parley_messages ADD COLUMN IF NOT EXISTS thread_id BIGINT;
-- A thread page and the DELETE of a message would otherwise scan the room.
CREATE INDEX IF NOT EXISTS parley_messages_thread ON parley_messages (room_id, thread_id, seq);
CREATE INDEX IF NOT EXISTS parley_messages_target ON parley_messages (target_id);

CREATE TABLE IF NOT EXISTS parley_reactions (
    emoji VARCHAR(64) NOT NULL,
    message_id BIGINT NOT NULL,
    username VARCHAR(255) NOT NULL,
    room_id VARCHAR(255) NOT NULL,
    seq BIGINT NOT NULL,
    PRIMARY KEY (emoji, message_id, username)
);
CREATE INDEX IF NOT EXISTS parley_reactions_message ON parley_reactions (message_id, emoji);

CREATE TABLE IF NOT EXISTS parley_mentions (
    message_id BIGINT NOT NULL,
    user_key VARCHAR(255) NOT NULL,
    room_id VARCHAR(255) NOT NULL,
    sender_key VARCHAR(255) NOT NULL,
    seq BIGINT NOT NULL,
    PRIMARY KEY (message_id, user_key)
);
CREATE INDEX IF NOT EXISTS parley_mentions_user ON parley_mentions (user_key, room_id, seq);
CREATE INDEX IF NOT EXISTS parley_mentions_message ON parley_mentions (message_id);

CREATE TABLE IF NOT EXISTS parley_read_markers (
    room_id VARCHAR(255) NOT NULL,
    user_key VARCHAR(255) NOT NULL,
    last_read_seq BIGINT NOT NULL,
    username VARCHAR(255) NOT NULL,
    PRIMARY KEY (room_id, user_key)
);
CREATE INDEX IF NOT EXISTS parley_read_markers_user ON parley_read_markers (user_key);

CREATE TABLE IF NOT EXISTS parley_blocks (
    blocker_key VARCHAR(255) NOT NULL,
    blocked_key VARCHAR(255) NOT NULL,
    blocked VARCHAR(255) NOT NULL,
    PRIMARY KEY (blocker_key, blocked_key)
);

CREATE TABLE IF NOT EXISTS parley_sanctions (
    kind VARCHAR(8) NOT NULL,
    room_id VARCHAR(255) NOT NULL,
    username VARCHAR(255) NOT NULL,
    imposed_by VARCHAR(255) NOT NULL,
    reason VARCHAR(500),
    until_ms BIGINT,
    PRIMARY KEY (kind, room_id, username)
);

-- Search (PostgresSearch): a stored generated tsvector of the content messages' body, punctuation read
-- as spaces, in the 'simple' configuration, with a GIN index. On a large existing history adding the
-- column rewrites parley_messages once and holds back writes to it meanwhile.
ALTER TABLE parley_messages ADD COLUMN IF NOT EXISTS search_tsv tsvector
    GENERATED ALWAYS AS (CASE WHEN kind IN ('CHAT', 'PRIVATE', 'FILE_SHARED')
        THEN to_tsvector('simple'::regconfig, regexp_replace(body, '[[:punct:]]+', ' ', 'g')) END) STORED;
CREATE INDEX IF NOT EXISTS parley_messages_search ON parley_messages USING GIN (search_tsv);
