const compact = new Intl.NumberFormat("en", { notation: "compact", maximumFractionDigits: 1 });
const whole = new Intl.NumberFormat("en");
const usd = new Intl.NumberFormat("en", { style: "currency", currency: "USD", maximumFractionDigits: 2 });

export const formatCompact = (n: number) => compact.format(n);
export const formatWhole = (n: number) => whole.format(n);
export const formatUsd = (n: number) => usd.format(n);
export const formatPercent = (ratio: number) => `${(ratio * 100).toFixed(ratio > 0 && ratio < 0.01 ? 2 : 1)}%`;

const smallUsd = new Intl.NumberFormat("en", { style: "currency", currency: "USD", maximumSignificantDigits: 2 });
/** Millionths of a dollar as USD; under a cent with two significant digits, so that a first call does not read "$0.00". */
export const formatMicrosUsd = (micros: number) => {
  const dollars = micros / 1_000_000;
  return dollars > 0 && dollars < 0.01 ? smallUsd.format(dollars) : usd.format(dollars);
};
