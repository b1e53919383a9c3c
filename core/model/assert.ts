/** Exhaustiveness guard for `switch` over discriminated unions. */
export function assertNever(x: never, what = 'value'): never {
  throw new Error(`unexpected ${what}: ${JSON.stringify(x)}`);
}

/**
 * An internal invariant found broken: a bug in CraneLab, so the message names the ids involved.
 * Called in the branch that found it (`if (sorted[k] !== was) violated(...)`), so the message is
 * built only then. (Not a check that takes the message as a closure: a closure over the caller's
 * variables makes V8 allocate the caller's context on every call, failing or not, and some
 * callers run a hundred thousand times per replay.)
 */
export function violated(message: string): never {
  throw new Error(`invariant violated: ${message}`);
}
