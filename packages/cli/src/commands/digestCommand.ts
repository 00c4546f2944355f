import { fail, quarterlyDigest, type Result } from '@partnership-tracker/core';
import { resolveDataAddress, withDataStore } from '../dataStore.js';
import type { DigestFormat } from '../digest/index.js';
import { periodFromFlags } from '../export/period.js';
import { findPlan } from '../import/index.js';
import type { Io } from '../io.js';
import { emit, nowText } from './output.js';

/** The flags of `ptrack digest`. */
export interface DigestFlags {
  readonly data?: string;
  readonly partnership?: string;
  readonly quarter: string;
  readonly year?: string;
  readonly plan?: string;
  readonly format: DigestFormat;
  readonly out?: string;
}

/** `ptrack digest --quarter "2024/25 Q4"`: the quarterly digest, rendered for people. */
export async function digestCommand(flags: DigestFlags, io: Io): Promise<Result<void>> {
  const period = periodFromFlags(flags.year, flags.quarter);
  if (!period.success) return period;
  if (period.data?.kind !== 'quarter') return fail('usage.quarter_required', 'digest needs a quarter, e.g. --quarter "2024/25 Q4"');
  const quarter = period.data;
  return withDataStore(resolveDataAddress(flags, io), async (store, address) => {
    const db = await store.read();
    const plan = flags.plan === undefined ? undefined : findPlan(db, flags.plan);
    if (flags.plan !== undefined && !plan) return fail('input.unknown_plan', `--plan ${flags.plan}: there is no such plan (there are: ${db.plans.map((p) => p.name).join('; ') || 'none'}).`);
    const digest = quarterlyDigest(db, { quarter, now: nowText(io), ...(plan ? { planId: plan.id } : {}) });
    if (!digest.success) return digest;
    const { renderDigest } = await import('../digest/index.js');
    return emit(io, renderDigest(digest.data, flags.format, db.partnership.timeZone), flags.out, address);
  });
}
