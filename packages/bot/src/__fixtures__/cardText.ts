/** Every text in a card, in order, facts as `title: value`: what a reader of the card sees. */
export function cardText(card: unknown): string[] {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (record.type === 'TextBlock' && typeof record.text === 'string') out.push(record.text);
      if (record.title !== undefined && typeof record.value === 'string' && !('type' in record)) out.push(`${String(record.title)}: ${record.value}`);
      Object.values(record).forEach(walk);
    }
  };
  walk(card);
  return out;
}
