import { z } from "zod";

// Schemas of the privacy and trace routes (plain module: the fuzz suite imports them).

export const MAX_TRACE_DAYS = 90;

export const privacySettingsBody = z
  .object({
    workspaceId: z.string().optional(),
    privacy: z.boolean({ error: "privacy must be true or false." }),
    trace: z.boolean({ error: "trace must be true or false." }),
    traceDays: z
      .number({ error: "traceDays must be a whole number of days." })
      .int("traceDays must be a whole number of days.")
      .min(1, "Keep traces at least 1 day.")
      .max(MAX_TRACE_DAYS, `Keep traces at most ${MAX_TRACE_DAYS} days.`),
  })
  .refine((s) => !(s.privacy && s.trace), {
    path: ["trace"],
    message: "Privacy mode stores no call events, so it cannot be on together with the trace.",
  });
export type PrivacySettingsBody = z.infer<typeof privacySettingsBody>;

export const traceParams = z.object({ callId: z.string().regex(/^[\w-]{1,100}$/, "Not a call id.") });
