/**
 * Ends a CraneLab process with `code` once everything written to stdout and stderr has gone out.
 *
 * A Node process that simply runs out of work tears its heap down before it exits; `process.exit`
 * skips that. After a replay the heap is large: on the bench machine the teardown took 25 ms of a
 * KTH-SP2 EASY replay and 35 ms of the KTH-SP2 scenario (an empty script: 12 ms). But writes to a
 * pipe are asynchronous on POSIX, and `process.exit` drops what is still queued, so each stream
 * first gets an empty write: its callback runs once every earlier write on that stream is done.
 * Used by the entry points only (the `cranelab` CLI, the bench's replay process), after their work.
 */
export function exitWhenFlushed(code: number): void {
  process.exitCode = code;
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}
