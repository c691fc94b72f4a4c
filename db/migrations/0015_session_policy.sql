ALTER TABLE "llm_keys" ADD COLUMN "openai_project" text;--> statement-breakpoint
ALTER TABLE "llm_keys" ADD COLUMN "openai_organization" text;--> statement-breakpoint
ALTER TABLE "realtime_settings" ADD COLUMN "session_options" jsonb DEFAULT '{}'::jsonb NOT NULL;