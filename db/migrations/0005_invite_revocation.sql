ALTER TABLE "invites" ADD COLUMN "revoked_at" timestamp with time zone;--> statement-breakpoint
-- Data backfill: an email invited twice keeps only its newest open invite; older ones count as revoked.
UPDATE "invites" SET "revoked_at" = now() WHERE "id" IN (SELECT "id" FROM (SELECT "id", row_number() OVER (PARTITION BY "workspace_id", "email" ORDER BY "created_at" DESC, "id" DESC) AS "n" FROM "invites" WHERE "accepted_at" IS NULL) AS "open" WHERE "n" > 1);--> statement-breakpoint
CREATE UNIQUE INDEX "invites_open_email_idx" ON "invites" USING btree ("workspace_id","email") WHERE "invites"."accepted_at" is null and "invites"."revoked_at" is null;--> statement-breakpoint
CREATE INDEX "invites_email_idx" ON "invites" USING btree ("email");