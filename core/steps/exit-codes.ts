import type { TerminalStepStatus } from './status.js';

/**
 * CraneSched's exit codes, one integer (PublicHeader.h `ExitCode`; docs `reference/exit_code.md`):
 * 0-255 a process exit value, 256-319 killed by a signal (256 + signal), 320 and up Crane's own.
 */
export const CRANE_EXIT = {
  Terminated: 320,
  PermissionDenied: 321,
  CgroupError: 322,
  /** Also every prepare failure: image pull, container create, bad mount. */
  FileNotFound: 323,
  SpawnFailed: 324,
  ExceedTimeLimit: 325,
  CranedDown: 326,
  ExecError: 327,
  RpcFailure: 328,
  PrologError: 329,
  ReachedDeadline: 330,
  MpiError: 331,
} as const;
export type CraneExitName = keyof typeof CRANE_EXIT;

export const SIGNAL_BASE = 256;
export const CRANE_CODE_BASE = 320;
export const SIGKILL = 9;
export const SIGTERM = 15;

/** Killed by `signal` (1..63): 256 + signal. */
export function signalExitCode(signal: number): number {
  if (!Number.isInteger(signal) || signal < 1 || signal > 63) throw new Error(`signal ${signal} is not in 1..63`);
  return SIGNAL_BASE + signal;
}

/** A step's or node's end: its terminal status and exit code. */
export interface StepEnd {
  readonly status: TerminalStepStatus;
  readonly exitCode: number;
}

/**
 * A container's exit as CraneSched reads it (`HandleContainerExited`): 0 is Completed; above 128 the
 * runtime's "killed by signal c - 128" convention, stored as 256 + signal, Failed; otherwise Failed
 * with c. An OOM kill seen by the cgroup counter is OutOfMemory with the same encoded code.
 */
export function containerExit(code: number, oomKilled = false): StepEnd {
  checkProcessCode(code);
  const exitCode = code > 128 ? SIGNAL_BASE + (code - 128) : code;
  if (oomKilled) return { status: 'OutOfMemory', exitCode };
  return { status: code === 0 ? 'Completed' : 'Failed', exitCode };
}

/**
 * A host process's exit (`crun`, a batch script): the wait status is exact, so an exit value is
 * kept as is (a shell's 137 stays 137) and a signal death is 256 + signal.
 */
export function processExit(end: { readonly code: number } | { readonly signal: number }, oomKilled = false): StepEnd {
  let exitCode: number;
  if ('signal' in end) exitCode = signalExitCode(end.signal);
  else {
    checkProcessCode(end.code);
    exitCode = end.code;
  }
  if (oomKilled) return { status: 'OutOfMemory', exitCode };
  return { status: exitCode === 0 ? 'Completed' : 'Failed', exitCode };
}

function checkProcessCode(code: number): void {
  if (!Number.isInteger(code) || code < 0 || code > 255) throw new Error(`process exit code ${code} is not in 0..255`);
}

/** `cacct`'s `primary:secondary` display: the exit value, or 0 and (code - 256) for signals and Crane codes. */
export function formatExitCode(code: number): string {
  return code < SIGNAL_BASE ? `${code}:0` : `0:${code - SIGNAL_BASE}`;
}

/** The kind of an encoded exit code. */
export type ExitCodeClass = 'process' | 'signal' | 'crane';
export function classifyExitCode(code: number): ExitCodeClass {
  if (code < SIGNAL_BASE) return 'process';
  return code < CRANE_CODE_BASE ? 'signal' : 'crane';
}
