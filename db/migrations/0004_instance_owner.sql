ALTER TABLE "users" ADD COLUMN "is_instance_owner" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "workspaces" ADD COLUMN "fallback_keys_allowed" boolean DEFAULT false NOT NULL;--> statement-breakpoint
-- An instance that existed before: its first account owns it and its first workspace keeps the fallback keys.
UPDATE "users" SET "is_instance_owner" = true WHERE "id" = (SELECT "id" FROM "users" ORDER BY "created_at", "id" LIMIT 1);--> statement-breakpoint
UPDATE "workspaces" SET "fallback_keys_allowed" = true WHERE "id" = (SELECT "id" FROM "workspaces" ORDER BY "created_at", "id" LIMIT 1);
