import "server-only";
import path from "node:path";

/** Where embedded mode keeps its database and generated secrets (`DATA_DIR`, default `.data`). */
export function dataDir(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.env.DATA_DIR || ".data");
}

export function isEmbeddedMode(): boolean {
  return !process.env.DATABASE_URL;
}
