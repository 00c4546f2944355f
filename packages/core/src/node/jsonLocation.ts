/** Where a JSON text first breaks the grammar, as people find it in an editor. */
export interface JsonSyntaxProblem {
  /** 1-based line. */
  readonly line: number;
  /** 1-based column, counted in UTF-16 code units like most editors. */
  readonly column: number;
  /** What was wrong there, e.g. "unexpected '}'". */
  readonly reason: string;
}

/**
 * Finds the first syntax error in a JSON text, or `undefined` when the text is valid JSON.
 * `JSON.parse` only sometimes reports a position (V8 omits it for an unexpected token), so
 * this walks the grammar itself; it runs only after `JSON.parse` has failed.
 */
export function findJsonSyntaxProblem(text: string): JsonSyntaxProblem | undefined {
  const scanner = new Scanner(text);
  try {
    scanner.skipSpace();
    scanner.value();
    scanner.skipSpace();
    if (!scanner.atEnd()) scanner.unexpected('after the end of the data');
    return undefined;
  } catch (error) {
    if (error instanceof SyntaxProblem) return locate(text, error.offset, error.reason);
    if (error instanceof RangeError) return undefined; // nesting deeper than the stack: let JSON.parse's message stand
    throw error;
  }
}

function locate(text: string, offset: number, reason: string): JsonSyntaxProblem {
  let line = 1;
  let lineStart = 0;
  for (let index = 0; index < offset; index++) {
    if (text[index] === '\n') {
      line++;
      lineStart = index + 1;
    }
  }
  return { line, column: offset - lineStart + 1, reason };
}

class SyntaxProblem {
  constructor(
    readonly offset: number,
    readonly reason: string,
  ) {}
}

class Scanner {
  private offset = 0;

  constructor(private readonly text: string) {}

  atEnd(): boolean {
    return this.offset >= this.text.length;
  }

  skipSpace(): void {
    while (!this.atEnd() && ' \t\n\r'.includes(this.text[this.offset]!)) this.offset++;
  }

  unexpected(context = ''): never {
    const suffix = context ? ` ${context}` : '';
    if (this.atEnd()) throw new SyntaxProblem(this.offset, `unexpected end of file${suffix}`);
    const char = this.text[this.offset]!;
    const shown = char === '\n' ? 'line break' : char < ' ' ? `control character U+${char.charCodeAt(0).toString(16).padStart(4, '0')}` : `'${char}'`;
    throw new SyntaxProblem(this.offset, `unexpected ${shown}${suffix}`);
  }

  private expect(char: string, context: string): void {
    this.skipSpace();
    if (this.text[this.offset] !== char) this.unexpected(context);
    this.offset++;
  }

  value(): void {
    const char = this.text[this.offset];
    if (char === '{') return this.object();
    if (char === '[') return this.array();
    if (char === '"') return this.string();
    if (char === '-' || (char !== undefined && char >= '0' && char <= '9')) return this.number();
    for (const word of ['true', 'false', 'null']) {
      if (this.text.startsWith(word, this.offset)) {
        this.offset += word.length;
        return;
      }
    }
    this.unexpected('where a value should be');
  }

  private object(): void {
    this.members('}', () => {
      if (this.text[this.offset] !== '"') this.unexpected('where a "quoted" property name should be');
      this.string();
      this.expect(':', "where ':' should follow a property name");
      this.skipSpace();
      this.value();
    });
  }

  private array(): void {
    this.members(']', () => this.value());
  }

  /** An object's or array's members after its opening bracket, each read by `member`, separated by commas, up to `close`. */
  private members(close: '}' | ']', member: () => void): void {
    this.offset++;
    this.skipSpace();
    if (this.text[this.offset] === close) {
      this.offset++;
      return;
    }
    for (;;) {
      this.skipSpace();
      member();
      this.skipSpace();
      if (this.text[this.offset] === ',') {
        this.offset++;
        continue;
      }
      if (this.text[this.offset] === close) {
        this.offset++;
        return;
      }
      this.unexpected(`where ',' or '${close}' should be`);
    }
  }

  private string(): void {
    this.offset++;
    for (;;) {
      if (this.atEnd()) this.unexpected('inside a string');
      const char = this.text[this.offset]!;
      if (char === '"') {
        this.offset++;
        return;
      }
      if (char < ' ') this.unexpected('inside a string');
      if (char === '\\') {
        this.offset++;
        const escape = this.text[this.offset];
        if (escape === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(this.text.slice(this.offset + 1, this.offset + 5))) this.unexpected('in a \\u escape');
          this.offset += 5;
          continue;
        }
        if (escape === undefined || !'"\\/bfnrt'.includes(escape)) this.unexpected('after a backslash');
      }
      this.offset++;
    }
  }

  private number(): void {
    if (this.text[this.offset] === '-') this.offset++;
    const match = /^(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(this.text.slice(this.offset, this.offset + 400));
    if (!match) this.unexpected('in a number');
    this.offset += match[0].length;
    const next = this.text[this.offset];
    // "01" or "1." matched only a prefix: the rest is the error.
    if (next !== undefined && /[0-9.eE]/.test(next)) this.unexpected('in a number');
  }
}
