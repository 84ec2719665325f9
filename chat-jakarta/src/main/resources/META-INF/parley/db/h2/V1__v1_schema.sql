-- Parley's v1 schema on H2, as the v1 release's persistence unit (EclipseLink, create-or-extend-tables)
-- created it. A database that release wrote has these tables and no history table: it is baselined
-- at version 1 and only V2 runs on it.
CREATE TABLE parley_users (
    username_key VARCHAR(255) NOT NULL,
    created_at_ms BIGINT NOT NULL,
    password_hash VARCHAR(1024),
    user_id VARCHAR(255) NOT NULL,
    username VARCHAR(255) NOT NULL,
    PRIMARY KEY (username_key)
);
CREATE TABLE parley_rooms (
    room_id VARCHAR(255) NOT NULL,
    created_at_ms BIGINT NOT NULL,
    name VARCHAR(255) NOT NULL,
    owner_name VARCHAR(255) NOT NULL,
    visibility VARCHAR(16) NOT NULL,
    PRIMARY KEY (room_id)
);
CREATE INDEX parley_rooms_visibility ON parley_rooms (visibility, room_id);
CREATE TABLE parley_members (
    room_id VARCHAR(255) NOT NULL,
    username VARCHAR(255) NOT NULL,
    member_role VARCHAR(16) NOT NULL,
    PRIMARY KEY (room_id, username)
);
CREATE INDEX parley_members_user ON parley_members (username, room_id);
CREATE TABLE parley_messages (
    id BIGINT NOT NULL,
    body VARCHAR NOT NULL,
    client_msg_id VARCHAR(255),
    created_at_ms BIGINT NOT NULL,
    file_content_type VARCHAR(255),
    file_id VARCHAR(255),
    file_name VARCHAR(1024),
    file_size BIGINT,
    idem_key VARCHAR(300) NOT NULL,
    kind VARCHAR(16) NOT NULL,
    room_id VARCHAR(255) NOT NULL,
    sender VARCHAR(255) NOT NULL,
    seq BIGINT NOT NULL,
    PRIMARY KEY (id)
);
CREATE UNIQUE INDEX parley_messages_room_seq ON parley_messages (room_id, seq);
CREATE UNIQUE INDEX parley_messages_idem ON parley_messages (room_id, sender, idem_key);
CREATE TABLE parley_room_seq (
    room_id VARCHAR(255) NOT NULL,
    last_seq BIGINT NOT NULL,
    PRIMARY KEY (room_id)
);
CREATE TABLE parley_revoked_tokens (
    token_id VARCHAR(255) NOT NULL,
    expires_at_ms BIGINT NOT NULL,
    PRIMARY KEY (token_id)
);
CREATE INDEX parley_revoked_expiry ON parley_revoked_tokens (expires_at_ms);
CREATE TABLE parley_signing_key (
    slot INTEGER NOT NULL,
    secret VARBINARY NOT NULL,
    PRIMARY KEY (slot)
);
ALTER TABLE parley_messages ADD UNIQUE (file_id);
ALTER TABLE parley_users ADD UNIQUE (user_id);
