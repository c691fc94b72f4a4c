import { z } from "zod";
import { TELEPHONY_ACTIONS } from "@/db/enums";
import { E164_PREFIX } from "./numbers";

// Schemas of the telephony routes (plain module: the fuzz suite imports them).

const prefixList = (name: string) =>
  z
    .array(z.string().trim().regex(E164_PREFIX, `${name}: each entry is an E.164 prefix such as +1415 (a "+" and 1 to 15 digits).`))
    .max(200, `${name}: at most 200 prefixes.`)
    .transform((list) => [...new Set(list)]);

/** A refer destination: an E.164 number, or a tel:/sip: URI. */
export const referTargetSchema = z
  .string()
  .trim()
  .max(256, "The transfer target is too long.")
  .regex(/^(\+\d{3,15}|tel:\+\d{3,15}|sips?:[^\s<>"]+@[^\s<>"]+)$/i, "Use a number such as +14155550123, or a tel: or sip: URI.");

export const telephonySettingsBody = z
  .object({
    workspaceId: z.string().optional(),
    /** The signing secret from OpenAI's webhook settings; omitted: the saved one stays. */
    secret: z
      .string()
      .trim()
      .max(200, "The signing secret is too long.")
      .regex(
        /^whsec_(?:[A-Za-z0-9+/]{4}){4,}(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/,
        "Paste the webhook signing secret exactly as OpenAI shows it (whsec_…).",
      )
      .optional(),
    defaultAction: z.enum(TELEPHONY_ACTIONS, { error: "defaultAction must be accept, reject or refer." }),
    allowPrefixes: prefixList("allowPrefixes"),
    denyPrefixes: prefixList("denyPrefixes"),
    referTarget: referTargetSchema.nullable().default(null),
    rejectStatus: z
      .number()
      .int()
      .min(400, "A SIP rejection status is 400 to 699.")
      .max(699, "A SIP rejection status is 400 to 699.")
      .default(603),
  })
  .refine((s) => s.defaultAction !== "refer" || s.referTarget !== null, {
    path: ["referTarget"],
    message: "Transferring every call needs a transfer target.",
  });
export type TelephonySettingsBody = z.infer<typeof telephonySettingsBody>;

export const webhookParams = z.object({ workspaceId: z.string().trim().min(1).max(100) });

export const callParams = z.object({ callId: z.string().regex(/^[\w-]{1,100}$/, "Not a call id.") });

export const referBody = z.object({ workspaceId: z.string().optional(), target: referTargetSchema.optional() });

/** A webhook event of OpenAI's (any type; only realtime.call.incoming is acted on). */
export const webhookEventSchema = z.object({
  id: z.string().max(200),
  type: z.string().max(200),
  created_at: z.number().optional(),
  data: z.unknown().optional(),
});

/** The data of realtime.call.incoming (WebhookRealtimeCallIncoming in OpenAI's spec). */
export const incomingCallDataSchema = z.object({
  call_id: z.string().regex(/^[\w-]{1,100}$/),
  sip_headers: z.array(z.object({ name: z.string().max(200), value: z.string().max(2000) })).max(200),
});
