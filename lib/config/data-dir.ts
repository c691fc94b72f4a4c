import "server-only";
import path from "node:path";
import { env } from "./env";

/** Where embedded mode keeps its database and generated secrets (`DATA_DIR`, default `.data`). */
export function dataDir(): string {
  return path.resolve(/*turbopackIgnore: true*/ env().DATA_DIR);
}
