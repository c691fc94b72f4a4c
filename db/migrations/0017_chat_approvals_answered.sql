CREATE TABLE "chat_approvals_answered" (
	"workspace_id" text NOT NULL,
	"request_id" text NOT NULL,
	"answered_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "chat_approvals_answered_workspace_id_request_id_pk" PRIMARY KEY("workspace_id","request_id")
);
--> statement-breakpoint
ALTER TABLE "chat_approvals_answered" ADD CONSTRAINT "chat_approvals_answered_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "chat_approvals_answered_at_idx" ON "chat_approvals_answered" USING btree ("answered_at");