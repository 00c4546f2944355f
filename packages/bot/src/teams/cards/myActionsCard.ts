import { daysBetween, escapeMarkdown, localDateOf, type Action } from '@partnership-tracker/core';
import { dueText, formatDate, formatStatus, statusChoices } from '../../app/format.js';
import { UPDATE_ACTION_VERB, updateInputIds } from '../../app/forms.js';
import type { ActionUpdateView, MyActionsView } from '../../app/views.js';
import { adaptiveCard, execute, facts, text, type CardElement } from './elements.js';

/** The form that updates one action: progress, status and a note, pre-filled with where it is now. */
export function createActionUpdateForm(action: Action): CardElement[] {
  const ids = updateInputIds(action.ref);
  return [
    { type: 'Input.Number', id: ids.progress, label: 'Progress (%)', min: 0, max: 100, value: action.progress, errorMessage: 'A whole number from 0 to 100' },
    {
      type: 'Input.ChoiceSet',
      id: ids.status,
      label: 'Status',
      style: 'compact',
      value: action.status,
      choices: statusChoices.map((s) => ({ title: s.label, value: s.value })),
    },
    { type: 'Input.Text', id: ids.note, label: 'What happened (goes in the action history)', isMultiline: true, maxLength: 1000 },
  ];
}

/** A card with one action and its update form, e.g. after "update A-12" with nothing else said. */
export function createActionUpdateCard({ action, today }: ActionUpdateView): Record<string, unknown> {
  return adaptiveCard(
    [text(`Update ${action.ref}`, { heading: true }), text(action.title), facts([['Due', dueText(action.due, today)]]), ...createActionUpdateForm(action)],
    [execute('Save', UPDATE_ACTION_VERB, { ref: action.ref }, 'positive')],
  );
}

const SHOWN = 20;

/** The owner's open actions, soonest due first, each with an Update button that opens its form. */
export function createMyActionsCard({ actions, today, timeZone }: MyActionsView): Record<string, unknown> {
  const body: CardElement[] = [text(`Your open actions (${actions.length})`, { heading: true })];
  if (actions.length === 0) {
    body.push(text('You have no open actions. Nice work.'));
    return adaptiveCard(body);
  }
  for (const [index, action] of actions.slice(0, SHOWN).entries()) {
    const last = action.history[action.history.length - 1];
    const overdue = daysBetween(today, action.due) < 0;
    body.push({
      type: 'Container',
      separator: index > 0,
      spacing: 'medium',
      items: [
        text(`**${action.ref}** ${escapeMarkdown(action.title)}`, { markdown: true }),
        facts([
          ['Due', dueText(action.due, today)],
          ['Status', `${formatStatus(action.status)}, ${action.progress}%`],
          ...(last?.note ? ([['Last note', `${formatDate(localDateOf(last.at, timeZone))}: ${last.note}`]] as const) : []),
        ]),
        ...(overdue ? [text('Overdue', { color: 'attention', weight: 'bolder', spacing: 'none' })] : []),
        {
          type: 'ActionSet',
          actions: [
            {
              type: 'Action.ShowCard',
              title: `Update ${action.ref}`,
              card: { type: 'AdaptiveCard', body: createActionUpdateForm(action), actions: [execute('Save', UPDATE_ACTION_VERB, { ref: action.ref }, 'positive')] },
            },
          ],
        },
      ],
    });
  }
  if (actions.length > SHOWN) body.push(text(`…and ${actions.length - SHOWN} more. Update any of them by typing, e.g. "update ${actions[SHOWN]!.ref} 50%".`, { subtle: true }));
  return adaptiveCard(body);
}
