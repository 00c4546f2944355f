import { describe, expect, it } from 'vitest';
import { cardErrors } from './validateCard.js';

// The schema is only worth something if it rejects what Teams would reject.
describe('the Adaptive Card 1.5 schema subset', () => {
  const card = (body: unknown[], extra: Record<string, unknown> = {}) => ({ type: 'AdaptiveCard', version: '1.5', body, ...extra });

  it('accepts a card built only from elements it knows', () => {
    expect(
      cardErrors(
        card(
          [
            { type: 'TextBlock', text: 'Hello', wrap: true, weight: 'bolder', size: 'medium' },
            { type: 'FactSet', facts: [{ title: 'Due', value: '1 Jun 2025' }] },
            { type: 'Input.ChoiceSet', id: 'status', style: 'compact', choices: [{ title: 'On track', value: 'on-track' }] },
            { type: 'Table', columns: [{ width: 1 }], rows: [{ type: 'TableRow', cells: [{ type: 'TableCell', items: [{ type: 'TextBlock', text: 'x' }] }] }] },
          ],
          { actions: [{ type: 'Action.Execute', title: 'Save', verb: 'save', data: { ref: 'A-1' } }, { type: 'Action.OpenUrl', title: 'Open', url: 'http://127.0.0.1:3978/digest/x.html' }] },
        ),
      ),
    ).toEqual([]);
  });

  it.each([
    ['a misspelt property', card([{ type: 'TextBlock', text: 'x', wrapp: true }])],
    ['an input without an id', card([{ type: 'Input.Text', label: 'Note' }])],
    ['an unknown element', card([{ type: 'Carousel', pages: [] }])],
    ['a version Teams does not support', { type: 'AdaptiveCard', version: '1.6', body: [] }],
    ['a top-level card with no version', { type: 'AdaptiveCard', body: [] }],
    ['an enum value that does not exist', card([{ type: 'TextBlock', text: 'x', color: 'red' }])],
    ['a choice value with a comma', card([{ type: 'Input.ChoiceSet', id: 'x', choices: [{ title: 'a', value: 'a,b' }] }])],
    ['an OpenUrl action without a url', card([], { actions: [{ type: 'Action.OpenUrl', title: 'Go' }] })],
  ])('rejects %s', (_name, invalid) => {
    expect(cardErrors(invalid)).not.toEqual([]);
  });

  it.each([
    ['two inputs with the same id', card([{ type: 'Input.Text', id: 'note', label: 'Note' }, { type: 'Input.Text', id: 'note', label: 'Again' }]), 'adaptivecards: Duplicate Id "note".'],
    ['a required input without a label', card([{ type: 'Input.Text', id: 'note', isRequired: true, errorMessage: 'Say something' }]), 'adaptivecards: Required inputs should have a label'],
    ['a required input without an error message', card([{ type: 'Input.Text', id: 'note', isRequired: true, label: 'Note' }]), 'adaptivecards: Required inputs should have an error message'],
  ])("rejects %s, through Microsoft's adaptivecards library (issue 17)", (_name, invalid, message) => {
    expect(cardErrors(invalid)).toContain(message);
  });
});

