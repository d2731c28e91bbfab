-- Scheduled actions (weekly quizzes, one-off discussions) and every occurrence of them.
-- An occurrence row is claimed (UNIQUE schedule_id + due_at) BEFORE anything is sent, then marked
-- sent/failed/missed, so a restart can never post the same run twice.
CREATE TABLE schedules (
    id INTEGER PRIMARY KEY,
    guild_id INTEGER NOT NULL,
    kind TEXT NOT NULL,                 -- 'quiz' | 'discussion'
    channel_id INTEGER NOT NULL,
    timezone TEXT NOT NULL,             -- IANA name; local times are resolved in it at each run
    weekday INTEGER,                    -- weekly: 0 = Monday … 6 = Sunday
    local_time TEXT,                    -- weekly: 'HH:MM'
    run_at TEXT,                        -- once: UTC ISO-8601
    payload TEXT NOT NULL DEFAULT '{}', -- kind-specific JSON (section, duration…)
    series_id INTEGER,                  -- groups the sessions of one reading plan
    status TEXT NOT NULL DEFAULT 'active',  -- 'active' | 'cancelled' | 'done'
    created_by INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    CHECK (kind IN ('quiz', 'discussion')),
    CHECK (status IN ('active', 'cancelled', 'done')),
    CHECK ((weekday IS NOT NULL AND local_time IS NOT NULL AND run_at IS NULL)
        OR (weekday IS NULL AND local_time IS NULL AND run_at IS NOT NULL))
) STRICT;

CREATE INDEX schedules_guild ON schedules (guild_id, status);
CREATE INDEX schedules_series ON schedules (series_id);

CREATE TABLE occurrences (
    id INTEGER PRIMARY KEY,
    schedule_id INTEGER NOT NULL REFERENCES schedules (id),
    due_at TEXT NOT NULL,               -- UTC ISO-8601
    status TEXT NOT NULL,               -- 'claimed' | 'sent' | 'failed' | 'missed'
    claimed_at TEXT NOT NULL,
    finished_at TEXT,
    result TEXT,                        -- JSON (message id, thread id…)
    reason TEXT,                        -- why it failed or was missed
    UNIQUE (schedule_id, due_at),
    CHECK (status IN ('claimed', 'sent', 'failed', 'missed'))
) STRICT;

CREATE INDEX occurrences_status ON occurrences (status);
