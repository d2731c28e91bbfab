-- The channel where lookups (/excerpt, /section, /fact, /outline, /about) answer publicly; everywhere
-- else they answer privately with a "Share to channel" button. NULL: private everywhere.
ALTER TABLE guild_settings ADD COLUMN lookup_channel_id INTEGER;
