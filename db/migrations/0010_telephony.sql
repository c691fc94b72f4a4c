CREATE TABLE "telephony_settings" (
	"workspace_id" text PRIMARY KEY NOT NULL,
	"secret_ciphertext" text,
	"secret_hint" text,
	"default_action" text DEFAULT 'accept' NOT NULL,
	"allow_prefixes" text[] DEFAULT '{}'::text[] NOT NULL,
	"deny_prefixes" text[] DEFAULT '{}'::text[] NOT NULL,
	"refer_target" text,
	"reject_status" integer DEFAULT 603 NOT NULL,
	"updated_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "telephony_webhook_ids" (
	"workspace_id" text NOT NULL,
	"webhook_id" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "telephony_webhook_ids_workspace_id_webhook_id_pk" PRIMARY KEY("workspace_id","webhook_id")
);
--> statement-breakpoint
ALTER TABLE "realtime_calls" ALTER COLUMN "user_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "realtime_calls" ADD COLUMN "channel" text DEFAULT 'browser' NOT NULL;--> statement-breakpoint
ALTER TABLE "realtime_calls" ADD COLUMN "from_masked" text;--> statement-breakpoint
ALTER TABLE "realtime_calls" ADD COLUMN "to_masked" text;--> statement-breakpoint
ALTER TABLE "telephony_settings" ADD CONSTRAINT "telephony_settings_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "telephony_settings" ADD CONSTRAINT "telephony_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "telephony_webhook_ids" ADD CONSTRAINT "telephony_webhook_ids_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "telephony_webhook_ids_expires_idx" ON "telephony_webhook_ids" USING btree ("expires_at");