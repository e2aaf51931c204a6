#!/usr/bin/env bash
# Are a refactoring's outputs byte-identical? Runs every shipped scenario (trace on) with the
# working tree and with an earlier commit, and compares every file the runs write.
#
#   sim/bench/same-outputs.sh BASE_REV [SCENARIO.yaml ...]   # default: scenarios/*.yaml
#
# Builds BASE_REV in a temporary git worktree (reactor build, never `mvn install`). Ignored in
# the comparison: summary.json's `run` section and the events-per-wall-second figure of the
# reports (both measure the machine, not the model), and the checkout's own path where a
# report names a file it read by its absolute path. Prints one line per differing file and
# exits 1 if any differ; else prints "identical: N files" and exits 0.
set -euo pipefail

base="${1:?usage: same-outputs.sh BASE_REV [SCENARIO.yaml ...]}"
shift
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
work="$(mktemp -d)"
trap 'git -C "$root" worktree remove --force "$work/src" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
cd "$root"
if [ $# -eq 0 ]; then set -- scenarios/*.yaml; fi

git worktree add --detach -q "$work/src" "$base"
echo "building $base and the working tree..." >&2
mvn -B -q -f "$work/src/pom.xml" package -Dmaven.test.skip=true -pl sim/app -am >/dev/null
mvn -B -q -f "$root/pom.xml" package -Dmaven.test.skip=true -pl sim/app -am >/dev/null

for side in base head; do
  checkout="$root"
  if [ "$side" = base ]; then checkout="$work/src"; fi
  for s in "$@"; do
    echo "$side: $s" >&2
    (cd "$checkout" && java -jar sim/app/target/weft.jar run "$s" \
        --out "$work/$side/$(basename "$s" .yaml)" --set outputs.trace=true >/dev/null)
  done
done

normalise() { # file checkout
  case "$1" in
    */summary.json) python3 -c 'import json,sys; d=json.load(open(sys.argv[1]))
d.pop("run", None); print(json.dumps(d, sort_keys=True))' "$1" | sed "s#$2/##g" ;;
    *.html|*.md|*.yaml) sed -E "s#$2/##g; s/\([0-9]+ per second of wall time\)//" "$1" ;;
    *) cat "$1" ;;
  esac
}
differ=0
count=0
while IFS= read -r rel; do
  count=$((count + 1))
  if [ ! -f "$work/head/$rel" ]; then
    echo "only in $base: $rel"; differ=1; continue
  fi
  if ! cmp -s <(normalise "$work/base/$rel" "$work/src") <(normalise "$work/head/$rel" "$root"); then
    echo "differs: $rel"; differ=1
  fi
done < <(cd "$work/base" && find . -type f | sed 's#^\./##' | sort)
while IFS= read -r rel; do
  if [ ! -f "$work/base/$rel" ]; then echo "only in the working tree: $rel"; differ=1; fi
done < <(cd "$work/head" && find . -type f | sed 's#^\./##' | sort)
if [ $differ = 0 ]; then echo "identical: $count files"; fi
exit $differ
