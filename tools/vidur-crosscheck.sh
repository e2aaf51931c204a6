#!/usr/bin/env bash
# Peer cross-check (issue #15): the same Poisson trace through Weft and, where Vidur is
# installed (python3 -c 'import vidur'), through Microsoft's Vidur, with the ratios tabulated.
#
#   tools/vidur-crosscheck.sh [OUT_DIR]        (default: reports/vidur-crosscheck)
#
# Weft runs scenarios/vidur-crosscheck.yaml (Llama-3-8B on one A100, 512 + 128 tokens per
# request, Sarathi with 256 sequences and 2,048 tokens per iteration) at 25, 50 and 83 % of
# Vidur's saturated 15.8 req/s, writing metrics/requests.csv. Vidur is then fed exactly those
# requests (arrival, prompt and output tokens) through its trace_replay generator with the
# same scheduler limits. Import Vidur's A100 profile into Weft first for like-for-like dense
# layers: ./weft kernels import --format vidur ../shared/data/kernels/vidur
# Columns: requests completed, end-to-end latency mean / p50 / p99, time to first token mean
# and p99, decode time per output token mean (METRICS.md "Serving latencies"), seconds.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-reports/vidur-crosscheck}"
mkdir -p "$out"
loads=(25 50 83)
saturated=15.8

# stats FILE: "n mean p50 p99" of column 1 (nearest-rank percentiles)
stats() {
  sort -g "$1" | awk '{v[NR]=$1; s+=$1} END {
    if (NR == 0) { print "0 nan nan nan"; exit }
    i50 = int(0.50 * NR + 0.999999); i99 = int(0.99 * NR + 0.999999);
    printf "%d %.4f %.4f %.4f\n", NR, s / NR, v[i50], v[i99] }'
}

# row LABEL LATENCIES TTFTS TPOTS
row() {
  read -r n lm l50 l99 < <(stats "$2")
  read -r _ tm _ t99 < <(stats "$3")
  read -r _ pm _ _ < <(stats "$4")
  printf "| %s | %s | %s | %s | %s | %s | %s | %s |\n" "$1" "$n" "$lm" "$l50" "$l99" "$tm" \
    "$t99" "$pm"
}

have_vidur=0
if python3 -c 'import vidur' >/dev/null 2>&1; then have_vidur=1; fi

echo "| run | requests | latency mean | p50 | p99 | TTFT mean | TTFT p99 | TPOT mean |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|"
for load in "${loads[@]}"; do
  rate=$(awk -v l="$load" -v s="$saturated" 'BEGIN { printf "%.4f", l / 100 * s }')
  dir="$out/weft-$load"
  rm -rf "$dir"
  ./weft run scenarios/vidur-crosscheck.yaml --out "$dir" --set warmup=0s \
    --set "workload[0].arrivals.rate=$rate/s" --set outputs.requests=true >/dev/null
  req="$dir/metrics/requests.csv"
  # columns: job,workload,class,node,arrival,first_token,completion,prompt,output,attempts
  awk -F, 'NR > 1 { print $7 - $5 }' "$req" > "$dir/lat.txt"
  awk -F, 'NR > 1 { print $6 - $5 }' "$req" > "$dir/ttft.txt"
  awk -F, 'NR > 1 && $9 > 1 { print ($7 - $6) / ($9 - 1) }' "$req" > "$dir/tpot.txt"
  row "weft $load % ($rate/s)" "$dir/lat.txt" "$dir/ttft.txt" "$dir/tpot.txt"
  if [ "$have_vidur" = 1 ]; then
    vdir="$out/vidur-$load"
    rm -rf "$vdir"
    mkdir -p "$vdir"
    awk -F, 'BEGIN { print "arrived_at,num_prefill_tokens,num_decode_tokens" }
      NR > 1 { print $5 "," $8 "," $9 }' "$req" > "$vdir/trace.csv"
    python3 -m vidur.main \
      --replica_config_device a100 \
      --replica_config_model_name meta-llama/Meta-Llama-3-8B \
      --cluster_config_num_replicas 1 \
      --replica_config_tensor_parallel_size 1 \
      --replica_config_num_pipeline_stages 1 \
      --request_generator_config_type trace_replay \
      --trace_request_generator_config_trace_file "$vdir/trace.csv" \
      --replica_scheduler_config_type sarathi \
      --sarathi_scheduler_config_batch_size_cap 256 \
      --sarathi_scheduler_config_chunk_size 2048 \
      --metrics_config_output_dir "$vdir" >"$vdir/vidur.log" 2>&1
    m=$(find "$vdir" -name request_metrics.csv | head -1)
    python3 - "$m" "$vdir" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
d = sys.argv[2]
def col(name):
    return [float(r[name]) for r in rows if r.get(name) not in (None, "")]
open(d + "/lat.txt", "w").write("\n".join(map(str, col("request_e2e_time"))) + "\n")
open(d + "/ttft.txt", "w").write("\n".join(map(str, col("prefill_e2e_time"))) + "\n")
open(d + "/tpot.txt", "w").write("\n".join(map(str, col("decode_time_execution_plus_preemption_normalized"))) + "\n")
PY
    row "vidur $load %" "$vdir/lat.txt" "$vdir/ttft.txt" "$vdir/tpot.txt"
    read -r _ wl _ _ < <(stats "$dir/lat.txt")
    read -r _ vl _ _ < <(stats "$vdir/lat.txt")
    awk -v w="$wl" -v v="$vl" -v l="$load" \
      'BEGIN { printf "| ratio weft/vidur %s %% | | %.3f | | | | | |\n", l, w / v }'
  fi
done
if [ "$have_vidur" = 0 ]; then
  echo
  echo "(Vidur is not installed here: Weft side only. Baseline of issue #15, Weft/Vidur mean"
  echo " latency: 0.91-0.96 at 25 %, 0.82-0.89 at 50 %, 0.58-0.66 at 83 % load; saturated"
  echo " throughput 19.3 vs 15.8 req/s. See VALIDATION.md section 9.)"
fi
