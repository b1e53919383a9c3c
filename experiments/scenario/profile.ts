import type { AccountsConfig, ClusterConfig, PriorityType } from '../../core/config/index.js';
import {
  ClusterState,
  DEFAULT_DECAY_HALF_LIFE_MS,
  makePlanner,
  plannerNames,
  priorityQueueOrder,
  type FairShareChoice,
  type Millis,
  type NodeSelection,
  type Planner,
  type PriorityPlugin,
  type QueueOrder,
} from '../../core/index.js';
import type { ScenarioProfile } from '../../traces/scenario/index.js';

/** The fair-share source of the multifactor order: CraneSched's, or decayed history with a half-life. */
export type FairShareSetting = { readonly type: 'running' } | { readonly type: 'decayed'; readonly halfLifeMs: Millis };

/** The policies a scenario runs under, by name. */
export interface ResolvedProfile {
  /** The planner (`backfill` axis): fcfs, easy, conservative or cranesched. */
  readonly planner: string;
  readonly priority: PriorityType;
  /** CraneSched planner only. */
  readonly nodeSelection: NodeSelection;
  /** `none`, or `qos` (CraneSched planner only; `partition` is not supported). */
  readonly preemption: string;
  /** `priority/multifactor` only. */
  readonly fairShare: FairShareSetting;
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
 * least-loaded order; its `preemption` over the cluster's `Preempt.PreemptType`; `fairShare`
 * (an experiment's over the scenario's) over CraneSched's running service. Unknown names are
 * errors naming the axis and the known names. `decayed` fair share is an error unless the queue
 * is ordered by `priority/multifactor` with `PriorityWeightFairShare` > 0 under the cranesched
 * planner: anywhere else it would silently change nothing.
 */
export function resolveProfile(profile: ScenarioProfile, cluster: ClusterConfig, policy: string | undefined, fairShareOverride?: FairShareSetting): ProfileResult {
  const planner = policy ?? profile.backfill ?? 'cranesched';
  if (!plannerNames().includes(planner)) return { ok: false, axis: policy === undefined ? 'profile.backfill' : '--policy', message: `unknown policy '${planner}'; known: ${plannerNames().join(', ')}` };
  const priority = profile.priority === undefined ? cluster.priority.type : PRIORITY_NAMES[profile.priority];
  if (priority === undefined) return { ok: false, axis: 'profile.priority', message: `unknown priority '${profile.priority}'; known: ${Object.keys(PRIORITY_NAMES).join(', ')}` };
  const nodeSelection = (profile.nodeSelection ?? 'least-loaded') as NodeSelection;
  if (!NODE_SELECTIONS.includes(nodeSelection)) return { ok: false, axis: 'profile.nodeSelection', message: `unknown node selection '${profile.nodeSelection}'; known: ${NODE_SELECTIONS.join(', ')}` };
  const preemption = profile.preemption ?? cluster.preempt.type;
  const fairShare: FairShareSetting =
    fairShareOverride ?? (profile.fairShare === 'decayed' ? { type: 'decayed', halfLifeMs: profile.halfLife ?? DEFAULT_DECAY_HALF_LIFE_MS } : RUNNING);
  if (fairShare.type === 'decayed') {
    const axis = fairShareOverride === undefined ? 'profile.fairShare' : 'fairShare';
    if (planner !== 'cranesched') return { ok: false, axis, message: `decayed fair share orders the queue of the cranesched planner; ${planner} runs jobs in submission order` };
    if (priority !== 'priority/multifactor') return { ok: false, axis, message: 'decayed fair share needs priority/multifactor (PriorityType or profile.priority)' };
    if (!(cluster.priority.weights.fairShare > 0)) return { ok: false, axis, message: 'decayed fair share needs PriorityWeightFairShare > 0 in the cluster file (it is 0: the factor would count for nothing)' };
  }
  return { ok: true, value: { planner, priority, nodeSelection, preemption, fairShare } };
}

const RUNNING: FairShareSetting = { type: 'running' };

/** A fresh planner for the profile; `planEveryJob` for views that show every job's expected start. */
export function profilePlanner(p: ResolvedProfile, planEveryJob = false): Planner {
  const planner = makePlanner(p.planner, { nodeSelection: p.nodeSelection, planEveryJob });
  if (planner === undefined) throw new Error(`planner '${p.planner}' vanished from the registry`);
  return planner;
}

/**
 * The queue order (CraneSched §4.5 step 6): `priority/basic` keeps submission order,
 * `priority/multifactor` sorts by the cluster's weights with each QoS's priority; both cut the
 * queue at `ScheduledBatchSize` (the rest wait with reason `Priority`). Decayed fair share runs
 * over the accounts file's tree, every account with equal shares among its siblings.
 */
export function profileOrder(p: ResolvedProfile, cluster: ClusterConfig, qosPriority: (qos: string) => number, accounts?: AccountsConfig): QueueOrder {
  const { weights, maxAge, favorSmall } = cluster.priority;
  const plugin: PriorityPlugin =
    p.priority === 'priority/basic'
      ? { type: 'priority/basic' }
      : {
          type: 'priority/multifactor',
          config: { weights: { age: weights.age, fairShare: weights.fairShare, jobSize: weights.jobSize, partition: weights.partition, qos: weights.qos }, maxAgeMs: maxAge, favorSmall },
        };
  const fairShare: FairShareChoice =
    p.fairShare.type === 'decayed' ? { type: 'decayed', halfLifeMs: p.fairShare.halfLifeMs, accounts: (accounts?.accounts ?? []).map((a) => ({ name: a.name, parent: a.parent })) } : { type: 'running' };
  return priorityQueueOrder(new ClusterState(cluster), plugin, qosPriority, fairShare);
}
