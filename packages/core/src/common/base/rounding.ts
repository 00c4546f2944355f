/**
 * Rounds numerator ÷ denominator × scale to the nearest integer, halves away from zero
 * (2/3 → 67, 1/8 → 13, −1/8 → −13). The denominator must not be zero.
 */
export function roundHalfUp(numerator: number, denominator: number, scale = 100): number {
  if (denominator === 0) throw new RangeError('roundHalfUp: the denominator is zero');
  const negative = numerator < 0 !== denominator < 0 && numerator !== 0;
  const n = Math.abs(numerator) * scale;
  const d = Math.abs(denominator);
  // Whole numbers stay exact: floor((2n + d) / 2d) is n/d rounded half up with no fractional step.
  const magnitude = Math.floor((2 * n + d) / (2 * d));
  return negative ? -magnitude : magnitude;
}
