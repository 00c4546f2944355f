const MONTHS = 'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';

/** A full date: 3/7/2019, 03-07-19, 2019-07-03, 3rd July 2019, July 3, 2019. */
const FULL_DATE = new RegExp(
  [
    String.raw`\b\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})\b`,
    String.raw`\b\d{4}-\d{1,2}-\d{1,2}\b`,
    String.raw`\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:${MONTHS})\.?,?\s+\d{4}\b`,
    String.raw`\b(?:${MONTHS})\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}\b`,
  ].join('|'),
  'i',
);

/** Words that announce a date of birth, whatever follows. */
const BIRTH = /\b(?:d\.?o\.?b\.?|date\s+of\s+birth|born)\b/i;

/** An NHS number: ten digits, often written 3-3-4. */
const NHS_NUMBER = /\b\d{3}[\s-]?\d{3}[\s-]?\d{4}\b/;

const EMAIL = /\b[^\s@]+@[^\s@]+\.[^\s@]+\b/;

/** A full UK postcode (SW1A 1AA, CR0 1NX), which with a case's details can identify a family. */
const POSTCODE = /\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b/;

/**
 * What obvious personal data a review's codename holds, or null: a codename stands for a child
 * and must not identify them, so a full date (a date of birth in all but name), an NHS number,
 * an email address or a postcode is refused.
 */
export function personalDataInCodename(codename: string): string | null {
  if (BIRTH.test(codename)) return 'a date of birth';
  if (FULL_DATE.test(codename)) return 'a full date, which could be a date of birth';
  if (NHS_NUMBER.test(codename)) return 'what looks like an NHS number';
  if (EMAIL.test(codename)) return 'an email address';
  if (POSTCODE.test(codename)) return 'a postcode';
  return null;
}

/**
 * What obvious personal data a review's free text holds, or null. Dates are ordinary in a
 * rationale ("decided on 3 May 2024"), so only a date announced as a birth date, an NHS number
 * or a postcode is refused.
 */
export function personalDataInText(text: string): string | null {
  const birth = BIRTH.exec(text);
  if (birth && FULL_DATE.test(text.slice(birth.index, birth.index + 40))) return 'a date of birth';
  if (NHS_NUMBER.test(text)) return 'what looks like an NHS number';
  if (POSTCODE.test(text)) return 'a postcode';
  return null;
}
