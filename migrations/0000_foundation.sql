CREATE TABLE `instruments` (
	`id` text NOT NULL,
	`version` integer NOT NULL,
	`source` text NOT NULL,
	`definition` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`id`, `version`)
);
--> statement-breakpoint
CREATE TABLE `organizations` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`default_locale` text DEFAULT 'nb' NOT NULL,
	`default_timezone` text DEFAULT 'Europe/Oslo' NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `people` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`unit_id` text NOT NULL,
	`slack_user_id` text,
	`teams_aad_object_id` text,
	`locale` text,
	`timezone` text,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `people_org_email` ON `people` (`org_id`,`email`);--> statement-breakpoint
CREATE UNIQUE INDEX `people_slack` ON `people` (`slack_user_id`) WHERE "people"."slack_user_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX `people_teams` ON `people` (`teams_aad_object_id`) WHERE "people"."teams_aad_object_id" is not null;--> statement-breakpoint
CREATE INDEX `people_unit` ON `people` (`unit_id`);--> statement-breakpoint
CREATE TABLE `person_roles` (
	`person_id` text NOT NULL,
	`role` text NOT NULL,
	PRIMARY KEY(`person_id`, `role`),
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `unit_leaders` (
	`unit_id` text NOT NULL,
	`person_id` text NOT NULL,
	PRIMARY KEY(`unit_id`, `person_id`),
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `unit_leaders_person` ON `unit_leaders` (`person_id`);--> statement-breakpoint
CREATE TABLE `units` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`parent_id` text,
	`name` text NOT NULL,
	`path` text NOT NULL,
	`depth` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`parent_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `units_org_path` ON `units` (`org_id`,`path`);--> statement-breakpoint
CREATE INDEX `units_parent` ON `units` (`parent_id`);