import { route } from "@/lib/http/route";
import { traceDownload } from "@/lib/privacy/trace-download";
import { traceParams } from "@/lib/privacy/schemas";

/** One call's trace as a JSON file (secrets already redacted when it was recorded); the download is audited. */
export const GET = route({ name: "realtime_trace", auth: "admin", params: traceParams }, async ({ access, principal, params }) =>
  traceDownload({ workspaceId: access.workspaceId, userId: principal.userId, callId: params.callId }),
);
