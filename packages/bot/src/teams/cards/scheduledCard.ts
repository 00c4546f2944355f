import { escapeMarkdown, type MessageSummary } from '@partnership-tracker/core';
import { CARD_VERSION, facts } from './elements.js';

/**
 * Teams shows at most six of a card's actions (its host config's `maxActions`) and drops the rest
 * without a word, so an owner asked to update nine actions would find buttons for six.
 */
const MAX_ACTIONS = 6;

/** The commands a card offers as buttons: all of them, or the first five and "my actions", which lists the rest. */
function buttons(commands: MessageSummary['commands']): MessageSummary['commands'] {
  if (commands.length <= MAX_ACTIONS) return commands;
  return [...commands.slice(0, MAX_ACTIONS - 1), { title: 'All my actions', command: 'my actions' }];
}

/** An Adaptive Card 1.5 of a scheduled message: its title and facts, and a button per suggested command (the sentence travels as the reply's text). */
export function summaryCard(summary: MessageSummary): Record<string, unknown> {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: CARD_VERSION,
    body: [
      { type: 'TextBlock', text: escapeMarkdown(summary.title), weight: 'bolder', size: 'medium', wrap: true },
      ...(summary.facts.length > 0 ? [facts(summary.facts.map((f) => [f.title, f.value] as const))] : []),
    ],
    // An imBack button sends its command as if the person had typed it, so no card handler is needed.
    actions: buttons(summary.commands).map((c) => ({ type: 'Action.Submit', title: c.title, data: { msteams: { type: 'imBack', value: c.command } } })),
  };
}
