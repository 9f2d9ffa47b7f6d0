CREATE TABLE `answers` (
	`id` integer PRIMARY KEY NOT NULL,
	`response_id` integer NOT NULL,
	`item_id` text NOT NULL,
	`value` integer NOT NULL,
	FOREIGN KEY (`response_id`) REFERENCES `responses`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `answers_response_item` ON `answers` (`response_id`,`item_id`);--> statement-breakpoint
CREATE INDEX `answers_item` ON `answers` (`item_id`);--> statement-breakpoint
CREATE TABLE `comments` (
	`id` integer PRIMARY KEY NOT NULL,
	`round_id` text NOT NULL,
	`unit_id` text NOT NULL,
	`text` text NOT NULL,
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `comments_round_unit` ON `comments` (`round_id`,`unit_id`);--> statement-breakpoint
CREATE TABLE `drafts` (
	`round_id` text NOT NULL,
	`person_id` text NOT NULL,
	`answers` text NOT NULL,
	`stage` text NOT NULL,
	`comment` text,
	`message_ref` text,
	PRIMARY KEY(`round_id`, `person_id`),
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `responses` (
	`id` integer PRIMARY KEY NOT NULL,
	`round_id` text NOT NULL,
	`unit_id` text NOT NULL,
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `responses_round_unit` ON `responses` (`round_id`,`unit_id`);