import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { importExamples } from '../__fixtures__/examples.js';
import { buildCalendar } from './buildCalendar.js';

const now = new Date('2026-11-23T12:00:00Z');

function events(ics: string) {
  const component = new ICAL.Component(ICAL.parse(ics));
  for (const zone of component.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(new ICAL.Timezone(zone));
  return component.getAllSubcomponents('vevent').map((vevent) => {
    const event = new ICAL.Event(vevent);
    return {
      uid: event.uid,
      summary: event.summary,
      start: event.startDate.toJSDate().toISOString(),
      end: event.endDate.toJSDate().toISOString(),
      zone: event.startDate.zone?.tzid,
      status: vevent.getFirstPropertyValue('status'),
    };
  });
}

describe('buildCalendar', () => {
  it('puts each meeting at the right UTC instant on both sides of the October clock change', () => {
    const { db } = importExamples();
    const executive = events(buildCalendar(db, { subgroupId: 'executive', now }));
    expect(executive.map((e) => [e.start, e.end, e.zone])).toEqual([
      ['2025-10-21T08:30:00.000Z', '2025-10-21T10:30:00.000Z', 'Europe/London'],
      ['2025-11-04T09:30:00.000Z', '2025-11-04T11:30:00.000Z', 'Europe/London'],
      ['2026-01-20T09:30:00.000Z', '2026-01-20T11:30:00.000Z', 'Europe/London'],
    ]);
  });

  it('writes local wall-clock times with the Europe/London time zone, whatever the machine\'s zone', () => {
    const { db } = importExamples();
    const ics = buildCalendar(db, { subgroupId: 'executive', now });
    expect(ics).toContain('DTSTART;TZID=Europe/London:20251021T093000');
    expect(ics).toContain('DTSTART;TZID=Europe/London:20251104T093000');
    expect(ics).toContain('BEGIN:VTIMEZONE\r\nTZID:Europe/London');
  });

  it('gives each meeting a UID that stays the same from one export to the next', () => {
    const { db } = importExamples();
    const first = events(buildCalendar(db, { now })).map((e) => e.uid);
    const later = events(buildCalendar(db, { now: new Date('2027-01-01T00:00:00Z') })).map((e) => e.uid);
    expect(later).toEqual(first);
    expect(new Set(first).size).toBe(db.meetings.length);
    expect(first[0]).toBe('meeting-review-group-2024-05-14@example-safeguarding-children-partnership.partnership-tracker');
  });

  it('marks cancelled meetings CANCELLED and others CONFIRMED', () => {
    const { db } = importExamples();
    const qag = events(buildCalendar(db, { subgroupId: 'quality-assurance-group', now }));
    expect(qag.map((e) => [e.start.slice(0, 10), e.status])).toEqual([
      ['2024-06-18', 'CONFIRMED'],
      ['2024-10-15', 'CONFIRMED'],
      ['2025-01-21', 'CONFIRMED'],
      ['2025-03-18', 'CANCELLED'],
      ['2025-06-17', 'CONFIRMED'],
    ]);
  });

  it("gives a person the meetings they are expected at and their open actions' due dates", () => {
    const { db } = importExamples();
    const person = db.people.find((p) => p.email === 'police.lead@example.org')!;
    const mine = events(buildCalendar(db, { person, now }));
    expect(mine.map((e) => e.summary)).toMatchInlineSnapshot(`
      [
        "Review Group",
        "Quality Assurance Group",
        "Review Group",
        "Quality Assurance Group",
        "Review Group",
        "Quality Assurance Group",
        "Review Group",
        "Quality Assurance Group",
        "Review Group",
        "Quality Assurance Group",
        "Review Group",
        "Executive: Q2 business plan report",
        "Executive: extraordinary meeting",
        "Executive: Q3 business plan report",
        "Due: A-3 Agree a joint protocol for children at risk of exploitation",
      ]
    `);
  });
});
