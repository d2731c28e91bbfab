-- Authored descriptions of paragraphs (content/articles/<slug>/descriptions.yaml): summaries and
-- the words readers use for a paragraph's ideas, in Chinese and English. Search indexes them below
-- the paragraph's own text; they are never shown as the article's words.
CREATE TABLE paragraph_descriptions (
    article_slug TEXT NOT NULL REFERENCES articles (slug) ON DELETE CASCADE,
    paragraph_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    summary_zh TEXT NOT NULL,
    summary_en TEXT NOT NULL,
    terms_zh TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(terms_zh)),
    terms_en TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(terms_en)),
    questions_zh TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(questions_zh)),
    questions_en TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(questions_en)),
    line INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (article_slug, paragraph_id),
    FOREIGN KEY (article_slug, paragraph_id) REFERENCES paragraphs (article_slug, id)
        ON DELETE CASCADE
) STRICT;
