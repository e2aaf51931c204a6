#!/usr/bin/env bash
# Hold-model benchmark of event lists: Weft's heap (alone and inside its Simulator loop) next to
# SSJ's and DSOL's default lists, in one JMH run. See BENCHMARKS.md.
#
#   sim/bench/run.sh                          # everything, defaults from HoldModel's annotations
#   sim/bench/run.sh -p pending=100000        # extra JMH options are passed through
#   sim/bench/run.sh 'HoldModel.weft' -prof gc  # a first argument not starting with '-' replaces
#                                               # the benchmark pattern (default: HoldModel)
#
# Builds sim/bench/target/benchmarks.jar (reactor build of sim/bench and what it needs, never
# `mvn install`) when it is missing or older than the bench or engine sources, runs a one-second
# cross-check that all variants do identical work, then JMH. Results also go to a JSON file,
# sim/bench/target/hold-model.json unless -rff names another (and JSON unless -rf names a format).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
jar="$here/target/benchmarks.jar"

stale() {
  [[ ! -f "$jar" ]] && return 0
  [[ -n "$(find "$here/src" "$here/pom.xml" "$root/sim/engine/src" "$root/sim/engine/pom.xml" \
            "$root/pom.xml" -newer "$jar" -print -quit)" ]]
}
if stale; then
  echo "building $jar ..." >&2
  (cd "$root" && mvn -B -q -pl sim/bench -am package -DskipTests)
fi

java -cp "$jar" dev.weft.bench.HoldCheck

pattern="HoldModel"
if [[ $# -gt 0 && "$1" != -* ]]; then
  pattern="$1"
  shift
fi
extra=()
case " $* " in *" -rf "*) ;; *) extra+=(-rf json) ;; esac
case " $* " in *" -rff "*) ;; *) extra+=(-rff "$here/target/hold-model.json") ;; esac

exec java -jar "$jar" "$pattern" "${extra[@]}" "$@"
