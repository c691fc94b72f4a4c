import { route } from "@/lib/http/route";
import { callParams, referBody } from "@/lib/telephony/schemas";
import { getTelephonySettings } from "@/lib/telephony/settings";
import { transferPhoneCall } from "@/lib/telephony/calls";

/** An admin transfers a live phone call (SIP REFER) to `target`, or to the policy's transfer target. */
export const POST = route(
  { name: "telephony_refer", auth: "admin", tokens: ["calls:manage"], params: callParams, body: referBody },
  async ({ access, params, body }) =>
    transferPhoneCall({
      workspaceId: access.workspaceId,
      callId: params.callId,
      target: body.target,
      defaultTarget: (await getTelephonySettings(access.workspaceId)).referTarget,
    }),
);
