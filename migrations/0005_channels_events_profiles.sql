CREATE TABLE `unit_channels` (
	`unit_id` text NOT NULL,
	`platform` text NOT NULL,
	`channel` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`unit_id`, `platform`),
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `platform_events` (
	`key` text PRIMARY KEY NOT NULL,
	`received_at` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `people` ADD `profile_locale` text;--> statement-breakpoint
ALTER TABLE `people` ADD `profile_timezone` text;