/** Exhaustiveness guard for `switch` over discriminated unions. */
export function assertNever(x: never, what = 'value'): never {
  throw new Error(`unexpected ${what}: ${JSON.stringify(x)}`);
}

/** An internal invariant. A failure is a bug in CraneLab, so the message names the ids involved. */
export function invariant(cond: unknown, message: () => string): asserts cond {
  if (!cond) throw new Error(`invariant violated: ${message()}`);
}
