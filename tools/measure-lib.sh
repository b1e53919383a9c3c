# Shared by the measure-docker*.sh scripts (sourced, not run): timing in milliseconds and
# nearest-rank statistics.

now_ns() { date +%s%N; }
ms_since() { echo $(( ($(now_ns) - $1) / 1000000 )); }

# stats FILE -> "n median p90 min max" over one integer per line (nearest-rank percentiles).
stats() {
  sort -n "$1" | awk '{ v[NR] = $1 } END {
    n = NR; if (n == 0) { print "0 - - - -"; exit }
    m = int((n + 1) / 2); p = int(0.9 * n + 0.999999); if (p < 1) p = 1; if (p > n) p = n
    print n, v[m], v[p], v[1], v[n] }'
}
