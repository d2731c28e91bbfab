-- The role quiz posts and discussion openings mention (/config announce-role); NULL: no ping.
-- announce_role_warned_at: when the log channel was told the role can no longer be pinged (it was
-- deleted, or may no longer be mentioned), so that is said once, not at every post; cleared when
-- the role is set again or can be pinged again.
ALTER TABLE guild_settings ADD COLUMN announce_role_id INTEGER;
ALTER TABLE guild_settings ADD COLUMN announce_role_warned_at TEXT;
