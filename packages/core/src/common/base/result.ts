/** A domain failure: a stable machine code (`module.reason`), a sentence for people, and details. */
export interface DomainError {
  readonly code: string;
  readonly message: string;
  readonly details?: Readonly<Record<string, unknown>>;
}

/** The outcome of a use case: expected failures are values, never exceptions. */
export type Result<T, E extends DomainError = DomainError> =
  | { readonly success: true; readonly data: T }
  | { readonly success: false; readonly error: E };

/** Wraps a value as a successful Result. */
export function ok<T>(data: T): Result<T, never> {
  return { success: true, data };
}

/** Builds a failed Result from an error code, message and optional details. */
export function fail(code: string, message: string, details?: Record<string, unknown>): Result<never> {
  return { success: false, error: details === undefined ? { code, message } : { code, message, details } };
}

/** Returns the data of a Result or throws: for tests and for places where failure is a bug. */
export function unwrap<T>(result: Result<T>): T {
  if (!result.success) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.data;
}
