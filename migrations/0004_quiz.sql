-- The weekly quiz: posted quizzes, members' answers. Question ids and section ids are the content
-- files' plain text ids, without foreign keys, so reloading content never deletes quiz history.
-- The correct choice is copied into the quiz row when it is created: a later edit of quiz.yaml
-- does not change the scores of quizzes already run.
CREATE TABLE quizzes (
    id INTEGER PRIMARY KEY,
    guild_id INTEGER NOT NULL,
    channel_id INTEGER NOT NULL,
    message_id INTEGER,                      -- NULL until the post is sent (or adopted after a crash)
    article_slug TEXT NOT NULL,
    question_id TEXT NOT NULL,
    section_id TEXT NOT NULL,
    correct_choice INTEGER NOT NULL CHECK (correct_choice BETWEEN 0 AND 3),
    cycle INTEGER NOT NULL CHECK (cycle >= 1),  -- rotation round of the guild's question bank
    occurrence_id INTEGER UNIQUE,            -- the scheduled run that made it; NULL for /quiz now
    schedule_id INTEGER,
    created_by INTEGER,                      -- the moderator for /quiz now; NULL when scheduled
    status TEXT NOT NULL DEFAULT 'pending',  -- 'pending' (row made, post not confirmed) | 'open' | 'closed' | 'failed'
    created_at TEXT NOT NULL,
    closes_at TEXT NOT NULL,
    closed_at TEXT,
    announced_at TEXT,                       -- when the results were written into the post
    announce_attempts INTEGER NOT NULL DEFAULT 0,
    CHECK (status IN ('pending', 'open', 'closed', 'failed'))
) STRICT;

CREATE INDEX quizzes_rotation ON quizzes (guild_id, article_slug, cycle);
CREATE INDEX quizzes_status ON quizzes (status, closes_at);
CREATE INDEX quizzes_channel ON quizzes (channel_id, status);

-- One answer per member per quiz: the primary key is what makes the first click final.
CREATE TABLE quiz_answers (
    quiz_id INTEGER NOT NULL REFERENCES quizzes (id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL,
    choice INTEGER NOT NULL CHECK (choice BETWEEN 0 AND 3),
    correct INTEGER NOT NULL CHECK (correct IN (0, 1)),
    answered_at TEXT NOT NULL,
    PRIMARY KEY (quiz_id, user_id)
) STRICT;

CREATE INDEX quiz_answers_user ON quiz_answers (user_id, quiz_id);
