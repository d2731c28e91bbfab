-- A library of articles: the article a server reads now. `articles.is_current` comes from the
-- front matter (`current: true`), the default for servers that chose none; a server's own choice
-- (/config article) is `guild_settings.current_article` and names an article by its slug.
ALTER TABLE articles ADD COLUMN is_current INTEGER NOT NULL DEFAULT 0;
ALTER TABLE guild_settings ADD COLUMN current_article TEXT;
