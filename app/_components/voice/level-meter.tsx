export function LevelMeter({ level, muted }: { level: number; muted: boolean }) {
  const pct = muted ? 0 : Math.round(level * 100);
  return (
    <div className="flex items-center gap-2" title="Microphone level">
      <span className="muted text-xs">Mic</span>
      {/* The native meter carries the semantics; the bar beside it is a styled copy. */}
      <meter className="sr-only" aria-label="Microphone level" min={0} max={100} value={pct} />
      <div aria-hidden className="h-2 w-28 overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-800">
        <div className="h-full rounded-full bg-emerald-500 transition-[width] duration-75" style={{ width: `${pct}%` }} />
      </div>
    </div>
  );
}
