import type { Millis } from '../model/time.js';

/**
 * One usage counter (CraneSched `MetaResource`): jobs submitted and not ended (pending + running),
 * running jobs, the sum of the running jobs' time limits (ms), and the running jobs' resources.
 */
export class Meta {
  submit = 0;
  jobs = 0;
  // A double field from the start (reset to 0 below): sums of time limits pass 2^31 ms, and a
  // field that starts as a small integer changes its hidden class then, which deoptimizes every
  // function that reads the counters.
  wall: Millis = 0.5;
  readonly res: Float64Array;

  constructor(dims: number) {
    this.res = new Float64Array(dims);
    this.wall = 0;
  }
}

/**
 * Every counter CraneSched keeps (`AccountMetaContainer`), each created on first use:
 * - per user: per QoS, and per (the job's direct account, partition);
 * - per account (the job's account and every ancestor): per QoS, and per partition;
 * - per QoS, over everyone.
 * The keys never collide because names have no spaces or commas.
 */
export class MetaStore {
  private readonly map = new Map<string, Meta>();

  constructor(private readonly dims: number) {}

  userQos(user: string, qos: string): Meta {
    return this.get(`u ${user} q ${qos}`);
  }

  userPartition(user: string, account: string, partition: string): Meta {
    return this.get(`u ${user} a ${account} p ${partition}`);
  }

  accountQos(account: string, qos: string): Meta {
    return this.get(`a ${account} q ${qos}`);
  }

  accountPartition(account: string, partition: string): Meta {
    return this.get(`a ${account} p ${partition}`);
  }

  qos(qos: string): Meta {
    return this.get(`q ${qos}`);
  }

  /** Every counter, sorted by key (for tests and views). */
  entries(): ReadonlyArray<readonly [string, Meta]> {
    return [...this.map].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  }

  private get(key: string): Meta {
    let m = this.map.get(key);
    if (m === undefined) {
      m = new Meta(this.dims);
      this.map.set(key, m);
    }
    return m;
  }
}

/** The counters one job charges: the user's two, two per account of its chain, and its QoS's. */
export interface JobMetas {
  readonly userQos: Meta;
  readonly userPartition: Meta;
  readonly accountQos: readonly Meta[];
  readonly accountPartition: readonly Meta[];
  readonly qos: Meta;
  /** All of them, in that order (made once: a job charges them on submission, start and end). */
  readonly all: readonly Meta[];
}

/** A job's counters, with `all`. */
export function jobMetas(userQos: Meta, userPartition: Meta, accountQos: readonly Meta[], accountPartition: readonly Meta[], qos: Meta): JobMetas {
  return { userQos, userPartition, accountQos, accountPartition, qos, all: [userQos, userPartition, ...accountQos, ...accountPartition, qos] };
}

export function allMetas(m: JobMetas): readonly Meta[] {
  return m.all;
}
