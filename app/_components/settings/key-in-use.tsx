export type KeyInUse = "personal" | "workspace" | "instance" | "none";

const LABEL: Record<KeyInUse, string> = {
  workspace: "its own key",
  personal: "your personal key",
  instance: "the instance's key",
  none: "none",
};

const TONE: Record<KeyInUse, string> = {
  workspace: "bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300",
  personal: "bg-indigo-100 text-indigo-800 dark:bg-indigo-950 dark:text-indigo-300",
  instance: "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-300",
  none: "bg-zinc-100 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300",
};

/** Which key the viewer's calls use in this workspace: "its own key", "your personal key", "the instance's key" or "none". */
export function KeyInUseLabel({ inUse, testId }: { inUse: KeyInUse; testId: string }) {
  return (
    <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${TONE[inUse]}`} data-testid={testId} data-key-in-use={inUse}>
      {LABEL[inUse]}
    </span>
  );
}
