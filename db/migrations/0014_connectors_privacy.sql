CREATE TABLE "call_traces" (
	"call_id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"event_count" integer NOT NULL,
	"events" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mcp_servers" (
	"id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"label" text NOT NULL,
	"url" text NOT NULL,
	"description" text,
	"allowed_tools" text[] DEFAULT '{}'::text[] NOT NULL,
	"approval" text DEFAULT 'always' NOT NULL,
	"approval_tools" text[] DEFAULT '{}'::text[] NOT NULL,
	"authorization_ciphertext" text,
	"authorization_hint" text,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "workspace_privacy" (
	"workspace_id" text PRIMARY KEY NOT NULL,
	"privacy" boolean DEFAULT false NOT NULL,
	"trace" boolean DEFAULT false NOT NULL,
	"trace_days" integer DEFAULT 7 NOT NULL,
	"updated_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "call_traces" ADD CONSTRAINT "call_traces_call_id_realtime_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."realtime_calls"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_traces" ADD CONSTRAINT "call_traces_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mcp_servers" ADD CONSTRAINT "mcp_servers_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mcp_servers" ADD CONSTRAINT "mcp_servers_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workspace_privacy" ADD CONSTRAINT "workspace_privacy_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workspace_privacy" ADD CONSTRAINT "workspace_privacy_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "call_traces_workspace_created_idx" ON "call_traces" USING btree ("workspace_id","created_at");--> statement-breakpoint
CREATE INDEX "call_traces_expires_idx" ON "call_traces" USING btree ("expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "mcp_servers_workspace_label_idx" ON "mcp_servers" USING btree ("workspace_id","label");