/**
 * What Teams sends when someone presses a card's first button without touching anything: each
 * input's value, and the button's data. A dropdown sends its value only if it is one of its
 * choices (Teams shows a value it does not offer as nothing chosen, and sends nothing for it).
 */
export function submittedUnchanged(card: Record<string, unknown>): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const element = node as Record<string, unknown>;
      if (element.type === 'Input.ChoiceSet' && typeof element.id === 'string') {
        const offered = ((element.choices ?? []) as Array<{ value: string }>).some((choice) => choice.value === element.value);
        values[element.id] = offered ? element.value : '';
      } else if (typeof element.type === 'string' && element.type.startsWith('Input.') && typeof element.id === 'string') {
        values[element.id] = element.value ?? '';
      }
      Object.values(element).forEach(walk);
    }
  };
  walk(card.body);
  const button = (card.actions as Array<{ data?: Record<string, unknown> }> | undefined)?.[0];
  return { ...values, ...(button?.data ?? {}) };
}
