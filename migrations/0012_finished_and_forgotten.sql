CREATE TABLE `forgotten_invitations` (
	`round_id` text NOT NULL,
	`unit_id` text NOT NULL,
	`count` integer NOT NULL,
	`unreachable` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`round_id`, `unit_id`),
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `responses` ADD `finished` integer DEFAULT true NOT NULL;