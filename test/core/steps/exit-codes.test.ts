import { describe, expect, it } from 'vitest';
import { aggregateNodeEnds, classifyExitCode, containerExit, CRANE_EXIT, formatExitCode, processExit, signalExitCode, type StepEnd } from '../../../core/steps/index.js';

describe('CraneSched exit codes', () => {
  it.each([
    // container exit c -> status, stored code
    [0, false, 'Completed', 0],
    [1, false, 'Failed', 1],
    [128, false, 'Failed', 128],
    [137, false, 'Failed', 265], // 137 - 128 = SIGKILL 9 -> 256 + 9
    [143, false, 'Failed', 271], // SIGTERM 15
    [255, false, 'Failed', 383], // 255 - 128 = 127 -> 256 + 127: CraneSched's arithmetic, not clamped
    [137, true, 'OutOfMemory', 265],
  ] as const)('a container exiting %i (oom %s) is %s with code %i', (c, oom, status, code) => {
    expect(containerExit(c, oom)).toEqual({ status, exitCode: code });
  });

  it('a host process keeps its exit value; a signal death is 256 + signal', () => {
    expect(processExit({ code: 137 })).toEqual({ status: 'Failed', exitCode: 137 });
    expect(processExit({ code: 0 })).toEqual({ status: 'Completed', exitCode: 0 });
    expect(processExit({ signal: 9 })).toEqual({ status: 'Failed', exitCode: 265 });
    expect(processExit({ signal: 9 }, true)).toEqual({ status: 'OutOfMemory', exitCode: 265 });
  });

  it('refuses codes outside their ranges', () => {
    expect(() => containerExit(256)).toThrow(/0..255/);
    expect(() => containerExit(-1)).toThrow(/0..255/);
    expect(() => signalExitCode(0)).toThrow(/1..63/);
  });

  it('names the Crane codes as CraneSched numbers them', () => {
    expect(CRANE_EXIT.Terminated).toBe(320);
    expect(CRANE_EXIT.FileNotFound).toBe(323);
    expect(CRANE_EXIT.SpawnFailed).toBe(324);
    expect(CRANE_EXIT.ExceedTimeLimit).toBe(325);
    expect(CRANE_EXIT.CranedDown).toBe(326);
    expect(CRANE_EXIT.ReachedDeadline).toBe(330);
    expect(CRANE_EXIT.MpiError).toBe(331);
  });

  it("shows codes as cacct's primary:secondary", () => {
    expect(formatExitCode(3)).toBe('3:0');
    expect(formatExitCode(265)).toBe('0:9');
    expect(formatExitCode(320)).toBe('0:64');
    expect([classifyExitCode(255), classifyExitCode(256), classifyExitCode(319), classifyExitCode(320)]).toEqual(['process', 'signal', 'signal', 'crane']);
  });
});

describe('per-step aggregation across nodes (choice C3)', () => {
  const ok: StepEnd = { status: 'Completed', exitCode: 0 };
  const fail1: StepEnd = { status: 'Failed', exitCode: 1 };
  const killed: StepEnd = { status: 'Cancelled', exitCode: 320 };
  const tl: StepEnd = { status: 'ExceedTimeLimit', exitCode: 325 };

  it.each([
    ['all completed', [ok, ok], ok],
    ['non-Completed beats Completed', [ok, fail1, ok], fail1],
    ['the largest code among the failures', [fail1, killed], killed],
    ['order does not matter', [killed, fail1], killed],
    ['time limit beats cancel (325 > 320)', [killed, tl, ok], tl],
    ['a Completed with a larger code still loses to a failure', [{ status: 'Completed', exitCode: 7 }, fail1], fail1],
  ] as const)('%s', (_name, reports, want) => {
    expect(aggregateNodeEnds(reports)).toEqual(want);
  });

  it('needs at least one report', () => {
    expect(() => aggregateNodeEnds([])).toThrow(/no node reports/);
  });
});
