-- Per-guild settings. Every guild-scoped table keys on guild_id so one guild never sees another's.
CREATE TABLE guild_settings (
    guild_id INTEGER PRIMARY KEY,
    timezone TEXT,
    moderator_role_id INTEGER,
    log_channel_id INTEGER,
    updated_at TEXT NOT NULL
) STRICT;

-- Key/value facts about this bot instance (e.g. the hash of the last synced command set).
CREATE TABLE bot_state (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;
