// Distinguishable in light and dark mode (Tailwind 500/400 shades).
export const SERIES_COLORS = [
  "#6366f1",
  "#10b981",
  "#f59e0b",
  "#ef4444",
  "#06b6d4",
  "#a855f7",
  "#84cc16",
  "#ec4899",
  "#f97316",
  "#14b8a6",
  "#8b5cf6",
  "#eab308",
];
export const colorFor = (index: number) => SERIES_COLORS[index % SERIES_COLORS.length]!;

// Common models keep a colour of their own; anything else starts from a hash of its name.
const MODEL_SLOTS = ["gpt-realtime", "gpt-realtime-mini", "gpt-4o-mini", "gpt-4.1", "gpt-4o", "gpt-5", "gpt-5-mini", "gpt-4.1-mini"];

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/**
 * A colour per series that depends on its name, not on its rank, so a model keeps its colour
 * whatever the range. Two names wanting the same colour: the one first in alphabetical order keeps
 * it, the other takes the next free one.
 */
export function colorsByName(names: string[]): Map<string, string> {
  const taken = new Set<number>();
  const colors = new Map<string, string>();
  for (const name of [...new Set(names)].sort()) {
    const family = name.replace(/-\d{4}-\d{2}-\d{2}$/, "");
    const slot = MODEL_SLOTS.indexOf(family);
    let index = slot >= 0 ? slot : hash(name) % SERIES_COLORS.length;
    for (let tries = 0; taken.has(index) && tries < SERIES_COLORS.length; tries++) index = (index + 1) % SERIES_COLORS.length;
    taken.add(index);
    colors.set(name, colorFor(index));
  }
  return colors;
}
