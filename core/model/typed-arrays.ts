/** `next` with `old` copied into its start: a typed array grown into a longer one the caller made. */
export function grown<T extends Float64Array | Int32Array | Uint8Array>(old: T, next: T): T {
  next.set(old);
  return next;
}
