-- Discussion threads that were opened, and each guild's thread settings. Section ids are the
-- content files' plain text ids, without foreign keys, so reloading content never deletes history.
-- A row is written once the starter message and its thread exist (or were found after a crash);
-- occurrence_id ties it to the scheduled run that opened it, which makes the write idempotent.
CREATE TABLE discussions (
    id INTEGER PRIMARY KEY,
    guild_id INTEGER NOT NULL,
    channel_id INTEGER NOT NULL,
    article_slug TEXT NOT NULL,
    section_id TEXT NOT NULL,
    message_id INTEGER NOT NULL,        -- the starter message in the channel
    thread_id INTEGER,                  -- the public thread started from it
    occurrence_id INTEGER UNIQUE,       -- occurrences.id of the run that opened it
    schedule_id INTEGER,
    series_id INTEGER,                  -- set when the discussion is a session of a reading plan
    opened_by INTEGER,                  -- the moderator for /discuss now; NULL when scheduled
    opened_at TEXT NOT NULL             -- UTC ISO-8601
) STRICT;

CREATE INDEX discussions_guild ON discussions (guild_id, opened_at);
CREATE INDEX discussions_series ON discussions (series_id);

CREATE TABLE discussion_settings (
    guild_id INTEGER PRIMARY KEY,
    auto_archive_minutes INTEGER NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK (auto_archive_minutes IN (60, 1440, 4320, 10080))
) STRICT;
