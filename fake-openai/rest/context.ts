import type { IncomingMessage, ServerResponse } from "node:http";
import type { FakeState, IssuedSecret } from "../state";

export interface RouteContext {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  body: Buffer;
  state: FakeState;
  secret?: IssuedSecret;
  /** Captures of the route pattern. */
  params: string[];
  /** A `drip:<ms>` fault: the gap between a streamed answer's deltas. */
  streamStepMs?: number;
}
