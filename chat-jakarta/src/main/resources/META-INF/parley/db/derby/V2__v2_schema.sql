-- Parley's v2 additions on Derby: accounts (display names, token generations), room settings, the
-- message lifecycle (edits, deletes, reactions, replies and threads, mentions, room acts), and the
-- tables of reactions, mentions, read markers, blocks and sanctions, with every index the entities
-- declare. Derby has no "IF NOT EXISTS": a Derby database that a pre-release v2 build already extended
-- is refused here (see chat-jakarta's README). Booleans are SMALLINT DEFAULT 0, as EclipseLink maps them.
ALTER TABLE parley_users ADD COLUMN display_name VARCHAR(256);
ALTER TABLE parley_users ADD COLUMN kept_token_id VARCHAR(255);
ALTER TABLE parley_users ADD COLUMN token_generation INTEGER;

ALTER TABLE parley_rooms ADD COLUMN read_only SMALLINT DEFAULT 0;
ALTER TABLE parley_rooms ADD COLUMN topic VARCHAR(500);

ALTER TABLE parley_messages ADD COLUMN act_json VARCHAR(4000);
ALTER TABLE parley_messages ADD COLUMN deleted SMALLINT DEFAULT 0;
ALTER TABLE parley_messages ADD COLUMN edited_at_ms BIGINT;
ALTER TABLE parley_messages ADD COLUMN emoji VARCHAR(64);
ALTER TABLE parley_messages ADD COLUMN last_reply_at_ms BIGINT;
ALTER TABLE parley_messages ADD COLUMN mentions VARCHAR(2000);
ALTER TABLE parley_messages ADD COLUMN reaction_active SMALLINT DEFAULT 0;
ALTER TABLE parley_messages ADD COLUMN replies BIGINT;
ALTER TABLE parley_messages ADD COLUMN reply_to BIGINT;
ALTER TABLE parley_messages ADD COLUMN target_id BIGINT;
ALTER TABLE parley_messages ADD COLUMN thread_id BIGINT;
-- A thread page and the DELETE of a message would otherwise scan the room.
CREATE INDEX parley_messages_thread ON parley_messages (room_id, thread_id, seq);
CREATE INDEX parley_messages_target ON parley_messages (target_id);

CREATE TABLE parley_reactions (
    emoji VARCHAR(64) NOT NULL,
    message_id BIGINT NOT NULL,
    username VARCHAR(255) NOT NULL,
    room_id VARCHAR(255) NOT NULL,
    seq BIGINT NOT NULL,
    PRIMARY KEY (emoji, message_id, username)
);
CREATE INDEX parley_reactions_message ON parley_reactions (message_id, emoji);

CREATE TABLE parley_mentions (
    message_id BIGINT NOT NULL,
    user_key VARCHAR(255) NOT NULL,
    room_id VARCHAR(255) NOT NULL,
    sender_key VARCHAR(255) NOT NULL,
    seq BIGINT NOT NULL,
    PRIMARY KEY (message_id, user_key)
);
CREATE INDEX parley_mentions_user ON parley_mentions (user_key, room_id, seq);
CREATE INDEX parley_mentions_message ON parley_mentions (message_id);

CREATE TABLE parley_read_markers (
    room_id VARCHAR(255) NOT NULL,
    user_key VARCHAR(255) NOT NULL,
    last_read_seq BIGINT NOT NULL,
    username VARCHAR(255) NOT NULL,
    PRIMARY KEY (room_id, user_key)
);
CREATE INDEX parley_read_markers_user ON parley_read_markers (user_key);

CREATE TABLE parley_blocks (
    blocker_key VARCHAR(255) NOT NULL,
    blocked_key VARCHAR(255) NOT NULL,
    blocked VARCHAR(255) NOT NULL,
    PRIMARY KEY (blocker_key, blocked_key)
);

CREATE TABLE parley_sanctions (
    kind VARCHAR(8) NOT NULL,
    room_id VARCHAR(255) NOT NULL,
    username VARCHAR(255) NOT NULL,
    imposed_by VARCHAR(255) NOT NULL,
    reason VARCHAR(500),
    until_ms BIGINT,
    PRIMARY KEY (kind, room_id, username)
);
