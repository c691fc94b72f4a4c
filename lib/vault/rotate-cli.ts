// `npm run vault:rotate`: re-encrypts every stored key under the newest ENCRYPTION_KEYS entry.
// Safe while the app serves (Postgres) and safe to interrupt and re-run. In embedded mode stop the
// app first: PGlite allows one process at a time.
import "@/lib/config/load-env-files";
import { getDatabaseHandle } from "@/lib/database";
import { getKeyring } from "./keyring";
import { rotateAllKeys } from "./rotate";

const keyring = getKeyring();
console.log(`[vault:rotate] re-encrypting stored keys under "${keyring.current.version}"…`);
const handle = await getDatabaseHandle();
try {
  const report = await rotateAllKeys({
    onBatch: (p) => console.log(`[vault:rotate] progress: rotated ${p.rotated}, skipped ${p.skipped}, failed ${p.failed}`),
  });
  console.log(
    `[vault:rotate] done: rotated ${report.rotated}, skipped ${report.skipped} (changed concurrently), failed ${report.failed} (undecryptable)`,
  );
  if (report.failed > 0) {
    console.error("[vault:rotate] some keys could not be decrypted with any configured key; an admin must save them again.");
    process.exitCode = 1;
  }
} finally {
  await handle.close();
}
