import { trainingFigures } from '@partnership-tracker/core';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeIo, removeFakeIoFolders } from '../__fixtures__/fakeIo.js';
import { importExamples, importText } from '../__fixtures__/examples.js';
import { run } from '../main.js';

afterEach(removeFakeIoFolders);

describe('importing the learning system\'s exports (issue 15)', () => {
  it('adds the courses the bookings name, keeps organisations outside the register as written, and counts trainer cancellations apart', () => {
    const { db, changes } = importExamples();
    expect([changes['training-bookings'], changes.elearning, changes['training-baselines']]).toEqual([
      'added 3 training courses; added 6 training bookings',
      'added 2 training courses; added 3 eLearning results',
      'added 1 published training year',
    ]);
    const nursery = db.trainingBookings.find((b) => b.id === 'bk-10003')!;
    expect([nursery.agencyId, nursery.organisation, nursery.sector, nursery.outcome, nursery.reason]).toEqual([null, 'Little Acorns Nursery', 'Early Years', 'cancelled-by-attendee', 'Work-related conflicts']);
    expect(db.trainingBookings.find((b) => b.id === 'bk-10006')?.outcome).toBe('cancelled-by-trainer');
    const figures = trainingFigures(db, '2024/25');
    expect([figures.bookings, figures.attended, figures.attendanceRate, figures.noShowAndCancellationRate, figures.previous?.attendanceRate]).toEqual([6, 2, 33, 50, 72]);
  });

  it('reports every bad row as FILE:LINE: column "X": problem, and imports nothing', () => {
    const { db } = importExamples();
    const text = [
      'booking_id,course,session_date,agency,status,cancelled_by,reason',
      'BK-1,Level 3 Multi-Agency Safeguarding,31/02/2025,,attended,,',
      'BK-2,Level 3 Multi-Agency Safeguarding,2024-06-01,,went,,',
      'BK-3,Level 3 Multi-Agency Safeguarding,2024-06-01,,attended,,Sickness',
      'BK-4,Safeguarding Level 1 (eLearning),2024-06-01,,attended,,',
      'BK-5,Level 3 Multi-Agency Safeguarding,2024-06-01,,no-show,trainer,',
      'BK-10001,Level 3 Multi-Agency Safeguarding,2024-06-01,,DNA,,',
      'bk-10001,Level 3 Multi-Agency Safeguarding,2024-06-01,,attended,,',
    ].join('\n');
    const result = importText(db, 'training-bookings', text, 'bookings.csv');
    expect(result.db).toBe(db);
    expect(result.error).toMatchInlineSnapshot(`
      "bookings.csv:2: column "session_date": "31/02/2025" is not a day in the calendar
      bookings.csv:3: column "status": "went" is not one of attended, no-show, cancelled
      bookings.csv:4: column "reason": only a cancelled booking has a reason; this one is attended
      bookings.csv:5: column "course": "Safeguarding Level 1 (eLearning)" is an eLearning module; import its results with \`ptrack import elearning\`
      bookings.csv:6: column "cancelled_by": only a cancelled booking has one; this one is no-show
      bookings.csv:8: column "booking_id": duplicate booking reference: line 7 already has it"
    `);
  });

  it('refuses eLearning figures that cannot be true, naming the row', () => {
    const { db } = importExamples();
    const text = ['financial_year,module,role,completions,passed,passed_first_time,attempts', '2024/25,Level 1,Teachers,10,11,,', '2024/25,Level 1,DSLs,10,9,10,', '2024/25,Level 1,TAs,10,9,8,5', '2024/25,Level 3 Multi-Agency Safeguarding,TAs,1,1,,'].join('\n');
    expect(importText(db, 'elearning', text, 'elearning.csv').error).toMatchInlineSnapshot(`
      "elearning.csv:2: column "passed": 11 passed of 10 completions
      elearning.csv:3: column "passed_first_time": 10 passed first time of 9 who passed
      elearning.csv:4: column "attempts": 5 attempts for 10 completions; each completion is at least one
      elearning.csv:5: column "module": "Level 3 Multi-Agency Safeguarding" is taught in person; import its bookings with \`ptrack import training-bookings\`"
    `);
  });

  it('updates a booking whose outcome changed on re-import, rather than adding it twice', () => {
    const { db } = importExamples();
    const text = 'booking_id,course,session_date,session_id,status\nBK-10002,Level 3 Multi-Agency Safeguarding,2024-05-07,S-301,attended\n';
    const result = importText(db, 'training-bookings', text);
    expect(result.changes).toBe('changed 1 training booking');
    expect(result.db.trainingBookings.filter((b) => b.id === 'bk-10002').map((b) => b.outcome)).toEqual(['attended']);
  });
});

describe('ptrack export training', () => {
  it('writes the training section of the example\'s 2024/25 report in every format, with the change in percentage points', async () => {
    const { io, text } = fakeIo();
    expect(await run(['init', '--example'], io)).toBe(0);
    let before = text().length;
    expect(await run(['export', 'training', '--year', '2024/25', '--format', 'md'], io)).toBe(0);
    const markdown = text().slice(before);
    expect(markdown).toContain('| In-person bookings | 526 |');
    expect(markdown).toContain('| Attendance rate (%) | 59 | 72 | -13 |');
    expect(markdown).toContain('| No-shows and cancellations (%) | 35 | 28 | 7 |');
    before = text().length;
    expect(await run(['export', 'training', '--year', '2024/25', '--format', 'csv'], io)).toBe(0);
    expect(text().slice(before)).toContain('Attendance rate (%),59,72,-13');
    for (const format of ['json', 'html', 'xlsx']) {
      expect(await run(['export', 'training', '--year', '2024/25', '--format', format, '--out', `training.${format}`], io)).toBe(0);
    }
  });

  it('needs a year, and covers whole years', async () => {
    const { io, err } = fakeIo();
    expect(await run(['init', '--example'], io)).toBe(0);
    expect(await run(['export', 'training'], io)).toBe(2);
    expect(await run(['export', 'training', '--quarter', '2024/25 Q3'], io)).toBe(2);
    expect(err.join('')).toContain('export training needs --year');
    expect(err.join('')).toContain('export training covers whole financial years');
  });
});
