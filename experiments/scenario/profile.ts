import type { ClusterConfig, PriorityType } from '../../core/config/index.js';
import { ClusterState, makePlanner, plannerNames, priorityQueueOrder, type NodeSelection, type Planner, type PriorityPlugin, type QueueOrder } from '../../core/index.js';
import type { ScenarioProfile } from '../../traces/scenario/index.js';

/** The policies a scenario runs under, by name. */
export interface ResolvedProfile {
  /** The planner (`backfill` axis): fcfs, easy, conservative or cranesched. */
  readonly planner: string;
  readonly priority: PriorityType;
  /** CraneSched planner only. */
  readonly nodeSelection: NodeSelection;
  /** `none`, or `qos` (CraneSched planner only; `partition` is not supported). */
  readonly preemption: string;
}

export type ProfileResult = { readonly ok: true; readonly value: ResolvedProfile } | { readonly ok: false; readonly axis: string; readonly message: string };

const PRIORITY_NAMES: Readonly<Record<string, PriorityType>> = {
  'priority/basic': 'priority/basic',
  basic: 'priority/basic',
  'priority/multifactor': 'priority/multifactor',
  multifactor: 'priority/multifactor',
};
const NODE_SELECTIONS: readonly NodeSelection[] = ['least-loaded', 'pack'];

/**
 * The profile a run uses: `--policy` over the scenario's `backfill` over `cranesched`; the
 * scenario's `priority` over the cluster's `PriorityType`; its `nodeSelection` over CraneSched's
 * least-loaded order; its `preemption` over the cluster's `Preempt.PreemptType`. Unknown names
 * are errors naming the axis and the known names.
 */
export function resolveProfile(profile: ScenarioProfile, cluster: ClusterConfig, policy: string | undefined): ProfileResult {
  const planner = policy ?? profile.backfill ?? 'cranesched';
  if (!plannerNames().includes(planner)) return { ok: false, axis: policy === undefined ? 'profile.backfill' : '--policy', message: `unknown policy '${planner}'; known: ${plannerNames().join(', ')}` };
  const priority = profile.priority === undefined ? cluster.priority.type : PRIORITY_NAMES[profile.priority];
  if (priority === undefined) return { ok: false, axis: 'profile.priority', message: `unknown priority '${profile.priority}'; known: ${Object.keys(PRIORITY_NAMES).join(', ')}` };
  const nodeSelection = (profile.nodeSelection ?? 'least-loaded') as NodeSelection;
  if (!NODE_SELECTIONS.includes(nodeSelection)) return { ok: false, axis: 'profile.nodeSelection', message: `unknown node selection '${profile.nodeSelection}'; known: ${NODE_SELECTIONS.join(', ')}` };
  const preemption = profile.preemption ?? cluster.preempt.type;
  return { ok: true, value: { planner, priority, nodeSelection, preemption } };
}

/** A fresh planner for the profile. */
export function profilePlanner(p: ResolvedProfile): Planner {
  const planner = makePlanner(p.planner, { nodeSelection: p.nodeSelection });
  if (planner === undefined) throw new Error(`planner '${p.planner}' vanished from the registry`);
  return planner;
}

/**
 * The queue order (CraneSched §4.5 step 6): `priority/basic` keeps submission order,
 * `priority/multifactor` sorts by the cluster's weights with each QoS's priority; both cut the
 * queue at `ScheduledBatchSize` (the rest wait with reason `Priority`).
 */
export function profileOrder(p: ResolvedProfile, cluster: ClusterConfig, qosPriority: (qos: string) => number): QueueOrder {
  const { weights, maxAge, favorSmall } = cluster.priority;
  const plugin: PriorityPlugin =
    p.priority === 'priority/basic'
      ? { type: 'priority/basic' }
      : {
          type: 'priority/multifactor',
          config: { weights: { age: weights.age, fairShare: weights.fairShare, jobSize: weights.jobSize, partition: weights.partition, qos: weights.qos }, maxAgeMs: maxAge, favorSmall },
        };
  return priorityQueueOrder(new ClusterState(cluster), plugin, qosPriority);
}
