/** `value`, or the test fails here saying what is missing: for a read the test needs to find
 *  something at (a `!` would let it fail later, on a TypeError far from the cause). */
export function defined<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`${what}: missing`);
  return value;
}
