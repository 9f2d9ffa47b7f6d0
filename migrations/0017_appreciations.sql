CREATE TABLE `appreciations` (
	`id` integer PRIMARY KEY NOT NULL,
	`round_id` text NOT NULL,
	`unit_id` text NOT NULL,
	`text` text NOT NULL,
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `appreciations_round_unit` ON `appreciations` (`round_id`,`unit_id`);--> statement-breakpoint
CREATE TABLE `draft_appreciations` (
	`round_id` text NOT NULL,
	`person_id` text NOT NULL,
	`text` text NOT NULL,
	PRIMARY KEY(`round_id`, `person_id`),
	FOREIGN KEY (`round_id`,`person_id`) REFERENCES `drafts`(`round_id`,`person_id`) ON UPDATE no action ON DELETE cascade
);
