import Link from "next/link";
import type { VoiceError } from "./engine/errors";

const TITLES: Record<VoiceError["kind"], string> = {
  microphone: "Microphone unavailable",
  no_key: "No OpenAI key configured",
  key_rejected: "OpenAI refused the key",
  client_secrets_disabled: "WebSocket mode is off for this workspace",
  rate_limited: "Too many sessions right now",
  upstream: "OpenAI is not answering",
  connection: "Connection lost",
  other: "Could not start the assistant",
};

export function VoiceErrorAlert({ error, onRetry, canManageKeys }: { error: VoiceError; onRetry(): void; canManageKeys: boolean }) {
  return (
    <div role="alert" className="alert-error flex flex-wrap items-start justify-between gap-3" data-kind={error.kind}>
      <div>
        <p className="font-semibold">{TITLES[error.kind]}</p>
        <p>
          {error.message}
          {error.kind === "rate_limited" && error.retryAfterSeconds ? ` Wait ${error.retryAfterSeconds} s.` : ""}
        </p>
        {(error.kind === "no_key" || error.kind === "key_rejected") && canManageKeys && (
          <Link href="/settings/keys" className="underline">
            Open Settings → API keys
          </Link>
        )}
      </div>
      {error.kind !== "no_key" && error.kind !== "client_secrets_disabled" && (
        <button type="button" className="btn-secondary shrink-0" onClick={onRetry}>
          {error.kind === "connection" ? "Reconnect" : "Try again"}
        </button>
      )}
    </div>
  );
}
