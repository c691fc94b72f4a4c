import { parseJsonText, readCappedText } from "@/lib/http/body";
import { route } from "@/lib/http/route";
import { webhookParams } from "@/lib/telephony/schemas";
import { receiveTelephonyWebhook, WEBHOOK_MAX_BODY_BYTES } from "@/lib/telephony/webhook";

// An accepted call is watched over the sideband after the answer (through `after`), as the relay's.
export const maxDuration = 300;

/**
 * OpenAI's `realtime.call.incoming` webhook for one workspace (Settings → Telephony shows this
 * URL). Public: the Standard Webhooks signature with the workspace's secret is the credential.
 * 401 bad or stale signature, 404 no telephony here, 200 once acted on (or already acted on).
 */
export const POST = route({ name: "telephony_webhook", auth: "public", params: webhookParams }, async ({ req, params }) => {
  // The signature covers the exact bytes, so they are kept as read; JSON that is not, or holds a
  // NUL character, is refused (400) before anything else.
  const rawBody = await readCappedText(req, WEBHOOK_MAX_BODY_BYTES);
  parseJsonText(rawBody);
  return receiveTelephonyWebhook({ workspaceId: params.workspaceId, rawBody, headers: req.headers });
});
