import "server-only";
import { AppError, badRequest } from "@/lib/errors";
import { refuseNul } from "./guard";

export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;

const tooLarge = (limit: number) => new AppError("payload_too_large", `Request body is larger than ${Math.round(limit / 1024)} KiB.`);

/** Reads the body as text, refusing it as soon as it passes the limit (whatever Content-Length claims). */
export async function readCappedText(req: Request, limit: number): Promise<string> {
  const declared = Number(req.headers.get("content-length") ?? 0);
  if (declared > limit) throw tooLarge(limit);
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

export async function readJsonBody(req: Request, limit: number): Promise<unknown> {
  return parseJsonText(await readCappedText(req, limit));
}

/** JSON text as the routes take it: empty is {}, not JSON is a 400, a NUL character anywhere is a 400. */
export function parseJsonText(text: string): unknown {
  if (text.trim() === "") return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw badRequest("Request body is not valid JSON.");
  }
  // JSON can carry NUL only as the escape \u0000, so most bodies skip the walk.
  if (text.includes("\\u0000")) refuseNul(parsed, "body");
  return parsed;
}
