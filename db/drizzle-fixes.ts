// Two fixes to drizzle-orm 0.45.4 for a database that comes and goes, applied once on import.
// db/drizzle-fixes.test.ts pins the version, so an upgrade makes us look again.
//
// 1. Its node-postgres and Neon `transaction()` run BEGIN before their try/finally: a failed BEGIN
//    never returns its connection, and after `max` such failures the pool is exhausted for good.
//    Ours returns the connection on every path, and destroys it when its state is unknown (a failed
//    BEGIN, COMMIT or ROLLBACK, or a lost connection).
// 2. Its query errors print every parameter ("Failed query: … params: <password hash>") and keep
//    the driver's error, whose `detail` can hold a whole row. Ours keep the SQL text (placeholders
//    only) and the driver error's code and message.
import { Pool as NeonPool } from "@neondatabase/serverless";
import { sql } from "drizzle-orm";
import { NeonSession, NeonTransaction } from "drizzle-orm/neon-serverless/session";
import { NodePgSession, NodePgTransaction } from "drizzle-orm/node-postgres/session";
import { PgPreparedQuery, type PgSession, type PgTransactionConfig } from "drizzle-orm/pg-core";
import pg from "pg";
import { isDatabaseUnreachable } from "./reachability";

// The driver fields a query error may keep: what failed, never the data it failed on.
const KEPT_FIELDS = ["code", "errno", "syscall", "severity", "constraint", "table", "column", "schema", "routine"] as const;

/** A copy of a driver error with its code and message only (no `detail`, `where`, `parameters`). */
function withoutData(cause: unknown): unknown {
  if (!(cause instanceof Error)) return cause;
  const clean = new Error(cause.message);
  clean.name = cause.name;
  clean.stack = cause.stack;
  for (const field of KEPT_FIELDS) if (field in cause) Object.assign(clean, { [field]: (cause as never)[field] });
  return clean;
}

type QueryError = Error & { query?: string; params?: unknown[]; cause?: unknown };

function scrub(error: unknown): unknown {
  const failed = error as QueryError;
  if (!(error instanceof Error) || typeof failed.query !== "string") return error;
  const message = `Failed query: ${failed.query}`;
  failed.stack = failed.stack?.replace(failed.message, message);
  failed.message = message;
  failed.params = [];
  failed.cause = withoutData(failed.cause);
  return failed;
}

type QueryWithCache = (queryString: string, params: unknown[], query: () => Promise<unknown>) => Promise<unknown>;
const prepared = PgPreparedQuery.prototype as unknown as { queryWithCache: QueryWithCache; __scrubbed?: true };
if (!prepared.__scrubbed) {
  const original = prepared.queryWithCache;
  prepared.queryWithCache = async function (this: unknown, ...args: Parameters<QueryWithCache>) {
    try {
      return await original.apply(this, args);
    } catch (error) {
      throw scrub(error);
    }
  };
  prepared.__scrubbed = true;
}

interface PoolClient {
  release(destroy?: Error | boolean): void;
  on(event: "error", listener: (error: Error) => void): unknown;
  off(event: "error", listener: (error: Error) => void): unknown;
}
interface SessionInternals {
  client: { connect(): Promise<PoolClient> };
  dialect: unknown;
  schema: unknown;
  options: unknown;
}
type TransactionFn = (tx: {
  execute(query: unknown): Promise<unknown>;
  getTransactionConfigSQL(config: PgTransactionConfig): unknown;
}) => Promise<unknown>;
type SessionClass = new (client: unknown, dialect: unknown, schema: unknown, options: unknown) => PgSession;
type TransactionClass = new (dialect: unknown, session: unknown, schema: unknown) => Parameters<TransactionFn>[0];

function releasingTransaction(Session: SessionClass, Transaction: TransactionClass, isPool: (client: unknown) => boolean) {
  const original = Session.prototype.transaction as (this: unknown, fn: TransactionFn, config?: PgTransactionConfig) => Promise<unknown>;
  return async function transaction(this: SessionInternals, fn: TransactionFn, config?: PgTransactionConfig) {
    // A database made on one client rather than a pool: whoever made it manages that client.
    if (!isPool(this.client)) return original.call(this, fn, config);
    const client = await this.client.connect();
    const tx = new Transaction(this.dialect, new Session(client, this.dialect, this.schema, this.options), this.schema);
    let broken: Error | undefined;
    // A checked-out client whose connection drops emits "error"; unheard, it would end the process.
    const onLost = (error: Error) => {
      broken = error;
    };
    client.on("error", onLost);
    const run = (query: unknown) =>
      tx.execute(query).catch((error: unknown) => {
        broken = error instanceof Error ? error : new Error(String(error));
        throw error;
      });
    try {
      await run(sql`begin${config ? sql` ${tx.getTransactionConfigSQL(config)}` : undefined}`);
      let result: unknown;
      try {
        result = await fn(tx);
      } catch (error) {
        // A lost connection cannot roll back (the server does when it notices); waiting for it would only add a timeout.
        if (isDatabaseUnreachable(error)) broken = error as Error;
        else await run(sql`rollback`).catch(() => undefined);
        throw error;
      }
      await run(sql`commit`);
      return result;
    } finally {
      client.off("error", onLost);
      client.release(broken);
    }
  };
}

// As drizzle decides it: a second copy of pg (a bundler's) is still a pool.
const isPgPool = (client: unknown) => client instanceof pg.Pool || Object.getPrototypeOf(client).constructor.name.includes("Pool");
const sessions = [
  [NodePgSession, NodePgTransaction, isPgPool],
  [NeonSession, NeonTransaction, (client: unknown) => client instanceof NeonPool],
] as const;
for (const [Session, Transaction, isPool] of sessions) {
  const prototype = Session.prototype as unknown as { transaction: unknown; __releasing?: true };
  if (prototype.__releasing) continue;
  prototype.transaction = releasingTransaction(Session as unknown as SessionClass, Transaction as unknown as TransactionClass, isPool);
  prototype.__releasing = true;
}
