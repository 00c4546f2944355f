/** The middle value of a list of numbers (the mean of the two middle ones for an even count). */
export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/**
 * The p-th percentile by linear interpolation between the closest ranks (p50 is the median,
 * p99 of 200 samples lies between the 198th and 199th smallest).
 */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (rank - low);
}

/** `value` divided by `floor`, the way every result is reported: how many times the floor it costs. */
export function ratio(value: number, floor: number): number {
  return floor > 0 ? value / floor : Number.NaN;
}
