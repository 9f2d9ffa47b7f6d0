CREATE TABLE `dashboard_preferences` (
	`person_id` text PRIMARY KEY NOT NULL,
	`locale` text NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade
);
