/**
 * How a table's shares were rounded: `to-total` shares add up to exactly 100% (largest
 * remainder, equal amounts alike); `nearest` shares are each rounded to the nearest unit because
 * no exact split gives equal amounts equal shares, so they may add up to a little more or less.
 */
export type ShareRounding = 'to-total' | 'nearest';

/** Shares of a total, in units of 10^-decimals percent, and how they were rounded. */
export interface Shares {
  readonly shares: number[];
  readonly rounding: ShareRounding;
  /** What the shares add up to: 100% (10000 with 2 decimals) unless rounded to the nearest, or 0 for a zero total. */
  readonly total: number;
}

/**
 * Splits 100% among amounts in units of 10^-decimals percent (with 2 decimals, 7408 is 74.08%).
 *
 * Equal amounts always get equal shares. Within that, the shares add up to exactly 100%: every
 * line gets its share rounded down, and the units left over go to the lines that lost most in
 * rounding, all the lines of one amount taking a unit or none (larger amounts first, then earlier
 * lines, where remainders tie). When the units left cannot be given out that way (three equal
 * lines of a third each), every share is rounded to the nearest unit instead, halves up, and the
 * result says so. All shares are zero when the total is zero.
 */
export function splitShares(amounts: readonly number[], decimals = 2): Shares {
  for (const [index, amount] of amounts.entries()) {
    if (!Number.isSafeInteger(amount) || amount < 0) {
      throw new RangeError(`splitShares: amount ${index} (${amount}) is not a whole non-negative number`);
    }
  }
  const units = 100n * 10n ** BigInt(decimals);
  const total = amounts.reduce((sum, amount) => sum + BigInt(amount), 0n);
  if (total === 0n) return { shares: amounts.map(() => 0), rounding: 'to-total', total: 0 };
  // Exact integer arithmetic: the floors and remainders are what a hand calculation gives.
  const floors = amounts.map((amount) => (BigInt(amount) * units) / total);
  const remainderOf = (amount: number): bigint => (BigInt(amount) * units) % total;
  const left = Number(units - floors.reduce((sum, floor) => sum + floor, 0n));

  // Lines of one amount are one group: they share a remainder, and take a spare unit together.
  const groups = new Map<number, { amount: number; remainder: bigint; first: number; size: number }>();
  amounts.forEach((amount, index) => {
    const group = groups.get(amount);
    if (group) group.size += 1;
    else groups.set(amount, { amount, remainder: remainderOf(amount), first: index, size: 1 });
  });
  // A line whose share is exact never takes a unit: it would show more than it gave.
  const order = [...groups.values()]
    .filter((group) => group.remainder > 0n)
    .sort((a, b) => (a.remainder !== b.remainder ? (a.remainder > b.remainder ? -1 : 1) : a.amount !== b.amount ? b.amount - a.amount : a.first - b.first));

  const chosen = chooseGroups(order.map((group) => group.size), left);
  if (chosen === null) {
    const shares = amounts.map((amount) => Number((2n * BigInt(amount) * units + total) / (2n * total)));
    return { shares, rounding: 'nearest', total: shares.reduce((sum, share) => sum + share, 0) };
  }
  const plusOne = new Set(order.filter((_, index) => chosen[index]).map((group) => group.amount));
  const shares = amounts.map((amount, index) => Number(floors[index]!) + (plusOne.has(amount) ? 1 : 0));
  return { shares, rounding: 'to-total', total: Number(units) };
}

/**
 * Which groups (in order of preference) take a unit each so that exactly `left` units are given
 * out: the earliest groups that still leave an exact fit, or null when no choice fits.
 */
function chooseGroups(sizes: readonly number[], left: number): boolean[] | null {
  // fits[i][n]: the groups from i on can take exactly n units between them.
  const fits: boolean[][] = Array.from({ length: sizes.length + 1 }, () => new Array<boolean>(left + 1).fill(false));
  fits[sizes.length]![0] = true;
  for (let i = sizes.length - 1; i >= 0; i--) {
    for (let n = 0; n <= left; n++) fits[i]![n] = fits[i + 1]![n]! || (sizes[i]! <= n && fits[i + 1]![n - sizes[i]!]!);
  }
  if (!fits[0]![left]) return null;
  const chosen: boolean[] = [];
  let need = left;
  for (let i = 0; i < sizes.length; i++) {
    const take = sizes[i]! <= need && fits[i + 1]![need - sizes[i]!]!;
    chosen.push(take);
    if (take) need -= sizes[i]!;
  }
  return chosen;
}
