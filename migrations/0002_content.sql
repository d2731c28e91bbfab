-- Article content, loaded from content/articles/<slug>/ by `python -m bot content load` and at start-up.
-- Every row is keyed by (article_slug, id) with the stable text ids of the content files. A reload
-- replaces an article's rows in one transaction. Quiz history and schedules refer to these ids as
-- plain text, without foreign keys, so a reload never deletes history.
-- position columns keep the order of the source files.

CREATE TABLE articles (
    slug TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    subtitle TEXT NOT NULL DEFAULT '',
    author TEXT NOT NULL,
    journal TEXT NOT NULL,
    year INTEGER NOT NULL,
    issue INTEGER NOT NULL,
    keywords TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(keywords)),
    abstract TEXT NOT NULL DEFAULT '',
    title_en TEXT NOT NULL DEFAULT '',
    journal_en TEXT NOT NULL DEFAULT '',
    author_en TEXT NOT NULL DEFAULT '',
    content_hash TEXT NOT NULL,
    loaded_at TEXT NOT NULL
) STRICT;

CREATE TABLE sections (
    article_slug TEXT NOT NULL REFERENCES articles (slug) ON DELETE CASCADE,
    id TEXT NOT NULL,
    parent_id TEXT,
    heading TEXT NOT NULL,
    label TEXT NOT NULL,
    path TEXT NOT NULL,
    depth INTEGER NOT NULL CHECK (depth >= 1),
    ordinal INTEGER NOT NULL,
    line INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (article_slug, id),
    FOREIGN KEY (article_slug, parent_id) REFERENCES sections (article_slug, id) ON DELETE CASCADE
) STRICT;

CREATE UNIQUE INDEX sections_by_ordinal ON sections (article_slug, ordinal);

CREATE TABLE paragraphs (
    article_slug TEXT NOT NULL REFERENCES articles (slug) ON DELETE CASCADE,
    id TEXT NOT NULL,
    section_id TEXT NOT NULL,
    ordinal INTEGER NOT NULL CHECK (ordinal >= 0),
    position INTEGER NOT NULL,
    text TEXT NOT NULL,
    footnote_ids TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(footnote_ids)),
    line INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (article_slug, id),
    FOREIGN KEY (article_slug, section_id) REFERENCES sections (article_slug, id) ON DELETE CASCADE
) STRICT;

CREATE UNIQUE INDEX paragraphs_by_position ON paragraphs (article_slug, position);
CREATE INDEX paragraphs_by_section ON paragraphs (article_slug, section_id);

CREATE TABLE footnotes (
    article_slug TEXT NOT NULL REFERENCES articles (slug) ON DELETE CASCADE,
    id TEXT NOT NULL,
    position INTEGER NOT NULL,
    text TEXT NOT NULL,
    paragraph_id TEXT,
    line INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (article_slug, id),
    FOREIGN KEY (article_slug, paragraph_id) REFERENCES paragraphs (article_slug, id) ON DELETE CASCADE
) STRICT;

CREATE INDEX footnotes_by_paragraph ON footnotes (article_slug, paragraph_id);

CREATE TABLE facts (
    article_slug TEXT NOT NULL REFERENCES articles (slug) ON DELETE CASCADE,
    id TEXT NOT NULL,
    position INTEGER NOT NULL,
    section_id TEXT NOT NULL,
    statement_zh TEXT NOT NULL,
    statement_en TEXT NOT NULL,
    quote TEXT NOT NULL,
    paragraph_id TEXT NOT NULL,
    line INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (article_slug, id),
    FOREIGN KEY (article_slug, section_id) REFERENCES sections (article_slug, id) ON DELETE CASCADE,
    FOREIGN KEY (article_slug, paragraph_id) REFERENCES paragraphs (article_slug, id) ON DELETE CASCADE
) STRICT;

CREATE INDEX facts_by_section ON facts (article_slug, section_id);

CREATE TABLE glossary_entries (
    article_slug TEXT NOT NULL REFERENCES articles (slug) ON DELETE CASCADE,
    id TEXT NOT NULL,
    position INTEGER NOT NULL,
    term TEXT NOT NULL,
    english TEXT NOT NULL,
    kind TEXT NOT NULL,
    aliases TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(aliases)),
    japanese TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    line INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (article_slug, id)
) STRICT;

CREATE TABLE quiz_questions (
    article_slug TEXT NOT NULL REFERENCES articles (slug) ON DELETE CASCADE,
    id TEXT NOT NULL,
    position INTEGER NOT NULL,
    section_id TEXT NOT NULL,
    difficulty TEXT NOT NULL CHECK (difficulty IN ('easy', 'medium', 'hard')),
    question_zh TEXT NOT NULL,
    question_en TEXT NOT NULL,
    options_zh TEXT NOT NULL CHECK (json_valid(options_zh) AND json_array_length(options_zh) = 4),
    options_en TEXT NOT NULL CHECK (json_valid(options_en) AND json_array_length(options_en) = 4),
    answer INTEGER NOT NULL CHECK (answer BETWEEN 0 AND 3),
    explanation_zh TEXT NOT NULL,
    explanation_en TEXT NOT NULL,
    quote TEXT NOT NULL,
    paragraph_id TEXT NOT NULL,
    line INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (article_slug, id),
    FOREIGN KEY (article_slug, section_id) REFERENCES sections (article_slug, id) ON DELETE CASCADE,
    FOREIGN KEY (article_slug, paragraph_id) REFERENCES paragraphs (article_slug, id) ON DELETE CASCADE
) STRICT;

CREATE INDEX quiz_questions_by_section ON quiz_questions (article_slug, section_id);

CREATE TABLE discussion_prompts (
    article_slug TEXT NOT NULL REFERENCES articles (slug) ON DELETE CASCADE,
    id TEXT NOT NULL,
    position INTEGER NOT NULL,
    section_id TEXT NOT NULL,
    prompt_zh TEXT NOT NULL,
    prompt_en TEXT NOT NULL,
    quote TEXT NOT NULL,
    paragraph_id TEXT NOT NULL,
    line INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (article_slug, id),
    FOREIGN KEY (article_slug, section_id) REFERENCES sections (article_slug, id) ON DELETE CASCADE,
    FOREIGN KEY (article_slug, paragraph_id) REFERENCES paragraphs (article_slug, id) ON DELETE CASCADE
) STRICT;

CREATE INDEX discussion_prompts_by_section ON discussion_prompts (article_slug, section_id);
