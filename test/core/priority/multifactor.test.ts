import { describe, expect, it } from 'vitest';
import {
  DEFAULT_MULTIFACTOR_CONFIG,
  MAX_PRIORITY_MAX_AGE_MS,
  multifactorPriorities,
  type MultifactorConfig,
  type PriorityFactors,
  type PriorityJob,
} from '../../../core/priority/index.js';
import { indexed, pending, running, weights } from './jobs.js';

/**
 * CraneSched's multifactor formula (CRANESCHED.md §4.6), one table row per rule. Each expected number
 * has its arithmetic next to it. Times are in seconds in the table (the builders turn them into ms).
 * `expected` lists the pending jobs in input order; running jobs have no row.
 */
interface Row {
  readonly name: string;
  readonly config: MultifactorConfig;
  readonly now: number;
  readonly jobs: readonly PriorityJob[];
  readonly expected: ReadonlyArray<{ readonly priority: number; readonly factors?: Partial<PriorityFactors> | null }>;
}

const SAMPLE_CONFIG_YAML: MultifactorConfig = {
  // etc/config.yaml of CraneSched: Age 500, FairShare 10000, JobSize 0, Partition 1000, QoS 1000000;
  // PriorityMaxAge 14-0, which CraneSched's reader clamps to 7 days.
  weights: { age: 500, fairShare: 10_000, jobSize: 0, partition: 1000, qos: 1_000_000 },
  maxAgeMs: MAX_PRIORITY_MAX_AGE_MS,
  favorSmall: true,
};

