-- Failure reasons as a code and details instead of English prose (bot/scheduling/reasons.py), so
-- the log channel can say them in each moderator's language. `reason` keeps the English text for
-- logs; existing rows are converted from the texts earlier versions wrote.
ALTER TABLE occurrences ADD COLUMN reason_code TEXT;
ALTER TABLE occurrences ADD COLUMN reason_details TEXT;

UPDATE occurrences SET reason_code = CASE
    WHEN reason IS NULL THEN NULL
    WHEN reason LIKE '%beyond the grace window%' THEN 'missed_grace'
    WHEN reason LIKE '%the bot was offline%' THEN 'missed_offline'
    WHEN reason = 'interrupted, and too late to send' THEN 'interrupted'
    WHEN reason LIKE 'missing permissions in #%: %' THEN 'missing_permissions'
    WHEN reason LIKE '%channel no longer exists or the bot cannot see it%' THEN 'channel_gone'
    WHEN reason = 'the bot is no longer in the server' THEN 'left_guild'
    WHEN reason = 'no quiz questions are loaded' THEN 'no_questions'
    WHEN reason = 'no article is loaded' THEN 'no_article'
    WHEN reason LIKE 'section % is no longer in the article' THEN 'section_gone'
    WHEN reason LIKE 'Discord refused%' THEN 'discord_refused'
    ELSE 'unexpected'
END;

UPDATE occurrences SET reason_details = CASE reason_code
    WHEN 'missing_permissions' THEN json_object(
        'channel', substr(reason, 25, instr(reason, ': ') - 25),
        'permissions', substr(reason, instr(reason, ': ') + 2))
    WHEN 'section_gone' THEN json_object(
        'section', trim(substr(reason, 9, length(reason) - 8 - 28), ''''))
    WHEN 'discord_refused' THEN json_object('what', 'post', 'status', '', 'detail', reason)
    WHEN 'unexpected' THEN json_object(
        'error', CASE WHEN reason LIKE 'unexpected error: %' THEN substr(reason, 19) ELSE reason END)
    ELSE '{}'
END
WHERE reason_code IS NOT NULL;
