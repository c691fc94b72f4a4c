CREATE TABLE "rate_limit_windows" (
	"key" text NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"count" integer NOT NULL,
	CONSTRAINT "rate_limit_windows_key_window_start_pk" PRIMARY KEY("key","window_start")
);
--> statement-breakpoint
CREATE TABLE "route_metrics" (
	"minute" timestamp with time zone NOT NULL,
	"route" text NOT NULL,
	"workspace_id" text NOT NULL,
	"status_class" text NOT NULL,
	"count" integer NOT NULL,
	"latency_sum_ms" double precision NOT NULL,
	"latency_buckets" integer[] NOT NULL,
	CONSTRAINT "route_metrics_minute_route_workspace_id_status_class_pk" PRIMARY KEY("minute","route","workspace_id","status_class")
);
--> statement-breakpoint
CREATE INDEX "route_metrics_workspace_minute_idx" ON "route_metrics" USING btree ("workspace_id","minute");