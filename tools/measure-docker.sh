#!/usr/bin/env bash
# measure-docker.sh — measure the container start-up costs the simulator's cost model uses
# (runtime-sim/container-costs.ts), on a real Docker engine, and print a Markdown table.
#
# Needs a running dockerd and a local test image (../shared/tools/docker-up.sh gives both;
# no registry is needed or used). Run as root:
#   bash ../shared/tools/docker-up.sh && bash tools/measure-docker.sh [REPEATS] > out.md
#
# What is timed (wall clock around the docker CLI, so CLI start-up is included, as it is for a
# scheduler that shells out; an API client would save a few ms):
#   a) trivial container: docker create + start + wait of `true` (network none), then rm separately
#   b) pod sandbox: `docker run -d` of a long-sleeping container with its own network namespace
#      (bridge network, like a CRI PodSandbox with its own netns), and its teardown (`rm -f`)
#   c) step container joined to the sandbox: create + start + wait of `true` with
#      --network container:S --ipc container:S --pid container:S
#   d) image "pull" from a local tarball: `docker load` of `docker save` tarballs of known size
#      holding incompressible data, after `docker rmi`; gives the local unpack/register bandwidth.
#      A registry pull also downloads the layers, which is network-bound: not measured here.
#
# Env: IMAGE (default crane-test/busybox:1), LOAD_SIZES_MIB (default "64 256"), LOAD_REPEATS (default 5).
# Prints median and p90 (nearest-rank) in milliseconds; load bandwidth in MiB/s.
set -euo pipefail

REPEATS="${1:-20}"
IMAGE="${IMAGE:-crane-test/busybox:1}"
LOAD_SIZES_MIB="${LOAD_SIZES_MIB:-64 256}"
LOAD_REPEATS="${LOAD_REPEATS:-5}"
export DOCKER_HOST="${DOCKER_HOST:-unix:///var/run/docker.sock}"
PREFIX="cranelab-measure-$$"
WORK=$(mktemp -d)
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

