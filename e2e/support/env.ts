// Ports are overridable so that two checkouts can run their e2e suites side by side.
export const APP_PORT = Number(process.env.E2E_APP_PORT || 3210);
export const OIDC_PORT = Number(process.env.E2E_OIDC_PORT || 4020);
export const FAKE_OPENAI_PORT = Number(process.env.E2E_FAKE_OPENAI_PORT || 4010);
// `localhost`, not 127.0.0.1: Next.js rewrites loopback addresses to localhost in request URLs,
// and OAuth redirect URIs must match exactly.
export const APP_URL = `http://localhost:${APP_PORT}`;
export const FAKE_OPENAI_URL = `http://127.0.0.1:${FAKE_OPENAI_PORT}`;
// The e2e app's DATA_DIR (PGlite files, generated secrets, server.log); wiped when the suite starts.
export const E2E_DATA_DIR = `.data-e2e-${APP_PORT}`;
// keys-canary.spec.ts writes its markers here; keys-leak.after-all.spec.ts scans for them.
export const CANARY_FILE = `${E2E_DATA_DIR}/canary-markers.jsonl`;
// preview-deploys.spec.ts: a "preview" and a "stable" instance, each on its own host name (Chromium
// resolves *.localhost to loopback), so that their cookies stay apart as on two real domains.
export const PREVIEW_PORT = APP_PORT + 1;
export const STABLE_PORT = APP_PORT + 2;
export const PREVIEW_URL = `http://preview.localhost:${PREVIEW_PORT}`;
export const STABLE_URL = `http://stable.localhost:${STABLE_PORT}`;
