CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`actor_id` text,
	`via` text NOT NULL,
	`action` text NOT NULL,
	`subject` text,
	`details` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_at` ON `audit_log` (`at`);--> statement-breakpoint
ALTER TABLE `rounds` ADD `reminded_at` integer;