import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/** Points the app's embedded database and secrets at a fresh temp dir; call before importing "@/lib/database". */
export function freshDataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "opencto-test-"));
  process.env.DATA_DIR = dir;
  delete process.env.DATABASE_URL;
  return dir;
}
