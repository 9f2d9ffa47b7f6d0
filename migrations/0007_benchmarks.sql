CREATE TABLE `benchmarks` (
	`instrument_id` text NOT NULL,
	`factor_id` text NOT NULL,
	`value` real NOT NULL,
	`label` text NOT NULL,
	PRIMARY KEY(`instrument_id`, `factor_id`, `label`)
);
