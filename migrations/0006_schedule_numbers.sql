-- Numbers people can read and say, per server and per kind, instead of the table's shared ids:
-- "quiz schedule 1", "discussion 2", "plan 1, session 3". Sessions of one reading plan share
-- plan_number and count 1, 2, 3… within it; every other schedule gets the next number of its kind.
-- Numbers are never reused in a server, so an old message naming "plan 1" never means a new plan.
ALTER TABLE schedules ADD COLUMN number INTEGER;
ALTER TABLE schedules ADD COLUMN plan_number INTEGER;

UPDATE schedules SET number = (
    SELECT n FROM (
        SELECT id, ROW_NUMBER() OVER (PARTITION BY guild_id, kind ORDER BY id) AS n
        FROM schedules WHERE series_id IS NULL
    ) AS ranked WHERE ranked.id = schedules.id
) WHERE series_id IS NULL;

UPDATE schedules SET plan_number = (
    SELECT n FROM (
        SELECT series_id, ROW_NUMBER() OVER (PARTITION BY guild_id ORDER BY series_id) AS n
        FROM (SELECT DISTINCT guild_id, series_id FROM schedules WHERE series_id IS NOT NULL)
    ) AS ranked WHERE ranked.series_id = schedules.series_id
) WHERE series_id IS NOT NULL;

UPDATE schedules SET number = (
    SELECT COUNT(*) FROM schedules AS earlier
    WHERE earlier.series_id = schedules.series_id AND earlier.id <= schedules.id
) WHERE series_id IS NOT NULL;

CREATE UNIQUE INDEX schedules_single_number ON schedules (guild_id, kind, number)
    WHERE series_id IS NULL;
CREATE UNIQUE INDEX schedules_plan_session ON schedules (guild_id, plan_number, number)
    WHERE series_id IS NOT NULL;