const rows: readonly Row[] = [
  {
    name: 'defaults: WeightAge 1000 only; ages min-max normalized over pending jobs',
    config: DEFAULT_MULTIFACTOR_CONFIG,
    now: 100,
    jobs: [pending({ submit: 0 }), pending({ submit: 60 }), pending({ submit: 90 })],
    // ages 100, 40, 10 s; range [10, 100], span 90
    expected: [
      // 1000 × (100 − 10)/90 = 1000; equal sizes: jobSize = 1 − 0/3 = 1 (favorSmall);
      // no running job: every account's service is 0, a degenerate range: fairShare 0
      { priority: 1000, factors: { age: 1, jobSize: 1, fairShare: 0, partition: 0, qos: 0 } },
      { priority: 1000 * (30 / 90), factors: { age: 30 / 90 } }, // 1000 × (40 − 10)/90 = 333.33
      { priority: 0, factors: { age: 0 } }, // (10 − 10)/90 = 0
    ],
  },
  {
    name: 'PriorityMaxAge caps the age before normalizing',
    config: weights({ age: 1000 }, { maxAgeMs: 50_000 }),
    now: 100,
    jobs: [pending({ submit: 0 }), pending({ submit: 60 }), pending({ submit: 90 })],
    // ages min(100, 50) = 50, 40, 10; range [10, 50], span 40
    expected: [
      { priority: 1000 }, // 1000 × 40/40
      { priority: 750 }, // 1000 × 30/40
      { priority: 0 },
    ],
  },
  {
    name: 'age is in whole seconds, truncated',
    config: weights({ age: 3000 }),
    now: 10,
    jobs: [pending({ submit: 8.001 }), pending({ submit: 7 }), pending({ submit: 9.999 })],
    // 10000 − 8001 = 1999 ms → 1 s; 3000 ms → 3 s; 1 ms → 0 s; range [0, 3]
    expected: [
      { priority: 1000 }, // 3000 × 1/3
      { priority: 3000 }, // 3000 × 3/3
      { priority: 0 },
    ],
  },
  {
    name: 'a job submitted after now has age 0 (not CraneSched’s unsigned wrap-around)',
    config: weights({ age: 1000 }),
    now: 10,
    jobs: [pending({ submit: 20 }), pending({ submit: 0 })],
    // ages 0 and 10; range [0, 10]
    expected: [{ priority: 0 }, { priority: 1000 }],
  },
  {
    name: 'all ages equal: the age factor is 0',
    config: weights({ age: 1000 }),
    now: 100,
    jobs: [pending({ submit: 50 }), pending({ submit: 50 })],
    expected: [{ priority: 0, factors: { age: 0 } }, { priority: 0, factors: { age: 0 } }],
  },
  {
    name: 'QoS and partition ranges include running jobs',
    config: weights({ qos: 100, partition: 10 }),
    now: 100,
    jobs: [pending({ qos: 10, part: 1 }), pending({ qos: 20, part: 3 }), running({ qos: 50, part: 5, start: 0 })],
    // qos range [10, 50] span 40; partition range [1, 5] span 4
    expected: [
      { priority: 0, factors: { qos: 0, partition: 0 } },
      // partition (3 − 1)/4 = 0.5, qos (20 − 10)/40 = 0.25: 10 × 0.5 + 100 × 0.25 = 30
      { priority: 30, factors: { qos: 0.25, partition: 0.5 } },
    ],
  },
  {
    name: 'job size: mean of normalized CPUs, nodes, memory over pending + running; favorSmall',
    config: weights({ jobSize: 1000 }),
    now: 100,
    jobs: [
      pending({ cpus: 1, nodes: 1, mem: 100 }),
      pending({ cpus: 4, nodes: 2, mem: 400 }),
      running({ cpus: 8, nodes: 4, mem: 100, start: 0 }),
    ],
    // cpus [1, 8] span 7; nodes [1, 4] span 3; memory [100, 400] span 300
    expected: [
      { priority: 1000, factors: { jobSize: 1 } }, // 1 − (0 + 0 + 0)/3
      // 1 − (3/7 + 1/3 + 300/300)/3 = 1 − 1.7619/3 = 0.41270
      { priority: 1000 * (1 - (3 / 7 + 1 / 3 + 1) / 3), factors: { jobSize: 1 - (3 / 7 + 1 / 3 + 1) / 3 } },
    ],
  },
  {
    name: 'job size without favorSmall is the plain mean',
    config: weights({ jobSize: 1000 }, { favorSmall: false }),
    now: 100,
    jobs: [
      pending({ cpus: 1, nodes: 1, mem: 100 }),
      pending({ cpus: 4, nodes: 2, mem: 400 }),
      running({ cpus: 8, nodes: 4, mem: 100, start: 0 }),
    ],
    expected: [
      { priority: 0, factors: { jobSize: 0 } }, // (0 + 0 + 0)/3
      { priority: 1000 * ((3 / 7 + 1 / 3 + 1) / 3) }, // (3/7 + 1/3 + 1)/3 = 0.58730
    ],
  },
  {
    name: 'a degenerate size term counts 0 in the job size',
    config: weights({ jobSize: 900 }),
    now: 100,
    jobs: [pending({ cpus: 2, mem: 100 }), pending({ cpus: 2, mem: 300 })],
    // cpus and nodes all equal: terms 0; memory [100, 300]
    expected: [
      { priority: 900 }, // 900 × (1 − 0/3)
      { priority: 600 }, // 900 × (1 − 1/3)
    ],
  },
  {
    name: 'fair share: 1 − norm(service of running jobs); a degenerate term counts 1 in the service',
    config: weights({ fairShare: 1000 }),
    now: 1000,
    jobs: [
      pending({ account: 'a', cpus: 2 }),
      pending({ account: 'b', cpus: 2 }),
      pending({ account: 'c', cpus: 2 }),
      running({ account: 'a', cpus: 2, nodes: 1, start: 900 }),
      running({ account: 'b', cpus: 4, nodes: 2, start: 500 }),
      running({ account: 'b', cpus: 2, nodes: 1, start: 990 }),
    ],
    // cpus [2, 4] span 2; nodes [1, 2] span 1; memory all 1000 MiB: degenerate, term 1
    // service a = (0 + 0 + 1) × 100 s = 100
    // service b = (1 + 1 + 1) × 500 s + (0 + 0 + 1) × 10 s = 1510
    // service c = 0 (pending only); range [0, 1510]
    expected: [
      { priority: 1000 * (1 - 100 / 1510), factors: { fairShare: 1 - 100 / 1510 } }, // 933.77
      { priority: 0, factors: { fairShare: 0 } }, // 1 − 1510/1510
      { priority: 1000, factors: { fairShare: 1 } }, // 1 − 0/1510
    ],
  },
  {
    name: 'an account with running jobs only still sets the service range',
    config: weights({ fairShare: 100 }),
    now: 1000,
    jobs: [
      pending({ account: 'a' }),
      pending({ account: 'b' }),
      running({ account: 'a', start: 980 }),
      running({ account: 'b', start: 960 }),
      running({ account: 'c', start: 995 }),
    ],
    // all sizes equal: each service term is 1, 3 per second
    // service a = 3 × 20 = 60, b = 3 × 40 = 120, c = 3 × 5 = 15; range [15, 120] span 105
    expected: [
      { priority: 100 * (1 - 45 / 105) }, // 1 − (60 − 15)/105 = 0.5714
      { priority: 0 }, // 1 − (120 − 15)/105
    ],
  },
  {
    name: 'run time is in whole seconds, truncated',
    config: weights({ fairShare: 100 }),
    now: 1000,
    jobs: [pending({ account: 'a' }), pending({ account: 'b' }), running({ account: 'a', start: 999.4 }), running({ account: 'b', start: 998 })],
    // a ran 600 ms → 0 s → service 0; b ran 2 s → service 3 × 2 = 6 (untruncated, a would have 1.8)
    expected: [{ priority: 100 }, { priority: 0 }],
  },
  {
    name: 'a mandated priority is used as is, and the job still counts in the ranges',
    config: weights({ age: 1000 }),
    now: 100,
    jobs: [pending({ submit: 0, mandated: 5 }), pending({ submit: 50 }), pending({ submit: 100 })],
    // ages 100, 50, 0: the mandated job keeps the range [0, 100] (without it, [0, 50] would give 1000)
    expected: [
      { priority: 5, factors: null },
      { priority: 500 }, // 1000 × 50/100
      { priority: 0 },
    ],
  },
  {
    name: 'a negative mandated priority is mandated too; 0 means "compute"',
    config: weights({ age: 1000 }),
    now: 100,
    jobs: [pending({ submit: 0, mandated: -7 }), pending({ submit: 0, mandated: 0 }), pending({ submit: 100 })],
    expected: [{ priority: -7, factors: null }, { priority: 1000 }, { priority: 0 }],
  },
  {
    name: 'CraneSched’s sample weights, every factor at once',
    config: SAMPLE_CONFIG_YAML,
    now: 3600,
    jobs: [
      pending({ submit: 0, qos: 10, part: 5, account: 'a' }),
      pending({ submit: 1800, qos: 20, part: 3, account: 'b' }),
      running({ qos: 0, part: 5, account: 'a', start: 3000 }),
    ],
    // age: 3600 and 1800 s, range [1800, 3600] → 1, 0
    // qos: range [0, 20] → 0.5, 1; partition: range [3, 5] → 1, 0
    // job size: all equal → 1 (weight 0); service a = 3 × 600 = 1800, b = 0 → fairShare 0, 1
    expected: [
      // 500×1 + 1000×1 + 0×1 + 10000×0 + 1000000×0.5 = 501500
      { priority: 501_500, factors: { age: 1, partition: 1, jobSize: 1, fairShare: 0, qos: 0.5 } },
      // 500×0 + 1000×0 + 0×1 + 10000×1 + 1000000×1 = 1010000
      { priority: 1_010_000, factors: { age: 0, partition: 0, jobSize: 1, fairShare: 1, qos: 1 } },
    ],
  },
  {
    name: 'an account-factor fair share is used as is; a missing account gets 0',
    config: weights({ fairShare: 1000 }, { fairShare: { type: 'account-factor', factorOf: new Map([['a', 0.25]]) } }),
    now: 100,
    jobs: [pending({ account: 'a' }), pending({ account: 'z' }), running({ account: 'z', start: 0 })],
    expected: [
      { priority: 250, factors: { fairShare: 0.25 } }, // 1000 × 0.25
      { priority: 0, factors: { fairShare: 0 } },
    ],
  },
];

