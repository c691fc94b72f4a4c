// Budget arithmetic shared by the server and the Settings page: money is integer micro-dollars
// (millionths of USD) in the database, dollars at the API's edge, and a budget month is a UTC month.

export const MICROS_PER_USD = 1_000_000;

export const usdOfMicros = (micros: number) => micros / MICROS_PER_USD;
export const microsOfUsd = (usd: number) => Math.round(usd * MICROS_PER_USD);

/** "$12.30"; amounts under a dollar keep up to four decimals, so a cent-sized spend is not "$0.00". */
export function formatUsd(micros: number): string {
  return new Intl.NumberFormat("en-US", {
    style: "currency",
    currency: "USD",
    minimumFractionDigits: 2,
    maximumFractionDigits: Math.abs(micros) < MICROS_PER_USD ? 4 : 2,
  }).format(usdOfMicros(micros));
}

/** The start of the UTC month after `at`: when a monthly budget starts again from zero. */
export const resetsAt = (at: Date) => new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 1));

/** The start of the UTC month of `at` (the alert window of a budget crossing). */
export const monthStart = (at: Date) => new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1));

export const monthName = (at: Date) => new Intl.DateTimeFormat("en-US", { month: "long", timeZone: "UTC" }).format(at);

/** "1 December" */
export const dayAndMonth = (at: Date) => `${at.getUTCDate()} ${monthName(at)}`;

/** Share of the budget spent, 0…1+ (a zero budget counts as fully spent). */
export const spentShare = (spentMicros: number, limitMicros: number) => (limitMicros <= 0 ? 1 : spentMicros / limitMicros);
