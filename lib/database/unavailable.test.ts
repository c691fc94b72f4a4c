import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { DatabaseOpenError, databaseUnavailable, describeFailure } from "./unavailable";

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });
// drizzle's query error after db/drizzle-fixes.ts: the SQL text, no parameters, the driver error as cause.
const queryError = (cause: unknown) =>
  Object.assign(new Error('Failed query: select 1 from "users" where id = $1'), {
    query: 'select 1 from "users" where id = $1',
    params: [],
    cause,
  });

describe("databaseUnavailable", () => {
  it.each([
    ["refused", queryError(withCode("connect ECONNREFUSED 127.0.0.1:5432", "ECONNREFUSED"))],
    [
      "refused on every address",
      queryError(Object.assign(new AggregateError([withCode("connect ECONNREFUSED ::1:5432", "ECONNREFUSED")]), {})),
    ],
    ["stalled (client read timeout)", queryError(new Error("Query read timeout"))],
    ["no connection in time", queryError(new Error("timeout exceeded when trying to connect"))],
    ["cut", queryError(new Error("Connection terminated unexpectedly"))],
    ["statement timeout", queryError(withCode("canceling statement due to statement timeout", "57014"))],
    ["server shutting down", queryError(withCode("terminating connection due to administrator command", "57P01"))],
    ["too many connections", queryError(withCode("sorry, too many clients already", "53300"))],
    // Auth.js wraps what a callback threw (the session check in its jwt callback) as { err }.
    [
      "refused inside an Auth.js callback",
      Object.assign(new Error("JWTSessionError"), {
        cause: { err: queryError(withCode("connect ECONNREFUSED 127.0.0.1:5432", "ECONNREFUSED")) },
      }),
    ],
    ["not opening (embedded, read-only disk)", new DatabaseOpenError(withCode("EROFS: read-only file system, mkdir '.data'", "EROFS"))],
  ])("maps %s to 503 database_unavailable with Retry-After", (_, error) => {
    const mapped = databaseUnavailable(error);
    expect(mapped).toMatchObject({ code: "database_unavailable", status: 503, headers: { "retry-after": "2" } });
  });

  it.each([
    ["a unique violation", queryError(withCode("duplicate key value violates unique constraint", "23505"))],
    ["a syntax error", queryError(withCode("syntax error at or near", "42601"))],
    ["a bug", new TypeError("x is undefined")],
    ["an app error", new AppError("not_found", "No such key.")],
  ])("leaves %s alone", (_, error) => {
    expect(databaseUnavailable(error)).toBeNull();
  });

  it("describes a failure by SQL text, message and code: no parameters, no row data", () => {
    const cause = Object.assign(withCode("null value in column violates not-null constraint", "23502"), {
      detail: "Failing row contains ($argon2id$…)",
    });
    const described = JSON.stringify(describeFailure(Object.assign(queryError(cause), { params: ["$argon2id$secret"] })));
    expect(described).toContain('Failed query: select 1 from \\"users\\" where id = $1');
    expect(described).toContain("23502");
    expect(described).not.toContain("argon2");
  });
});
