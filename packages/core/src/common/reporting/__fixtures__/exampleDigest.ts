import { parsePeriod } from '../../base/dates.js';
import { unwrap } from '../../base/result.js';
import { examplePartnership } from '../../example/examplePartnership.js';
import { quarterlyDigest, type QuarterlyDigest } from '../digest.js';

/** The example partnership's digest of a quarter, gathered on 1 October 2025 unless `now` says otherwise. */
export function exampleDigest(quarter: string, now = '2025-10-01T09:00:00Z'): QuarterlyDigest {
  return unwrap(quarterlyDigest(examplePartnership(), { quarter: unwrap(parsePeriod(quarter)), now }));
}
