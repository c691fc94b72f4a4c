import "server-only";
import { McpCallAuditor } from "@/lib/connectors/call-audit";
import { readPrivacySettings } from "@/lib/privacy/privacy";
import { saveTrace, TraceRecorder } from "@/lib/privacy/trace";
import type { SidebandObserver } from "./sideband";

/**
 * What watches a relayed call besides usage and policy: the audit of its remote MCP tool calls,
 * and its trace when the workspace keeps one (never in privacy mode: then no event text is kept).
 */
export async function callObservers({
  callId,
  workspaceId,
  callerUserId,
}: {
  callId: string;
  workspaceId: string;
  callerUserId: string | null;
}): Promise<SidebandObserver[]> {
  const auditor = new McpCallAuditor({ workspaceId, callerUserId });
  const observers: SidebandObserver[] = [{ event: (event) => auditor.event(event) }];
  const { privacy, trace, traceDays } = await readPrivacySettings({ workspaceId });
  if (trace && !privacy) {
    const recorder = new TraceRecorder();
    observers.push({
      event: (event) => {
        recorder.add(event);
        return undefined;
      },
      closed: () => saveTrace({ callId, workspaceId, recorder, days: traceDays }),
    });
  }
  return observers;
}
