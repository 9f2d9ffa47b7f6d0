-- Drafts live only while someone answers, and every tap writes one. As WITHOUT ROWID tables each is one
-- B-tree keyed by round and person: a tap changes one page of each table instead of a row page and an
-- index page, so the log holds fewer of a person's pages and each truncation copies fewer.
CREATE TABLE `drafts_clustered` (
	`round_id` text NOT NULL,
	`person_id` text NOT NULL,
	`comment` text,
	`step` text,
	`shown_at` integer,
	PRIMARY KEY(`round_id`, `person_id`),
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `drafts_clustered` (`round_id`, `person_id`, `comment`, `step`, `shown_at`)
	SELECT `round_id`, `person_id`, `comment`, `step`, `shown_at` FROM `drafts`;
--> statement-breakpoint
CREATE TABLE `draft_answers_clustered` (
	`round_id` text NOT NULL,
	`person_id` text NOT NULL,
	`item_id` text NOT NULL,
	`value` integer,
	PRIMARY KEY(`round_id`, `person_id`, `item_id`),
	FOREIGN KEY (`round_id`,`person_id`) REFERENCES `drafts_clustered`(`round_id`,`person_id`) ON UPDATE no action ON DELETE cascade
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `draft_answers_clustered` (`round_id`, `person_id`, `item_id`, `value`)
	SELECT `round_id`, `person_id`, `item_id`, `value` FROM `draft_answers`;
--> statement-breakpoint
CREATE TABLE `draft_appreciations_clustered` (
	`round_id` text NOT NULL,
	`person_id` text NOT NULL,
	`text` text NOT NULL,
	PRIMARY KEY(`round_id`, `person_id`),
	FOREIGN KEY (`round_id`,`person_id`) REFERENCES `drafts_clustered`(`round_id`,`person_id`) ON UPDATE no action ON DELETE cascade
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `draft_appreciations_clustered` (`round_id`, `person_id`, `text`)
	SELECT `round_id`, `person_id`, `text` FROM `draft_appreciations`;
--> statement-breakpoint
DROP TABLE `draft_answers`;
--> statement-breakpoint
DROP TABLE `draft_appreciations`;
--> statement-breakpoint
DROP TABLE `drafts`;
--> statement-breakpoint
ALTER TABLE `drafts_clustered` RENAME TO `drafts`;
--> statement-breakpoint
ALTER TABLE `draft_answers_clustered` RENAME TO `draft_answers`;
--> statement-breakpoint
ALTER TABLE `draft_appreciations_clustered` RENAME TO `draft_appreciations`;
