CREATE TABLE `attribute_cell_units` (
	`round_id` text NOT NULL,
	`name` text NOT NULL,
	`value` text NOT NULL,
	`unit_id` text NOT NULL,
	`invited` integer NOT NULL,
	PRIMARY KEY(`round_id`, `name`, `value`, `unit_id`),
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `attribute_cells` (
	`round_id` text NOT NULL,
	`name` text NOT NULL,
	`value` text NOT NULL,
	`invited` integer NOT NULL,
	`responses` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`round_id`, `name`, `value`),
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `attribute_factor_tallies` (
	`round_id` text NOT NULL,
	`name` text NOT NULL,
	`value` text NOT NULL,
	`factor_id` text NOT NULL,
	`respondents` integer DEFAULT 0 NOT NULL,
	`mean_sum` real DEFAULT 0 NOT NULL,
	`c1` integer DEFAULT 0 NOT NULL,
	`c2` integer DEFAULT 0 NOT NULL,
	`c3` integer DEFAULT 0 NOT NULL,
	`c4` integer DEFAULT 0 NOT NULL,
	`c5` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`round_id`, `name`, `value`, `factor_id`),
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `invitation_attributes` (
	`round_id` text NOT NULL,
	`person_id` text NOT NULL,
	`name` text NOT NULL,
	`attribute_value` text NOT NULL,
	PRIMARY KEY(`round_id`, `person_id`, `name`),
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `invitation_attributes_person` ON `invitation_attributes` (`person_id`);--> statement-breakpoint
CREATE TABLE `person_attributes` (
	`person_id` text NOT NULL,
	`name` text NOT NULL,
	`attribute_value` text NOT NULL,
	PRIMARY KEY(`person_id`, `name`),
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade
);
