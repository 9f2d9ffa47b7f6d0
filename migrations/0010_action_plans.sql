CREATE TABLE `action_plans` (
	`id` text PRIMARY KEY NOT NULL,
	`round_id` text NOT NULL,
	`unit_id` text NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `action_plans_round_unit` ON `action_plans` (`round_id`,`unit_id`);--> statement-breakpoint
CREATE TABLE `measure_updates` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`measure_id` text NOT NULL,
	`status` text NOT NULL,
	`by_person_id` text,
	`at` integer NOT NULL,
	FOREIGN KEY (`measure_id`) REFERENCES `measures`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`by_person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `measure_updates_measure` ON `measure_updates` (`measure_id`);--> statement-breakpoint
CREATE TABLE `measures` (
	`id` text PRIMARY KEY NOT NULL,
	`plan_id` text NOT NULL,
	`factor_id` text,
	`text` text NOT NULL,
	`responsible_id` text,
	`deadline` integer NOT NULL,
	`status` text DEFAULT 'not_started' NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`plan_id`) REFERENCES `action_plans`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`responsible_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `measures_plan` ON `measures` (`plan_id`);--> statement-breakpoint
CREATE INDEX `measures_responsible` ON `measures` (`responsible_id`);--> statement-breakpoint
CREATE TABLE `plan_focus_areas` (
	`plan_id` text NOT NULL,
	`factor_id` text NOT NULL,
	`kind` text NOT NULL,
	PRIMARY KEY(`plan_id`, `factor_id`),
	FOREIGN KEY (`plan_id`) REFERENCES `action_plans`(`id`) ON UPDATE no action ON DELETE cascade
);
