import { z } from "zod";

/** `PATCH /api/v1/instance/workspaces`: allow or withdraw one workspace's use of the server's keys. */
export const fallbackAllowanceBody = z.object({
  workspaceId: z.string().trim().min(1).max(100),
  fallbackKeysAllowed: z.boolean(),
});
