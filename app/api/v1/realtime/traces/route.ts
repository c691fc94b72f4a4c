import { route } from "@/lib/http/route";
import { listTraces } from "@/lib/privacy/trace";

/** The workspace's kept call traces (not yet expired), newest first. */
export const GET = route({ name: "realtime_traces", auth: "admin" }, async ({ access }) => ({
  workspaceId: access.workspaceId,
  traces: await listTraces({ workspaceId: access.workspaceId }),
}));
