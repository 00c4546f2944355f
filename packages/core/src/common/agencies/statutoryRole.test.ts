import { describe, expect, it } from 'vitest';
import { parsePeriod } from '../base/dates.js';
import { unwrap } from '../base/result.js';
import { meetingsSummary } from '../engagement/engagement.js';
import { EXAMPLE_IDS, examplePartnership } from '../example/index.js';
import type { Database } from '../store/database.js';
import { quorumRoleOf, statutoryPartnerOf } from './statutoryRole.js';

// Issue 11, item 3: a statutory partner is an organisation, its parts roll up to it, and other
// NHS bodies are relevant agencies; who may stand for a partner at a meeting is another question.
const { agencies: AGENCY } = EXAMPLE_IDS;
const example = examplePartnership();

describe('which agencies are a statutory partner', () => {
  it('is the outermost organisation with a role: a council department rolls up to the council', () => {
    expect(statutoryPartnerOf(example, AGENCY.childrensSocialCare)?.id).toBe(AGENCY.council);
    expect(statutoryPartnerOf(example, AGENCY.publicHealth)?.id).toBe(AGENCY.council);
    expect(statutoryPartnerOf(example, AGENCY.icb)?.id).toBe(AGENCY.icb);
    expect(statutoryPartnerOf(example, AGENCY.croydonHealth)).toBeUndefined();
    expect(statutoryPartnerOf(example, AGENCY.probation)).toBeUndefined();
  });

  it('lets a relevant agency stand for a partner at meetings without making it one', () => {
    expect(quorumRoleOf(example, AGENCY.croydonHealth)).toBe('health');
    expect(quorumRoleOf(example, AGENCY.publicHealth)).toBe('local-authority');
    expect(quorumRoleOf(example, AGENCY.probation)).toBeNull();
  });

  it('keeps the example meetings quorate as they were, provider trusts standing for health', () => {
    const quorate = (db: Database) => meetingsSummary(db, { period: unwrap(parsePeriod('2024/25')) }).map((m) => `${m.name}: ${m.quorate}`);
    expect(quorate(example)).toEqual(['CSCP Executive: 3', 'Review Group: 4', 'Quality Assurance Group: 3', 'Editorial Group: 2']);
    const trustsStandForNoOne = { ...example, agencies: example.agencies.map((a) => ({ ...a, quorumRole: null })) };
    expect(quorate(trustsStandForNoOne)).toEqual(['CSCP Executive: 3', 'Review Group: 4', 'Quality Assurance Group: 2', 'Editorial Group: 2']);
  });
});
