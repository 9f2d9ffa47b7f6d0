CREATE TABLE `round_snapshots` (
	`round_id` text PRIMARY KEY NOT NULL,
	`k` integer NOT NULL,
	`taken_at` integer NOT NULL,
	`reports` text NOT NULL,
	`follow_up` text NOT NULL,
	`drivers` text,
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE no action
);
