CREATE TABLE `draft_answers` (
	`round_id` text NOT NULL,
	`person_id` text NOT NULL,
	`item_id` text NOT NULL,
	`value` integer,
	PRIMARY KEY(`round_id`, `person_id`, `item_id`),
	FOREIGN KEY (`round_id`,`person_id`) REFERENCES `drafts`(`round_id`,`person_id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `drafts` DROP COLUMN `answers`;--> statement-breakpoint
ALTER TABLE `drafts` DROP COLUMN `stage`;--> statement-breakpoint
ALTER TABLE `drafts` DROP COLUMN `message_ref`;