describe('multifactorPriorities: CraneSched’s formula, row by row', () => {
  it.each(rows)('$name', (row) => {
    const jobs = indexed(row.jobs);
    const results = multifactorPriorities(jobs, row.config, row.now * 1000);
    expect(results).toHaveLength(row.expected.length);
    row.expected.forEach((want, k) => {
      const got = results[k]!;
      expect(got.priority, `priority of pending job #${k}`).toBeCloseTo(want.priority, 9);
      if (want.factors === null) expect(got.factors).toBeNull();
      else if (want.factors !== undefined) {
        expect(got.factors).not.toBeNull();
        for (const [name, value] of Object.entries(want.factors)) {
          expect(got.factors![name as keyof PriorityFactors], `${name} of pending job #${k}`).toBeCloseTo(value, 12);
        }
      }
    });
  });
});

describe('multifactorPriorities: shape and contract', () => {
  it('returns one result per pending job, in input order, with its index and submit time', () => {
    const jobs = [running({ index: 7, start: 0 }), pending({ index: 3, submit: 5 }), running({ index: 1, start: 1 }), pending({ index: 9, submit: 2 })];
    const results = multifactorPriorities(jobs, DEFAULT_MULTIFACTOR_CONFIG, 10_000);
    expect(results.map((r) => [r.index, r.submitTime])).toEqual([
      [3, 5000],
      [9, 2000],
    ]);
  });

  it('returns nothing when nothing is pending', () => {
    expect(multifactorPriorities([], DEFAULT_MULTIFACTOR_CONFIG, 0)).toEqual([]);
    expect(multifactorPriorities(indexed([running({ start: 0 })]), DEFAULT_MULTIFACTOR_CONFIG, 10)).toEqual([]);
  });

  it('weighs the factors in CraneSched’s order, so the doubles match its sum bit for bit', () => {
    const config = weights({ age: 0.1, partition: 0.2, jobSize: 0.3, fairShare: 0.4, qos: 0.5 }, { favorSmall: false });
    const jobs = indexed([
      pending({ submit: 0, qos: 1, part: 1, cpus: 1, account: 'a' }),
      pending({ submit: 3, qos: 4, part: 2, cpus: 3, account: 'b' }),
      running({ qos: 7, part: 5, cpus: 7, account: 'b', start: 1 }),
    ]);
    for (const r of multifactorPriorities(jobs, config, 9000)) {
      const f = r.factors!;
      expect(r.priority).toBe(0.1 * f.age + 0.2 * f.partition + 0.3 * f.jobSize + 0.4 * f.fairShare + 0.5 * f.qos);
    }
  });

  it('rejects a running job without a start time, naming its index', () => {
    const bad: PriorityJob = { ...running({ index: 4, start: 0 }), startTime: NaN };
    expect(() => multifactorPriorities([pending({ index: 0 }), bad], DEFAULT_MULTIFACTOR_CONFIG, 0)).toThrow(/index 4/);
  });

  it('rejects an account-factor outside [0, 1], naming the account', () => {
    const config = weights({}, { fairShare: { type: 'account-factor', factorOf: new Map([['x', 1.5]]) } });
    expect(() => multifactorPriorities(indexed([pending()]), config, 0)).toThrow(/'x'/);
  });

  it('rejects a negative PriorityMaxAge', () => {
    expect(() => multifactorPriorities(indexed([pending()]), weights({}, { maxAgeMs: -1 }), 0)).toThrow(/PriorityMaxAge/);
  });
});
