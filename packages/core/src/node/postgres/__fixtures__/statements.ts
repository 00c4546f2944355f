import pg from 'pg';

/** A statement as a store sent it, with its parameters. */
export interface SentStatement {
  readonly text: string;
  readonly values: unknown[];
}

/** Every statement any pg client in this process sends while `work` runs. */
export async function statementsDuring(work: () => Promise<void>): Promise<SentStatement[]> {
  const seen: SentStatement[] = [];
  const original = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const [text, values] = args as [string | { text: string; values?: unknown[] }, unknown[] | undefined];
    if (typeof text === 'string') seen.push({ text, values: values ?? [] });
    else if (text !== null && typeof text === 'object' && 'text' in text) seen.push({ text: text.text, values: text.values ?? [] });
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof original;
  try {
    await work();
  } finally {
    pg.Client.prototype.query = original;
  }
  return seen;
}
