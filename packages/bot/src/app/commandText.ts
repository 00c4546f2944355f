/** A chat command as the bot understood it, before anything is looked up. */
export type ParsedCommand =
  | { kind: 'help' }
  | { kind: 'myActions' }
  | { kind: 'update'; rest: string }
  | { kind: 'snooze'; rest: string }
  | { kind: 'attendance'; subgroup: string | null }
  | { kind: 'digest'; period: string | null }
  | { kind: 'engagement'; rest: string }
  | { kind: 'funding'; year: string | null }
  /** "reviews", "audits": what the register's records left open, by owner, and what is late. */
  | { kind: 'registerWork'; register: 'reviews' | 'audits' }
  /** "export engagement 2024/25 xlsx": a download link for the business team. */
  | { kind: 'export'; rest: string }
  /** "report 2024/25" or "annual report 2024/25": links to the annual report, for the business team and the Executive. */
  | { kind: 'report'; rest: string }
  /** "post digests here", optionally naming whose: "post digests here for QAG", "post QAG digests here". */
  | { kind: 'postDigests'; subgroup: string | null }
  | { kind: 'stopDigests' }
  /** "my returns": the returns the sender is their agency's contact for, and where each stands. */
  | { kind: 'myReturns' }
  /** "submit return dataset-2025-26-q1 https://…" (or "submitted …"): the contact marks their agency's return sent, with its link. */
  | { kind: 'submitReturn'; rest: string }
  | { kind: 'unknown'; text: string };

/**
 * Reads the command word(s) at the start of a message; the words after it are left for the
 * command to read. Case, surrounding spaces, a leading slash and trailing full stops do not matter.
 */
export function parseCommandText(text: string): ParsedCommand {
  const cleaned = text
    // A link stays its address: Slack writes one as <https://…|label>, Teams as <a href="https://…">…</a>.
    .replace(/<(https?:\/\/[^|>\s]+)(?:\|[^>]*)?>/g, ' $1 ')
    .replace(/<a\s[^>]*href="(https?:\/\/[^"]+)"[^>]*>.*?<\/a>/gi, ' $1 ')
    .replace(/<[^>]+>/g, ' ') // Teams sends formatted messages as HTML
    .replace(/&amp;/g, '&')
    .replace(/&nbsp;/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\//, '')
    .replace(/[.!]+$/, '');
  const match = /^(\S+)(?:\s+(\S+))?/.exec(cleaned);
  const first = match?.[1]?.toLowerCase() ?? '';
  const second = match?.[2]?.toLowerCase() ?? '';
  const after = (words: number): string => cleaned.split(' ').slice(words).join(' ').trim();
  const optional = (value: string): string | null => (value === '' ? null : value);

  switch (first) {
    case '':
    case 'help':
    case '?':
    case 'hi':
    case 'hello':
      return { kind: 'help' };
    case 'my':
      if (second === 'actions' || second === 'action') return { kind: 'myActions' };
      if (second === 'returns' || second === 'return') return { kind: 'myReturns' };
      break;
    case 'actions':
      return { kind: 'myActions' };
    case 'returns':
      return { kind: 'myReturns' };
    case 'submit':
      if (second === 'return') return { kind: 'submitReturn', rest: after(2) };
      return { kind: 'submitReturn', rest: after(1) };
    case 'submitted':
      return { kind: 'submitReturn', rest: after(1) };
    case 'update':
      return { kind: 'update', rest: after(1) };
    case 'snooze':
      return { kind: 'snooze', rest: after(1) };
    case 'attendance':
    case 'register':
      return { kind: 'attendance', subgroup: optional(after(1)) };
    case 'digest':
      return { kind: 'digest', period: optional(after(1)) };
    case 'engagement':
      return { kind: 'engagement', rest: after(1) };
    case 'funding':
      return { kind: 'funding', year: optional(after(1)) };
    case 'reviews':
    case 'review':
      return { kind: 'registerWork', register: 'reviews' };
    case 'audits':
    case 'audit':
      return { kind: 'registerWork', register: 'audits' };
    case 'export':
    case 'download':
      return { kind: 'export', rest: after(1) };
    case 'report':
      return { kind: 'report', rest: after(1) };
    case 'annual':
      if (second === 'report') return { kind: 'report', rest: after(2) };
      break;
    case 'post': {
      const where = /^(?:the\s+)?(?:(.+?)\s+)?digests?\s+(?:here|to this channel|in this channel)(?:\s+for\s+(.+))?$/i.exec(after(1));
      if (where) return { kind: 'postDigests', subgroup: optional((where[2] ?? where[1] ?? '').replace(/['’]s$/i, '').trim()) };
      break;
    }
    case 'stop':
      if (/^(?:(?:posting\s+)?(?:the\s+)?digests?(?:\s+(?:here|in this channel))?)?$/i.test(after(1))) return { kind: 'stopDigests' };
      break;
  }
  return { kind: 'unknown', text: cleaned };
}
