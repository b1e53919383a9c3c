/** A bad command line: printed with the usage, exit code 2. */
export class UsageError extends Error {}

export const MAIN_USAGE = `cranelab: a scheduling-policy testbed for CraneSched-style clusters

Usage:
  cranelab replay <trace.swf[.gz]> --policy fcfs|easy|conservative|cranesched [options]
  cranelab replay --scenario <scenario.yaml> [--policy P] [options]
  cranelab experiment <experiment.yaml> [--out DIR] [--workers N]
  cranelab tui <trace.swf[.gz] | scenario.yaml> [--policy P] [--procs N] [--speed X]
  cranelab replay <workload.jsonl> [--cluster FILE] [--per-container] [options]
  cranelab pods [--workload FILE.jsonl | --seed S --jobs N] [--out DIR]
  cranelab help [command]

Run 'cranelab help <command>' for a command's options.`;
