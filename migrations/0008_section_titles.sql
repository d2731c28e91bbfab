-- What readers call a section (content/articles/<slug>/sections.yaml): a short title in both
-- languages for lists, menus and thread names, and the heading in English for English readers.
ALTER TABLE sections ADD COLUMN short_zh TEXT NOT NULL DEFAULT '';
ALTER TABLE sections ADD COLUMN short_en TEXT NOT NULL DEFAULT '';
ALTER TABLE sections ADD COLUMN heading_en TEXT NOT NULL DEFAULT '';
