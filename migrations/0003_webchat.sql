CREATE TABLE `webchat_messages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`person_id` text NOT NULL,
	`message` text NOT NULL,
	`outbox_key` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `webchat_person` ON `webchat_messages` (`person_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `webchat_outbox_key` ON `webchat_messages` (`outbox_key`);