import { applyRule, MAPPING_TARGETS, ruleSource, type Mapping, type MappingRule } from './mapping.js';
import { NO_USER, RULE_CACHE_MAX, ruleIssue, userField, type TraceIssues } from './workload.js';

type Answer = ReturnType<typeof applyRule>;

/** A rule's source: a record value's index, `PROCESSORS` (the job's mapped size) or `NO_SOURCE` (unset, constant). */
export const PROCESSORS = -1;
const NO_SOURCE = -2;

/**
 * `mapNames` for a trace whose sources are all numbers (SWF), compiled once per load: per target,
 * where its value is and the rule's answers so far by value (a rule's answer depends on the value
 * alone). A record then costs four number reads and map look-ups; the names are left in `user`,
 * `account`, `partition` and `qos` (no object per record). Issues are those of `mapNames`.
 */
export class NumericNames {
  user: string | null = null;
  account: string | null = null;
  partition: string | null = null;
  qos: string | null = null;
  private readonly rules: MappingRule[];
  private readonly sources: number[];
  private readonly answers: Map<number, Answer>[];
  /** Answers of the rules without a source (the same for every record). */
  private readonly fixed: (Answer | undefined)[];

  constructor(
    private readonly mapping: Mapping,
    /** Where a source field is in a record's values, or `PROCESSORS`. */
    sourceIndex: (source: string) => number,
    private readonly describe: (source: string) => string,
  ) {
    this.rules = MAPPING_TARGETS.map((t) => mapping[t]);
    this.sources = this.rules.map((r) => {
      const source = ruleSource(r);
      return source === null ? NO_SOURCE : sourceIndex(source);
    });
    this.answers = this.rules.map(() => new Map());
    this.fixed = this.rules.map((r, i) => (this.sources[i] === NO_SOURCE ? applyRule(r, () => '') : undefined));
  }

  /**
   * Maps one record (its values from `values[at]` on, its mapped size `processors`); false after
   * adding an issue for `line`.
   */
  map(values: ArrayLike<number>, at: number, processors: number, issues: TraceIssues, line: number): boolean {
    const user = this.answer(0, values, at, processors, issues, line);
    if (user === undefined) return false;
    const account = this.answer(1, values, at, processors, issues, line);
    if (account === undefined) return false;
    const partition = this.answer(2, values, at, processors, issues, line);
    if (partition === undefined) return false;
    const qos = this.answer(3, values, at, processors, issues, line);
    if (qos === undefined) return false;
    if (user === null) {
      issues.add(line, this.describe(userField(this.mapping)), NO_USER);
      return false;
    }
    this.user = user;
    this.account = account;
    this.partition = partition;
    this.qos = qos;
    return true;
  }

  private answer(i: number, values: ArrayLike<number>, at: number, processors: number, issues: TraceIssues, line: number): string | null | undefined {
    const source = this.sources[i]!;
    let r: Answer;
    if (source === NO_SOURCE) r = this.fixed[i]!;
    else {
      const v = source === PROCESSORS ? processors : values[at + source]!;
      r = this.answers[i]!.get(v) ?? this.learn(i, v);
    }
    if (r.ok) return r.value;
    const target = MAPPING_TARGETS[i]!;
    issues.add(line, source === NO_SOURCE ? target : this.describe(ruleSource(this.rules[i]!)!), ruleIssue(r.message, target));
    return undefined;
  }

  /**
   * Rule i's answer for a value not seen yet. A method of its own: the closure that hands
   * `applyRule` the value would otherwise make `answer` keep the value in a context allocated at
   * every call (for every record).
   */
  private learn(i: number, v: number): Answer {
    const r = applyRule(this.rules[i]!, () => v);
    const answers = this.answers[i]!;
    if (answers.size < RULE_CACHE_MAX) answers.set(v, r);
    return r;
  }
}
