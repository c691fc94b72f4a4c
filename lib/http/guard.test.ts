import { afterEach, describe, expect, it } from "vitest";
import { readJsonBody } from "./body";
import { dashboardOrigin, refuseCrossSite, refuseNul, requireContentType } from "./guard";
import { strictTransportSecurity } from "./security-headers";

const saved = { AUTH_URL: process.env.AUTH_URL, AUTH_TRUST_HOST: process.env.AUTH_TRUST_HOST };
afterEach(() => {
  for (const [name, value] of Object.entries(saved))
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
});

const request = (method: string, headers: Record<string, string>, url = "http://localhost:3000/api/v1/workspaces") =>
  new Request(url, { method, headers });

describe("refuseCrossSite", () => {
  it("lets the dashboard's own origin through and refuses any other, whatever the cookie", () => {
    delete process.env.AUTH_URL;
    const own = { host: "localhost:3000", cookie: "authjs.session-token=x" };
    expect(() => refuseCrossSite(request("POST", { ...own, origin: "http://localhost:3000" }))).not.toThrow();
    for (const origin of ["https://evil.example", "null", "http://localhost:3001", "https://localhost:3000", "http://sub.localhost:3000"])
      expect(() => refuseCrossSite(request("POST", { ...own, origin })), origin).toThrow(
        expect.objectContaining({ code: "cross_origin", status: 403 }),
      );
  });

  it("checks only state changes", () => {
    expect(() => refuseCrossSite(request("GET", { host: "localhost:3000", origin: "https://evil.example" }))).not.toThrow();
    for (const method of ["PUT", "PATCH", "DELETE"])
      expect(() => refuseCrossSite(request(method, { host: "localhost:3000", origin: "https://evil.example" }))).toThrow();
  });

  it("without Origin, trusts Sec-Fetch-Site when a browser sent it, and passes clients that send neither", () => {
    const host = { host: "localhost:3000" };
    expect(() => refuseCrossSite(request("POST", host))).not.toThrow();
    expect(() => refuseCrossSite(request("POST", { ...host, "sec-fetch-site": "same-origin" }))).not.toThrow();
    for (const site of ["cross-site", "same-site"])
      expect(() => refuseCrossSite(request("POST", { ...host, "sec-fetch-site": site })), site).toThrow(
        expect.objectContaining({ code: "cross_origin" }),
      );
  });

  it("takes the origin from AUTH_URL when set, else from the forwarded host when trusted", () => {
    process.env.AUTH_URL = "https://cto.example.com/base";
    expect(dashboardOrigin(request("POST", { host: "internal:3000", "x-forwarded-host": "evil.example" }))).toBe("https://cto.example.com");
    delete process.env.AUTH_URL;
    const behindProxy = request("POST", { host: "internal:3000", "x-forwarded-host": "cto.example.com", "x-forwarded-proto": "https" });
    expect(dashboardOrigin(behindProxy)).toBe("https://cto.example.com");
    process.env.AUTH_TRUST_HOST = "false";
    expect(dashboardOrigin(behindProxy)).toBe("http://internal:3000");
  });
});

describe("requireContentType", () => {
  const post = (headers: Record<string, string>) => request("POST", headers);
  it("refuses a body that is not the route's media type with 415", () => {
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"])
      expect(() => requireContentType(post({ "content-type": type, "content-length": "20" }), "application/json"), type).toThrow(
        expect.objectContaining({ code: "unsupported_media_type", status: 415 }),
      );
    expect(() => requireContentType(post({ "content-length": "2" }), "application/json")).toThrow();
    expect(() =>
      requireContentType(post({ "content-type": "application/json", "transfer-encoding": "chunked" }), "application/sdp"),
    ).toThrow();
  });

  it("accepts the declared type (any case, with parameters), and a request without a body", () => {
    expect(() =>
      requireContentType(post({ "content-type": "Application/JSON; charset=utf-8", "content-length": "2" }), "application/json"),
    ).not.toThrow();
    expect(() => requireContentType(post({ "content-type": "application/sdp", "content-length": "300" }), "application/sdp")).not.toThrow();
    expect(() => requireContentType(post({ "content-type": "text/plain", "content-length": "0" }), "application/json")).not.toThrow();
    expect(() => requireContentType(request("GET", { "content-type": "text/plain" }), "application/json")).not.toThrow();
  });
});

describe("NUL characters", () => {
  it("are refused with 400 wherever they hide in parsed input", () => {
    for (const value of ["a\u0000b", { name: "x\u0000" }, { list: [{ deep: "\u0000" }] }, { "k\u0000": 1 }])
      expect(() => refuseNul(value, "body")).toThrow(expect.objectContaining({ code: "bad_request", status: 400 }));
    expect(() => refuseNul({ name: "plain", n: 1, nested: ["\\u0000 is only text"] }, "body")).not.toThrow();
  });

  it("in a JSON body (escaped as \\u0000) are refused by the body reader", async () => {
    const body = (text: string) => new Request("http://x/", { method: "POST", body: text });
    await expect(readJsonBody(body('{"name":"a\\u0000b"}'), 1024)).rejects.toMatchObject({ status: 400 });
    expect(await readJsonBody(body('{"name":"a\\\\u0000b"}'), 1024)).toEqual({ name: "a\\u0000b" });
  });
});

describe("strictTransportSecurity", () => {
  it("is sent only when the dashboard is served over HTTPS", () => {
    delete process.env.AUTH_URL;
    expect(strictTransportSecurity(request("GET", {}))).toBeNull();
    expect(strictTransportSecurity(request("GET", { "x-forwarded-proto": "https" }))).toBe("max-age=31536000");
    process.env.AUTH_URL = "https://cto.example.com";
    expect(strictTransportSecurity(request("GET", {}))).toBe("max-age=31536000");
  });
});