cleanup() {
  docker ps -aq --filter "label=cranelab.measure=$PREFIX" | xargs -r docker rm -f >/dev/null 2>&1 || true
  for s in $LOAD_SIZES_MIB; do docker rmi -f "$PREFIX/load:${s}m" >/dev/null 2>&1 || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

die() { echo "measure-docker: $*" >&2; exit 1; }
docker version --format '{{.Server.Version}}' >/dev/null 2>&1 || die "no Docker engine at $DOCKER_HOST (run ../shared/tools/docker-up.sh)"
docker image inspect "$IMAGE" >/dev/null 2>&1 || die "image $IMAGE not found (run ../shared/tools/docker-up.sh)"

# now_ns, ms_since, stats
. "$(dirname "$0")/measure-lib.sh"

LABEL=(--label "cranelab.measure=$PREFIX")

# Warm-up: the first container after dockerd starts pays one-off costs (network setup, caches).
docker run --rm --network none "${LABEL[@]}" "$IMAGE" true >/dev/null

# a) trivial container ---------------------------------------------------------------------
: > "$WORK/a"; : > "$WORK/a_rm"
for _ in $(seq "$REPEATS"); do
  t=$(now_ns)
  id=$(docker create --network none "${LABEL[@]}" "$IMAGE" true)
  docker start "$id" >/dev/null
  docker wait "$id" >/dev/null
  ms_since "$t" >> "$WORK/a"
  t=$(now_ns); docker rm "$id" >/dev/null; ms_since "$t" >> "$WORK/a_rm"
done

# b) pod sandbox (own network namespace) and c) a step container joined to it -------------------
: > "$WORK/b"; : > "$WORK/b_rm"; : > "$WORK/c"; : > "$WORK/c_rm"
for i in $(seq "$REPEATS"); do
  name="$PREFIX-sbx-$i"
  t=$(now_ns)
  docker run -d --name "$name" --ipc shareable "${LABEL[@]}" "$IMAGE" sleep 100000 >/dev/null
  ms_since "$t" >> "$WORK/b"
  t=$(now_ns)
  id=$(docker create --network "container:$name" --ipc "container:$name" --pid "container:$name" "${LABEL[@]}" "$IMAGE" true)
  docker start "$id" >/dev/null
  docker wait "$id" >/dev/null
  ms_since "$t" >> "$WORK/c"
  t=$(now_ns); docker rm "$id" >/dev/null; ms_since "$t" >> "$WORK/c_rm"
  t=$(now_ns); docker rm -f "$name" >/dev/null; ms_since "$t" >> "$WORK/b_rm"
done

# d) docker load of tarballs of known size -------------------------------------------------------
: > "$WORK/d"
for size in $LOAD_SIZES_MIB; do
  root="$WORK/root-$size"; mkdir -p "$root"
  head -c "$((size * 1024 * 1024))" /dev/urandom > "$root/blob"
  tar -C "$root" -c . | docker import - "$PREFIX/load:${size}m" >/dev/null
  rm -rf "$root"
  docker save -o "$WORK/load-$size.tar" "$PREFIX/load:${size}m"
  bytes=$(stat -c %s "$WORK/load-$size.tar")
  : > "$WORK/d-$size"
  for _ in $(seq "$LOAD_REPEATS"); do
    docker rmi -f "$PREFIX/load:${size}m" >/dev/null
    sync
    t=$(now_ns)
    docker load -q -i "$WORK/load-$size.tar" >/dev/null
    ms_since "$t" >> "$WORK/d-$size"
  done
  rm -f "$WORK/load-$size.tar"
  read -r n med p90 min max < <(stats "$WORK/d-$size")
  # Bandwidth at the median time: MiB / s, two decimals.
  bw=$(awk -v b="$bytes" -v ms="$med" 'BEGIN { printf "%.1f", (b / 1048576) / (ms / 1000) }')
  bw90=$(awk -v b="$bytes" -v ms="$p90" 'BEGIN { printf "%.1f", (b / 1048576) / (ms / 1000) }')
  echo "$size $bytes $n $med $p90 $min $max $bw $bw90" >> "$WORK/d"
done

# report -------------------------------------------------------------------------------------------
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
server=$(docker version --format '{{.Server.Version}}')
driver=$(docker info --format '{{.Driver}}' 2>/dev/null || echo '?')
echo "Docker Engine $server, storage driver $driver, $(nproc) CPUs, kernel $(uname -r); image $IMAGE; $REPEATS repeats."
echo "Load average (1, 5, 15 min) before: $load_before; after: $load_after (other work on the machine inflates the times)."
echo
echo "| what | n | median ms | p90 ms | min ms | max ms |"
echo "|---|---|---|---|---|---|"
row() { read -r n med p90 min max < <(stats "$WORK/$2"); echo "| $1 | $n | $med | $p90 | $min | $max |"; }
row "(a) trivial container: create + start + wait (network none)" a
row "(a') trivial container: rm" a_rm
row "(b) pod sandbox: run -d with its own network namespace" b
row "(b') pod sandbox teardown: rm -f (stop + remove)" b_rm
row "(c) step container joined to the sandbox (network, IPC, PID): create + start + wait" c
row "(c') joined step container: rm" c_rm
echo
echo "| docker load | tar bytes | n | median ms | p90 ms | min ms | max ms | MiB/s at median | MiB/s at p90 |"
echo "|---|---|---|---|---|---|---|---|---|"
while read -r size bytes n med p90 min max bw bw90; do
  echo "| ${size} MiB random layer | $bytes | $n | $med | $p90 | $min | $max | $bw | $bw90 |"
done < "$WORK/d"
# Least-squares line through the (size, median ms) points: load time = fixed + size / bandwidth.
awk '{ n++; x[n] = $1; y[n] = $4 } END {
  if (n < 2) exit
  for (i = 1; i <= n; i++) { sx += x[i]; sy += y[i] }
  mx = sx / n; my = sy / n
  for (i = 1; i <= n; i++) { sxx += (x[i] - mx) ^ 2; sxy += (x[i] - mx) * (y[i] - my) }
  slope = sxy / sxx
  printf "\nLeast-squares fit over the medians: docker load ms = %.0f + size_MiB x %.2f, i.e. a fixed %.0f ms and %.1f MiB/s.\n", my - slope * mx, slope, my - slope * mx, 1000 / slope
}' "$WORK/d"
