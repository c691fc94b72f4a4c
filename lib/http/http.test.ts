import { describe, expect, it, vi } from "vitest";
import { safeCallbackUrl } from "@/lib/auth/redirects";
import { log, redactSecrets } from "@/lib/log";
import { readJsonBody } from "./body";

describe("readJsonBody", () => {
  const req = (body: string, headers: Record<string, string> = {}) => new Request("http://x/", { method: "POST", body, headers });

  it("parses JSON and treats an empty body as {}", async () => {
    expect(await readJsonBody(req('{"a":1}'), 1024)).toEqual({ a: 1 });
    expect(await readJsonBody(req(""), 1024)).toEqual({});
  });

  it("refuses malformed JSON with 400 and oversize bodies with 413, even when Content-Length lies", async () => {
    await expect(readJsonBody(req("{"), 1024)).rejects.toMatchObject({ status: 400 });
    await expect(readJsonBody(req("x".repeat(2000)), 1024)).rejects.toMatchObject({ status: 413 });
    await expect(readJsonBody(req("{}", { "content-length": "999999" }), 1024)).rejects.toMatchObject({ status: 413 });
  });
});

describe("redactSecrets", () => {
  it("cuts keys and ephemeral secrets to their last four characters", () => {
    const line = redactSecrets('{"k":"sk-proj-abcdefghijklmnop1234","a":"sk-admin-zzzzzzzzzzzzzz9876","e":"ek_abcdefghijkl5678"}');
    expect(line).not.toMatch(/abcdefghijklmnop|zzzzzzzz|ek_abcdefgh/);
    expect(line).toContain("…1234");
    expect(line).toContain("…9876");
    expect(line).toContain("…5678");
  });
});

describe("log", () => {
  it("never prints a query error's parameters, whoever logs it", () => {
    const lines: string[] = [];
    const spy = vi.spyOn(console, "error").mockImplementation((line: string) => lines.push(line));
    log("error", "oops", {
      cause: 'Failed query: insert into "users" values ($1, $2)\nparams: a@example.com,$argon2id$v=19$m=19456$"salt"$hash',
    });
    spy.mockRestore();
    expect(lines[0]).toContain("Failed query: insert into");
    expect(lines[0]).toContain("params: [not logged]");
    expect(lines[0]).not.toMatch(/argon2|a@example\.com|salt|hash/);
  });
});

describe("safeCallbackUrl", () => {
  it("keeps same-site paths and refuses everything else", () => {
    expect(safeCallbackUrl("/settings?x=1")).toBe("/settings?x=1");
    for (const bad of ["https://evil.example", "//evil.example", "/\\evil.example", "javascript:alert(1)", undefined, 3])
      expect(safeCallbackUrl(bad)).toBe("/");
  });
});
