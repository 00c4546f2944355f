import { describe, expect, it } from 'vitest';
import { findJsonSyntaxProblem } from './jsonLocation.js';

describe('finding where JSON breaks', () => {
  it.each([
    ['{}'],
    ['[1, -2.5e3, "a\\"b\\u00e9", true, false, null, {"x": []}]'],
    ['\n  {\n    "version": 1\n  }\n'],
  ])('finds nothing wrong in %j', (text) => {
    expect(() => JSON.parse(text)).not.toThrow();
    expect(findJsonSyntaxProblem(text)).toBeUndefined();
  });

  it.each([
    ['{\n  "a": 1,\n}', 3, 1, "unexpected '}' where a \"quoted\" property name should be"],
    ['{\n  "version": 1\n  "revision": 2\n}', 3, 3, "unexpected '\"' where ',' or '}' should be"],
    ['{"a": tru}', 1, 7, "unexpected 't' where a value should be"],
    ['{"a": [1, 2}', 1, 12, "unexpected '}' where ',' or ']' should be"],
    ['{"a": "line\nbreak"}', 1, 12, 'unexpected line break inside a string'],
    ['{"a": 01}', 1, 8, "unexpected '1' in a number"],
    ['{"a": -}', 1, 8, "unexpected '}' in a number"],
    ['{"a": "\\x"}', 1, 9, "unexpected 'x' after a backslash"],
    ["{'a': 1}", 1, 2, 'unexpected \'\'\' where a "quoted" property name should be'],
    ['{"a": 1} {"b": 2}', 1, 10, "unexpected '{' after the end of the data"],
    ['{"a": [1, 2', 1, 12, "unexpected end of file where ',' or ']' should be"],
    ['', 1, 1, 'unexpected end of file where a value should be'],
  ])('locates the problem in %j at line %i column %i', (text, line, column, reason) => {
    expect(() => JSON.parse(text)).toThrow(SyntaxError);
    expect(findJsonSyntaxProblem(text)).toEqual({ line, column, reason });
  });
});
