ALTER TABLE `organizations` ADD `demo` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `outbox` ADD `replaces` text;--> statement-breakpoint
ALTER TABLE `drafts` ADD `step` text;--> statement-breakpoint
ALTER TABLE `drafts` ADD `shown_at` integer;