#!/usr/bin/env bash
# measure-docker-stop.sh — what stopping a running container costs (ContainerCosts.containerStop and
# the stop grace), on a real Docker engine; prints a Markdown table. Run as root after
# ../shared/tools/docker-up.sh:   bash tools/measure-docker-stop.sh [REPEATS] [GRACE_REPEATS]
#
#   e)  `docker stop -t 10` of a `sleep` in a step container joined to a sandbox's network, IPC and
#       PID namespaces (as measure-docker.sh (c) runs a step): the sleep is not PID 1 of its PID
#       namespace, so SIGTERM's default action ends it;
#   e') `docker stop -t 10` of a `sleep` that is PID 1 of its own PID namespace and has no SIGTERM
#       handler: the kernel drops the signal, so docker waits the whole grace and sends SIGKILL.
set -euo pipefail

REPEATS="${1:-15}"
GRACE_REPEATS="${2:-3}"
IMAGE="${IMAGE:-crane-test/busybox:1}"
export DOCKER_HOST="${DOCKER_HOST:-unix:///var/run/docker.sock}"
PREFIX="cranelab-stop-$$"
WORK=$(mktemp -d)
LABEL=(--label "cranelab.measure=$PREFIX")
cleanup() {
  docker ps -aq --filter "label=cranelab.measure=$PREFIX" | xargs -r docker rm -f >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT
docker image inspect "$IMAGE" >/dev/null 2>&1 || { echo "image $IMAGE not found (run ../shared/tools/docker-up.sh)" >&2; exit 1; }
# now_ns, ms_since, stats
. "$(dirname "$0")/measure-lib.sh"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
docker run --rm --network none "${LABEL[@]}" "$IMAGE" true >/dev/null

: > "$WORK/e"
sbx="$PREFIX-sbx"
docker run -d --name "$sbx" --ipc shareable "${LABEL[@]}" "$IMAGE" sleep 100000 >/dev/null
for _ in $(seq "$REPEATS"); do
  id=$(docker run -d --network "container:$sbx" --ipc "container:$sbx" --pid "container:$sbx" "${LABEL[@]}" "$IMAGE" sleep 100000)
  t=$(now_ns); docker stop -t 10 "$id" >/dev/null; ms_since "$t" >> "$WORK/e"
  docker rm "$id" >/dev/null
done

: > "$WORK/e2"
for _ in $(seq "$GRACE_REPEATS"); do
  id=$(docker run -d --network none "${LABEL[@]}" "$IMAGE" sleep 100000)
  t=$(now_ns); docker stop -t 10 "$id" >/dev/null; ms_since "$t" >> "$WORK/e2"
  docker rm "$id" >/dev/null
done

echo "Docker Engine $(docker version --format '{{.Server.Version}}'), $(nproc) CPUs, kernel $(uname -r); image $IMAGE."
echo "Load average before: $load_before; after: $(cut -d' ' -f1-3 /proc/loadavg)."
echo
echo "| what | n | median ms | p90 ms | min ms | max ms |"
echo "|---|---|---|---|---|---|"
row() { read -r n med p90 min max < <(stats "$WORK/$2"); echo "| $1 | $n | $med | $p90 | $min | $max |"; }
row "(e) docker stop -t 10 of a sleep in a step container joined to the sandbox (not PID 1: SIGTERM ends it)" e
row "(e') docker stop -t 10 of a sleep that is PID 1 with no handler (SIGTERM ignored: grace, then SIGKILL)" e2
