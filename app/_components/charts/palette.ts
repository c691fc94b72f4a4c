// Distinguishable in light and dark mode (Tailwind 500/400 shades).
export const SERIES_COLORS = ["#6366f1", "#10b981", "#f59e0b", "#ef4444", "#06b6d4", "#a855f7", "#84cc16", "#ec4899"];
export const colorFor = (index: number) => SERIES_COLORS[index % SERIES_COLORS.length]!;
