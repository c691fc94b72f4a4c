import { afterEach, describe, expect, it, vi } from "vitest";
import { copyText } from "./copy-button";

describe("copyText", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("is true only when the clipboard took the text", async () => {
    const written: string[] = [];
    vi.stubGlobal("navigator", { clipboard: { writeText: async (t: string) => void written.push(t) } });
    expect(await copyText("https://example.com/invite/fake")).toBe(true);
    expect(written).toEqual(["https://example.com/invite/fake"]);
  });

  it("is false when permission is refused or there is no clipboard (plain http)", async () => {
    vi.stubGlobal("navigator", {
      clipboard: { writeText: () => Promise.reject(new DOMException("Write permission denied.", "NotAllowedError")) },
    });
    expect(await copyText("x")).toBe(false);
    vi.stubGlobal("navigator", {});
    expect(await copyText("x")).toBe(false);
  });
});
