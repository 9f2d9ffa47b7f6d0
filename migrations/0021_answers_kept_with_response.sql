-- A submit's answers and factor means kept with their response: WITHOUT ROWID tables keyed by the
-- response's random id, so a submit writes a page of each instead of one per statement (and of the
-- indexes by response and by statement). The order on disk is still the random ids' order.
CREATE TABLE `__new_answers` (
	`response_id` integer NOT NULL,
	`item_id` text NOT NULL,
	`value` integer NOT NULL,
	PRIMARY KEY(`response_id`, `item_id`),
	FOREIGN KEY (`response_id`) REFERENCES `responses`(`id`) ON UPDATE no action ON DELETE cascade
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `__new_answers`("response_id", "item_id", "value") SELECT "response_id", "item_id", "value" FROM `answers`;--> statement-breakpoint
DROP TABLE `answers`;--> statement-breakpoint
ALTER TABLE `__new_answers` RENAME TO `answers`;--> statement-breakpoint
CREATE TABLE `__new_response_factors` (
	`response_id` integer NOT NULL,
	`factor_id` text NOT NULL,
	`mean` real NOT NULL,
	PRIMARY KEY(`response_id`, `factor_id`),
	FOREIGN KEY (`response_id`) REFERENCES `responses`(`id`) ON UPDATE no action ON DELETE cascade
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `__new_response_factors`("response_id", "factor_id", "mean") SELECT "response_id", "factor_id", "mean" FROM `response_factors`;--> statement-breakpoint
DROP TABLE `response_factors`;--> statement-breakpoint
ALTER TABLE `__new_response_factors` RENAME TO `response_factors`;
