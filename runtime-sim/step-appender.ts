import { isTerminal, PRIMARY_STEP_ID, type CommonStepSpec, type JobStepsView, type Millis, type StepId, type SubmitStepResult } from '../core/index.js';
import type { SimAppendedStep, StepWork } from './steps-work.js';

/**
 * Submits a job's appended steps as its workload says (steps-work.ts `StepAppend`), in file order,
 * once the primary runs: `after` waits for the previous appended step's end, `parallel` goes with
 * the previous submission, `offset` waits until primary start + offset. A refused step counts as
 * ended at once (the script goes on). Once the primary has ended, nothing more is submitted.
 */
export class StepAppender {
  private cursor = 0;
  private primaryStart = NaN;
  /** Per appended step: its id, or null if refused (or never submitted). */
  private readonly ids: Array<StepId | null> = [];
  private readonly byId = new Map<StepId, number>();
  /** Refusals: appended index and code. */
  readonly refused: Array<{ readonly index: number; readonly code: string; readonly at: Millis }> = [];
  private closed = false;

  constructor(private readonly steps: readonly SimAppendedStep[]) {}

  workOf(id: StepId): StepWork | undefined {
    const i = this.byId.get(id);
    return i === undefined ? undefined : this.steps[i]!.work;
  }

  nameOf(id: StepId): string | undefined {
    const i = this.byId.get(id);
    return i === undefined ? undefined : this.steps[i]!.name;
  }

  nameAt(index: number): string | undefined {
    return this.steps[index]?.name;
  }

  get submittedCount(): number {
    return this.cursor;
  }

  get total(): number {
    return this.steps.length;
  }

  /**
   * Submits every step now due; returns when to look again (an `offset` step's time), or null.
   * `current` gives the job's steps as the core sees them now.
   */
  advance(current: () => JobStepsView | undefined, now: Millis, submit: (spec: CommonStepSpec) => SubmitStepResult): Millis | null {
    if (this.closed) return null;
    const view = current();
    if (view === undefined) return null;
    const primary = view.steps.find((s) => s.id === PRIMARY_STEP_ID);
    if (primary === undefined) return null;
    if (primary.status === 'Completing' || isTerminal(primary.status) || view.status === 'Completing') {
      this.closed = true;
      return null;
    }
    if (Number.isNaN(this.primaryStart)) {
      if (primary.status !== 'Running') return null;
      this.primaryStart = now;
    }
    while (this.cursor < this.steps.length) {
      const step = this.steps[this.cursor]!;
      if (step.append.mode === 'offset') {
        const due = this.primaryStart + step.append.offset;
        if (now < due) return due;
      } else if (step.append.mode === 'after' && this.cursor > 0) {
        const prev = this.ids[this.cursor - 1];
        if (prev !== null && prev !== undefined) {
          const rec = current()?.steps.find((s) => s.id === prev);
          if (rec !== undefined && !isTerminal(rec.status)) return null;
        }
      }
      const index = this.cursor++;
      const r = submit(step.spec);
      if (r.ok) {
        this.ids[index] = r.stepId;
        this.byId.set(r.stepId, index);
      } else {
        this.ids[index] = null;
        this.refused.push({ index, code: r.code, at: now });
      }
      const after = current();
      if (after === undefined || after.status === 'Completing') {
        this.closed = true;
        return null;
      }
    }
    return null;
  }

  /** Every appended step was submitted (or refused) and has ended. */
  allDone(view: JobStepsView): boolean {
    if (this.cursor < this.steps.length && !this.closed) return false;
    for (const id of this.ids) {
      if (id === null) continue;
      const rec = view.steps.find((s) => s.id === id);
      if (rec !== undefined && !isTerminal(rec.status)) return false;
    }
    return true;
  }
}
