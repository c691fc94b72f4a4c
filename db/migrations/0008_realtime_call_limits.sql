ALTER TABLE "realtime_calls" ADD COLUMN "deadline_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "realtime_calls" ADD COLUMN "end_reason" text;--> statement-breakpoint
ALTER TABLE "realtime_settings" ADD COLUMN "max_call_seconds" integer DEFAULT 600 NOT NULL;--> statement-breakpoint
CREATE INDEX "realtime_calls_open_deadline_idx" ON "realtime_calls" USING btree ("deadline_at") WHERE "realtime_calls"."ended_at" is null;