"use client";

import { useState } from "react";

/** Writes to the clipboard; true only when the browser says it did (no API, no permission, no focus: false). */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (!navigator.clipboard?.writeText) return false;
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

const SAYS = { idle: null, copied: "Copied", failed: "Copy failed — select and copy" } as const;

/**
 * Copies `text` to the clipboard. Says "Copied" only when the copy worked, else asks the user to
 * copy by hand; screen readers hear the outcome. Key the button by `text` to reset it.
 */
export function CopyButton({ text, label = "Copy" }: { text: string; label?: string }) {
  const [outcome, setOutcome] = useState<keyof typeof SAYS>("idle");
  return (
    <>
      <button
        type="button"
        className={`btn-secondary max-w-44 shrink-0 ${outcome === "failed" ? "text-red-700 dark:text-red-400" : ""}`}
        onClick={async () => setOutcome((await copyText(text)) ? "copied" : "failed")}
      >
        {SAYS[outcome] ?? label}
      </button>
      <span role="status" className="sr-only">
        {SAYS[outcome] ?? ""}
      </span>
    </>
  );
}
