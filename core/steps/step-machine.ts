import type { NodeId } from '../model/ids.js';
import type { Millis } from '../model/time.js';
import type { StepEnd } from './exit-codes.js';
import type { StepId, StepPayload } from './meta.js';
import { aggregateNodeEnds, isTerminal, type StepStatus } from './status.js';

/** Which of CraneSched's three step kinds (§2.1): the daemon is tracked by `JobSteps` itself. */
export type StepRole = 'primary' | 'common';

/** One step, immutable: every transition returns a new record. */
export interface StepRecord {
  readonly id: StepId;
  readonly role: StepRole;
  readonly payload: StepPayload;
  readonly status: StepStatus;
  readonly submittedAt: Millis;
  /** When the step left Pending: its supervisors arm the time limit here, before any image pull (§2.8). */
  readonly configuredAt: Millis | null;
  /** The step's own limit, ms; null: bounded only by the job. */
  readonly timeLimit: Millis | null;
  /** The step's nodes (empty while Pending), in job-node order. */
  readonly nodes: readonly NodeId[];
  /** Nodes that reported the step started. */
  readonly started: readonly NodeId[];
  /** Per-node terminal reports, in arrival order. */
  readonly nodeEnds: ReadonlyArray<{ readonly node: NodeId; readonly end: StepEnd }>;
  /** The end a kill asked for (the first kill wins). */
  readonly killedWith: StepEnd | null;
  /** Set exactly when the status is terminal. */
  readonly end: StepEnd | null;
}

/**
 * What can happen to a step:
 * - `Schedule`: the step got nodes (Pending -> Configuring);
 * - `NodeStarted`: a node reports the step's tasks started (all of them: Configuring -> Running);
 * - `NodeEnded`: a node reports the step's tasks ended there, and how (prepare failures included);
 * - `Kill`: cancel it (a Pending step ends at once; a placed one goes Completing and waits for its nodes).
 */
export type StepEvent =
  | { readonly type: 'Schedule'; readonly nodes: readonly NodeId[]; readonly time: Millis }
  | { readonly type: 'NodeStarted'; readonly node: NodeId }
  | { readonly type: 'NodeEnded'; readonly node: NodeId; readonly end: StepEnd }
  | { readonly type: 'Kill'; readonly end: StepEnd };

export type StepTransition = { readonly ok: true; readonly step: StepRecord } | { readonly ok: false; readonly message: string };

export function newStep(id: StepId, role: StepRole, payload: StepPayload, submittedAt: Millis, timeLimit: Millis | null): StepRecord {
  return { id, role, payload, status: 'Pending', submittedAt, configuredAt: null, timeLimit, nodes: [], started: [], nodeEnds: [], killedWith: null, end: null };
}

/** When the step's time limit fires (configuredAt + timeLimit), or null if it has none or is not placed. */
export function limitEndsAt(step: StepRecord): Millis | null {
  return step.configuredAt === null || step.timeLimit === null ? null : step.configuredAt + step.timeLimit;
}

const refuse = (step: StepRecord, event: StepEvent, why: string): StepTransition => ({
  ok: false,
  message: `step ${step.id} (${step.status}): ${event.type} refused: ${why}`,
});

/**
 * The step state machine, a pure function. A refused event (a report from a node the step does not
 * run on, a second report, anything after the terminal status) is a value, never a throw, so a
 * runtime's duplicate report cannot end a step twice.
 */
export function stepTransition(step: StepRecord, event: StepEvent): StepTransition {
  if (isTerminal(step.status)) return refuse(step, event, 'the step has ended');
  switch (event.type) {
    case 'Schedule': {
      if (step.status !== 'Pending') return refuse(step, event, 'only a Pending step is scheduled');
      if (event.nodes.length === 0) return refuse(step, event, 'no nodes');
      return { ok: true, step: { ...step, status: 'Configuring', configuredAt: event.time, nodes: event.nodes } };
    }
    case 'NodeStarted': {
      if (step.status === 'Pending' || step.status === 'Running') return refuse(step, event, `no start is expected while ${step.status}`);
      if (!step.nodes.includes(event.node)) return refuse(step, event, `node ${event.node} is not one of the step's`);
      if (step.started.includes(event.node) || step.nodeEnds.some((e) => e.node === event.node)) return refuse(step, event, `node ${event.node} already reported`);
      const started = [...step.started, event.node];
      // A late start while Completing is recorded; the step does not go back to Running.
      const status = step.status === 'Configuring' && started.length === step.nodes.length ? 'Running' : step.status;
      return { ok: true, step: { ...step, started, status } };
    }
    case 'NodeEnded': {
      if (step.status === 'Pending') return refuse(step, event, 'a Pending step runs nowhere');
      if (!step.nodes.includes(event.node)) return refuse(step, event, `node ${event.node} is not one of the step's`);
      if (step.nodeEnds.some((e) => e.node === event.node)) return refuse(step, event, `node ${event.node} already ended`);
      const nodeEnds = [...step.nodeEnds, { node: event.node, end: event.end }];
      if (nodeEnds.length < step.nodes.length) return { ok: true, step: { ...step, nodeEnds, status: 'Completing' } };
      const end = aggregateNodeEnds(nodeEnds.map((e) => e.end));
      return { ok: true, step: { ...step, nodeEnds, status: end.status, end } };
    }
    case 'Kill': {
      if (step.status === 'Pending') return { ok: true, step: { ...step, status: event.end.status, killedWith: event.end, end: event.end } };
      return { ok: true, step: { ...step, status: 'Completing', killedWith: step.killedWith ?? event.end } };
    }
  }
}
