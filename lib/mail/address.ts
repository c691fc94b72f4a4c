import { z } from "zod";

/** An email address as typed: trimmed and lower-cased, so one person is one address everywhere. */
export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: "Enter a valid email address." }));
