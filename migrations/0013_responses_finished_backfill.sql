-- Responses stored before 0012 did not say whether the person sent the survey (and so could comment).
-- In each round and unit, as many as were stored unfinished at the close (responses minus finished
-- invitations) are marked unfinished. Which rows does not matter: comments are not linked to responses,
-- only these counts are used. Forgotten people's finished invitations are gone, so this errs towards
-- fewer possible commenters, that is, towards hiding comments.
UPDATE `responses` SET `finished` = 0 WHERE `id` IN (
  SELECT `id` FROM (
    SELECT r.`id`,
           row_number() OVER (PARTITION BY r.`round_id`, r.`unit_id` ORDER BY r.`id`) AS `rn`,
           (SELECT count(*) FROM `responses` x WHERE x.`round_id` = r.`round_id` AND x.`unit_id` = r.`unit_id`)
             - (SELECT count(*) FROM `invitations` i
                WHERE i.`round_id` = r.`round_id` AND i.`unit_id` = r.`unit_id` AND i.`completed` = 1) AS `unfinished`
    FROM `responses` r
  ) WHERE `rn` <= `unfinished`
);
