CREATE TABLE `response_factors` (
	`id` integer PRIMARY KEY NOT NULL,
	`response_id` integer NOT NULL,
	`factor_id` text NOT NULL,
	`mean` real NOT NULL,
	FOREIGN KEY (`response_id`) REFERENCES `responses`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `response_factors_response_factor` ON `response_factors` (`response_id`,`factor_id`);