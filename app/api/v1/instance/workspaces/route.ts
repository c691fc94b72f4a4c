import { route } from "@/lib/http/route";
import { authenticateInstanceOwner } from "@/lib/instance/owner";
import { fallbackAllowanceBody } from "@/lib/instance/schemas";
import { listInstanceWorkspaces, setFallbackAllowance } from "@/lib/instance/workspaces";

// Instance owner only; anyone else signed in gets 404, as for a route that does not exist.

/** Every workspace and whether it may spend the server's fallback keys. */
export const GET = route({ name: "instance_workspaces", auth: "user", authenticate: authenticateInstanceOwner }, async () =>
  listInstanceWorkspaces(),
);

/** `{workspaceId, fallbackKeysAllowed}`: allows or withdraws one workspace's use of the server's keys. */
export const PATCH = route(
  { name: "instance_workspaces", auth: "user", authenticate: authenticateInstanceOwner, body: fallbackAllowanceBody },
  async ({ principal, body }) => ({
    workspace: await setFallbackAllowance({
      actorUserId: principal.userId,
      workspaceId: body.workspaceId,
      allowed: body.fallbackKeysAllowed,
    }),
  }),
);
