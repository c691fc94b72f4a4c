import type { FaultRule } from "./faults";
import type { RealtimeSessionConfig } from "./realtime/session-config";
import type { SipCallRecord } from "./realtime/sip-carrier";
import type { LoggedRequest } from "./request-log";
import { DEFAULT_DATASET, type UsageDataset } from "./usage-data";

export interface IssuedSecret {
  value: string;
  createdAt: number;
  expiresAt: number;
  sessionId: string;
  session: RealtimeSessionConfig;
}

/** What a live WebRTC call exposes to REST handlers and the sideband WebSocket. */
export interface LiveCall {
  id: string;
  hangup(): void;
  attachSideband(send: (event: object) => void, onClose: () => void): (raw: string) => void;
  accept(session: Record<string, unknown>): void;
  /** SIP calls: reject/refer/hangup each end the call their own way (WebRTC calls just hang up). */
  control?(action: "hangup" | "reject" | "refer", body: Record<string, unknown>): void;
}

/** A client event a live call received on its data channel (types only: no audio, no text). */
export interface ClientEventRecord {
  time: string;
  callId: string;
  type: string;
}

const MAX_CLIENT_EVENTS = 2000;

export interface FakeStateOptions {
  seed: number;
  revokedKeys: string[];
  transcript: string;
  staticDir?: string;
  /** The organisation the usage endpoints describe (default: 4 models, 2 projects with usage). */
  usage?: UsageDataset;
}

const MAX_STORED_RESPONSES = 500;

export class FakeState {
  readonly seed: number;
  readonly staticDir: string | undefined;
  readonly usage: UsageDataset;
  readonly initialRevoked: string[];
  readonly initialTranscript: string;
  revokedKeys: Set<string>;
  transcript: string;
  issued = new Map<string, IssuedSecret>();
  calls = new Map<string, LiveCall>();
  /** Every SIP call placed through /_fake/sip/incoming, with what happened to it. */
  sipCalls = new Map<string, SipCallRecord>();
  requests: LoggedRequest[] = [];
  /** Client events of WebRTC calls, oldest first (GET /_fake/events?call=rtc_…). */
  clientEvents: ClientEventRecord[] = [];
  faults: FaultRule[] = [];
  /** Stored Responses (`previous_response_id`): each one's input and output items, the latest few hundred. */
  responses = new Map<string, unknown[]>();

  constructor(opts: FakeStateOptions) {
    this.seed = opts.seed;
    this.usage = opts.usage ?? DEFAULT_DATASET;
    this.staticDir = opts.staticDir;
    this.initialRevoked = opts.revokedKeys;
    this.initialTranscript = opts.transcript;
    this.revokedKeys = new Set(opts.revokedKeys);
    this.transcript = opts.transcript;
  }

  storeResponse(id: string, items: unknown[]) {
    this.responses.set(id, items);
    const oldest = this.responses.keys().next().value;
    if (this.responses.size > MAX_STORED_RESPONSES && oldest !== undefined) this.responses.delete(oldest);
  }

  logClientEvent(callId: string, raw: string) {
    let type = "<invalid json>";
    try {
      type = String((JSON.parse(raw) as { type?: unknown }).type);
    } catch {}
    this.clientEvents.push({ time: new Date().toISOString(), callId, type });
    if (this.clientEvents.length > MAX_CLIENT_EVENTS) this.clientEvents.splice(0, this.clientEvents.length - MAX_CLIENT_EVENTS);
  }

  reset() {
    for (const call of this.calls.values()) call.hangup();
    this.calls.clear();
    this.sipCalls.clear();
    this.issued.clear();
    this.requests = [];
    this.clientEvents = [];
    this.faults = [];
    this.responses.clear();
    this.revokedKeys = new Set(this.initialRevoked);
    this.transcript = this.initialTranscript;
  }
}
