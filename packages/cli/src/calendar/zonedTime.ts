import type { ICalDayJsStub } from 'ical-generator';
import { localDateOf, localTimeOf } from '@partnership-tracker/core';

/**
 * An instant as ical-generator's day.js stub, showing the wall-clock time of a time zone.
 * ical-generator formats a native Date with a TZID using the host's local time, which is only
 * right when the machine happens to run in that zone; this stub makes it use the partnership's.
 */
export function zonedTime(instant: Date, timeZone: string): ICalDayJsStub {
  return {
    format(pattern?: string): string {
      if (pattern === 'YYYYMMDD') return localDateOf(instant, timeZone).replace(/-/g, '');
      if (pattern === 'HHmmss') return `${localTimeOf(instant, timeZone).replace(':', '')}00`;
      return instant.toISOString();
    },
    isValid: () => !Number.isNaN(instant.getTime()),
    toDate: () => new Date(instant.getTime()),
    toJSON: () => instant.toISOString(),
    tz: (zone?: string) => zonedTime(instant, zone ?? timeZone),
  };
}

/** A calendar day (all-day event) as a stub that formats as that date whatever the time zone. */
export function calendarDay(date: string): ICalDayJsStub {
  const instant = new Date(`${date}T12:00:00Z`);
  const day: ICalDayJsStub = {
    format: (pattern?: string) => (pattern === 'YYYYMMDD' ? date.replace(/-/g, '') : pattern === 'HHmmss' ? '000000' : date),
    isValid: () => !Number.isNaN(instant.getTime()),
    toDate: () => new Date(`${date}T00:00:00Z`),
    toJSON: () => date,
    // A day has no time zone: "in UTC" it is still the same day.
    utc: () => day,
  };
  return day;
}

/**
 * The VTIMEZONE block for Europe/London (UK summer time since 1996: the last Sunday of March
 * at 01:00 UTC to the last Sunday of October at 01:00 UTC), or null for other zones.
 */
export function vtimezone(timeZone: string): string | null {
  if (timeZone !== 'Europe/London') return null;
  return [
    'BEGIN:VTIMEZONE',
    'TZID:Europe/London',
    'X-LIC-LOCATION:Europe/London',
    'BEGIN:DAYLIGHT',
    'TZOFFSETFROM:+0000',
    'TZOFFSETTO:+0100',
    'TZNAME:BST',
    'DTSTART:19810329T010000',
    'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
    'END:DAYLIGHT',
    'BEGIN:STANDARD',
    'TZOFFSETFROM:+0100',
    'TZOFFSETTO:+0000',
    'TZNAME:GMT',
    'DTSTART:19961027T020000',
    'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
    'END:STANDARD',
    'END:VTIMEZONE',
  ].join('\r\n');
}
