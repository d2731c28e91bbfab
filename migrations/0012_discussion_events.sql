-- Discord scheduled events for scheduled sessions (bot/discussion/events.py), and the wrap-up
-- message posted in a discussion's thread when its window ends.
--
-- One row per session (schedule_id + due_at; a one-off schedule that is moved moves its row's
-- due_at in the same transaction). What Discord should show is computed from the schedules,
-- occurrences and discussions tables at every sync, so only what Discord was last told lives
-- here: `state`, `event_id` and the start/end it was given.
-- `create_sent_at` is written (and committed) BEFORE the create request goes out: a row with it
-- set and no event_id may have an event on Discord, which is then looked up by the marker in its
-- description before anything is created again, so a crash never leaves a duplicate.
CREATE TABLE schedule_events (
    id INTEGER PRIMARY KEY,
    guild_id INTEGER NOT NULL,
    schedule_id INTEGER NOT NULL REFERENCES schedules (id),
    due_at TEXT NOT NULL,               -- UTC ISO-8601: the session's start
    event_id INTEGER UNIQUE,            -- Discord's id, once Discord answered (or it was found)
    state TEXT NOT NULL DEFAULT 'none',
    start_at TEXT,                      -- the start Discord was last given
    end_at TEXT,                        -- the end Discord was last given
    thread_id INTEGER,                  -- the thread the description links, once it is active
    create_sent_at TEXT,                -- intent: a create request may have reached Discord
    failures INTEGER NOT NULL DEFAULT 0,  -- consecutive refusals (not 403/404); gives up at 3
    updated_at TEXT NOT NULL,
    UNIQUE (schedule_id, due_at),
    CHECK (state IN ('none', 'scheduled', 'active', 'completed', 'cancelled', 'gone',
                     'skipped', 'failed'))
) STRICT;

CREATE INDEX schedule_events_open ON schedule_events (state);

-- Per server: when the bot last said it lacks Manage Events (said once, until it has it again).
CREATE TABLE event_permission_notices (
    guild_id INTEGER PRIMARY KEY,
    noticed_at TEXT NOT NULL
) STRICT;

-- The wrap-up: intent first (wrapup_at), then the message id; a crash in between is resolved by
-- finding the bot's wrap-up in the thread. ends_at is when the discussion's window ends.
ALTER TABLE discussions ADD COLUMN ends_at TEXT;
ALTER TABLE discussions ADD COLUMN wrapup_at TEXT;
ALTER TABLE discussions ADD COLUMN wrapup_message_id INTEGER;
