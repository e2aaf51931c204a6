#!/usr/bin/env python3
"""Measure a Weft kernel table on one GPU (see FORMAT.md in this folder).

Usage:
    python3 profile_gpu.py --dry-run [--quick] [--list]   # no torch, no GPU needed
    python3 profile_gpu.py --out DIR [--quick]            # writes DIR/<hw>.csv, DIR/<hw>-env.txt

What it does, in order:
  1. checks GEMM correctness (bf16 and fp16 against a float64 reference, relative
     Frobenius error < 1e-2; fp32 with TF32 off < 1e-4) and exits with status 1 if any fails;
  2. warms the GPU up with large GEMMs for ~2 s;
  3. walks the shape grid (copy, gemm bf16, attention, norms/elementwise, gemm fp16,
     gemm fp32), appending one CSV row per shape and flushing as it goes.

Timing method (per shape):
  * inputs are torch.randn (never zeros); independent input/output sets are carved out
    of one pool and used in rotation, enough that the rotated working set is at least
    2.2x the L2 cache (one set when a set alone is bigger; at most 2560 sets, so
    tensors under ~45 KB on Hopper stay L2-resident -- they are launch-bound anyway);
  * warm-up: 3 untimed calls, then 8 calls to measure the CPU launch cost and a rough
    GPU time;
  * before each timed run the stream is held by torch.cuda._sleep (when available) for
    about twice the CPU time needed to enqueue the run, so the GPU executes the timed
    calls back to back and launch gaps are not counted;
  * kernels whose rough time is >= 50 us: one torch.cuda.Event pair per call
    ("per-call"), samples = clamp(0.25 s / t, 20, 200);
  * kernels under 50 us: one Event pair around a batch of `inner` rotated calls
    (~0.5 ms of work, 5..100 calls), time/inner is one sample ("batchN" in the source
    string), 25 samples;
  * `seconds` is the median of the samples; `samples` is how many there were.
Never changes clocks or other GPU settings.  Out-of-memory shapes are skipped and logged.
"""

import argparse
import csv
import datetime
import math
import os
import re
import statistics
import subprocess
import sys
import time

HEADER = ["hardware", "op", "dtype", "m", "n", "k", "batch", "tokens", "context",
          "heads", "kv_heads", "head_dim", "bytes", "workers", "seconds", "samples",
          "source", "label"]

ELEM = {"bf16": 2, "fp16": 2, "fp32": 4}
MiB = 1 << 20
GiB = 1 << 30

# ---- grid -------------------------------------------------------------------------------

GEMM_M = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384]
OFFGRID_M = [3, 100, 300, 1000, 3000, 6000]
# (n, k) per transformer layer, nn.Linear layout: weight is n x k.
LAYERS = {
    "llama-3-8b": [(6144, 4096), (4096, 4096), (28672, 4096), (4096, 14336)],
    "llama-3-70b": [(10240, 8192), (8192, 8192), (57344, 8192), (8192, 28672)],
    "phi-2": [(7680, 2560), (2560, 2560), (10240, 2560), (2560, 10240)],
}
SQUARE_LOWP = [1024, 2048, 4096, 8192, 16384]
SQUARE_FP32 = [256, 512, 1024, 2048, 4096, 8192]
PREFILL_TOKENS = [128, 256, 512, 1024, 2048, 4096, 8192, 16384]
PREFILL_HEADS = [(32, 8), (64, 8)]          # Llama-3-8B, Llama-3-70B
DECODE_BATCH = [1, 2, 4, 8, 16, 32, 64, 128, 256]
DECODE_CONTEXT = [128, 512, 1024, 2048, 4096, 8192, 16384, 32768]
KV_LIMIT_BYTES = 40e9
NORM_M = [1, 16, 128, 1024, 4096, 16384]
NORM_N = [4096, 8192, 14336]
COPY_BYTES = [MiB * 4 ** i for i in range(7)]   # 1 MiB .. 4 GiB
HEAD_DIM = 128


def shape(op, dtype, **kw):
    s = {"op": op, "dtype": dtype}
    s.update(kw)
    return s


def gemm(dtype, m, n, k):
    return shape("gemm", dtype, m=m, n=n, k=k)


def kv_bytes(batch, context, kv_heads, head_dim=HEAD_DIM, elem=2):
    return 2 * batch * context * kv_heads * head_dim * elem


def build_grid(quick=False):
    g = []
    if quick:
        g += [shape("copy", "", bytes=b) for b in (MiB, 64 * MiB, GiB)]
        g += [gemm("bf16", m, 4096, 4096) for m in (1, 100, 4096)]
        g += [gemm("bf16", 8192, 8192, 8192)]
        g += [shape("attention-prefill", "bf16", batch=1, tokens=t, context=0, heads=32,
                    kv_heads=8, head_dim=HEAD_DIM) for t in (512, 4096)]
        g += [shape("attention-decode", "bf16", batch=b, tokens=1, context=c, heads=32,
                    kv_heads=8, head_dim=HEAD_DIM) for b, c in ((1, 1024), (64, 4096))]
        for op in ("elementwise", "softmax", "rmsnorm"):
            g += [shape(op, "bf16", m=m, n=4096) for m in (1, 4096)]
        g += [gemm("fp16", 1024, 4096, 4096), gemm("fp32", 1024, 1024, 1024)]
        return g
    g += [shape("copy", "", bytes=b) for b in COPY_BYTES]
    # bf16 GEMM: every layer of the three models at every m, 8B off-grid m, squares.
    for model in ("llama-3-8b", "llama-3-70b", "phi-2"):
        for n, k in LAYERS[model]:
            ms = sorted(GEMM_M + (OFFGRID_M if model == "llama-3-8b" else []))
            g += [gemm("bf16", m, n, k) for m in ms]
    g += [gemm("bf16", s, s, s) for s in SQUARE_LOWP]
    for heads, kvh in PREFILL_HEADS:
        g += [shape("attention-prefill", "bf16", batch=1, tokens=t, context=0, heads=heads,
                    kv_heads=kvh, head_dim=HEAD_DIM) for t in PREFILL_TOKENS]
    for b in DECODE_BATCH:
        for c in DECODE_CONTEXT:
            if kv_bytes(b, c, 8) <= KV_LIMIT_BYTES:
                g.append(shape("attention-decode", "bf16", batch=b, tokens=1, context=c,
                               heads=32, kv_heads=8, head_dim=HEAD_DIM))
    for op in ("elementwise", "softmax", "rmsnorm"):
        g += [shape(op, "bf16", m=m, n=n) for m in NORM_M for n in NORM_N]
    # fp16: the Llama-3-8B layers and the squares only.
    for n, k in LAYERS["llama-3-8b"]:
        g += [gemm("fp16", m, n, k) for m in GEMM_M]
    g += [gemm("fp16", s, s, s) for s in SQUARE_LOWP]
    g += [gemm("fp32", s, s, s) for s in SQUARE_FP32]
    return unique(g)


def unique(grid):
    """The grid without repeated shapes (a square can also be a model layer): a table key
    appears once per file."""
    seen, out = set(), []
    for s in grid:
        key = tuple(sorted((k, v) for k, v in s.items() if v is not None))
        if key not in seen:
            seen.add(key)
            out.append(s)
    return out


# ---- per-shape sizes and a roofline estimate (shared by --dry-run and the real run) -------

def set_bytes(s):
    """Bytes of one rotation set (inputs and outputs)."""
    op, e = s["op"], ELEM.get(s["dtype"], 1)
    if op == "gemm":
        return (s["m"] * s["k"] + s["n"] * s["k"] + s["m"] * s["n"]) * e
    if op in ("attention-prefill", "attention-decode"):
        b, t, c, h, kvh, d = (s[x] for x in ("batch", "tokens", "context", "heads",
                                            "kv_heads", "head_dim"))
        return (2 * b * h * t * d + 2 * b * kvh * (t + c) * d) * e
    if op == "elementwise":
        return 3 * s["m"] * s["n"] * e
    if op in ("softmax", "rmsnorm"):
        return 2 * s["m"] * s["n"] * e + s["n"] * e
    if op == "copy":
        return 2 * s["bytes"]
    raise ValueError(op)


def bytes_column(s):
    """The `bytes` column: traffic for elementwise/softmax/rmsnorm, buffer size for copy."""
    if s["op"] in ("elementwise", "softmax", "rmsnorm"):
        return set_bytes(s)
    if s["op"] == "copy":
        return s["bytes"]
    return None


def flops(s):
    op = s["op"]
    if op == "gemm":
        return 2.0 * s["m"] * s["n"] * s["k"]
    if op == "attention-prefill":   # causal: half of the T x (T + C) score matrix
        t, c = s["tokens"], s["context"]
        return 4.0 * s["batch"] * s["heads"] * s["head_dim"] * t * (c + (t + 1) / 2.0)
    if op == "attention-decode":
        return 4.0 * s["batch"] * s["heads"] * s["head_dim"] * s["context"]
    return 0.0


# Reference for the estimate: an H100-SXM-class GPU as reached through PyTorch.
EST_TFLOPS = {"bf16": 700e12, "fp16": 700e12, "fp32": 50e12}
EST_ATTN_FLOPS = 350e12
EST_BW = 3.0e12
EST_FLOOR = 5e-6
EST_CPU_PER_CALL = 20e-6
EST_SHAPE_OVERHEAD = 0.04     # allocation, randn, sync, Python per shape
EST_STARTUP = 15.0            # CUDA init, correctness checks, clock warm-up
TINY = 50e-6
PER_CALL_BUDGET = 0.25


def est_kernel_seconds(s):
    op = s["op"]
    if op == "gemm":
        t = flops(s) / EST_TFLOPS[s["dtype"]]
    elif op.startswith("attention"):
        t = flops(s) / EST_ATTN_FLOPS
    else:
        t = 0.0
    t = max(t, set_bytes(s) / EST_BW)
    floor = EST_FLOOR * (8 if op == "rmsnorm" else 1)
    return max(t, floor)


def plan(t):
    """(mode, samples, inner) for a kernel of rough time t seconds."""
    if t < TINY:
        inner = int(min(100, max(5, math.ceil(0.5e-3 / t))))
        return "batch", 25, inner
    return "per-call", int(min(200, max(20, PER_CALL_BUDGET / t))), 1


def est_shape_seconds(s):
    t = est_kernel_seconds(s)
    mode, samples, inner = plan(t)
    calls = samples * inner
    warm = 11 * t + 8 * EST_CPU_PER_CALL
    sleeps = 2 * EST_CPU_PER_CALL * calls
    return EST_SHAPE_OVERHEAD + warm + calls * t + sleeps


def describe(s):
    keys = [k for k in ("m", "n", "k", "batch", "tokens", "context", "heads", "kv_heads",
                        "head_dim", "bytes") if s.get(k) is not None]
    return "%s %s %s" % (s["op"], s["dtype"] or "-", " ".join("%s=%s" % (k, s[k]) for k in keys))


def dry_run(args):
    grid = filter_ops(build_grid(args.quick), args.ops)
    groups = {}
    for s in grid:
        key = (s["op"], s["dtype"] or "-")
        c, t = groups.get(key, (0, 0.0))
        groups[key] = (c + 1, t + est_shape_seconds(s))
        if args.list:
            mode, samples, inner = plan(est_kernel_seconds(s))
            print("%-70s est_kernel=%.3g s  %s x%d%s" % (
                describe(s), est_kernel_seconds(s), mode, samples,
                "" if inner == 1 else " (inner %d)" % inner))
    print("grid: %s" % ("quick" if args.quick else "full"))
    print("gemm m values: %s; off-grid m (llama-3-8b only): %s" % (GEMM_M, OFFGRID_M))
    for model, pairs in LAYERS.items():
        print("gemm (n,k) %s: %s" % (model, pairs))
    print("gemm squares bf16/fp16: %s; fp32 (TF32 off): %s" % (SQUARE_LOWP, SQUARE_FP32))
    print("attention-prefill tokens %s, heads/kv_heads %s, head_dim %d, batch 1, context 0"
          % (PREFILL_TOKENS, PREFILL_HEADS, HEAD_DIM))
    print("attention-decode batch %s x context %s (32/8/128), KV cache <= %.0f GB"
          % (DECODE_BATCH, DECODE_CONTEXT, KV_LIMIT_BYTES / 1e9))
    print("elementwise/softmax/rmsnorm m %s x n %s; copy bytes %s"
          % (NORM_M, NORM_N, COPY_BYTES))
    print()
    print("%-20s %-6s %6s %10s" % ("op", "dtype", "shapes", "est_s"))
    total_n, total_t = 0, EST_STARTUP
    for (op, dt), (c, t) in groups.items():
        print("%-20s %-6s %6d %10.1f" % (op, dt, c, t))
        total_n += c
        total_t += t
    print("%-20s %-6s %6d %10.1f" % ("startup", "", 0, EST_STARTUP))
    print("total: %d shapes, estimated %.0f s (%.1f min) on an H100-SXM-class GPU "
          "(time limit %.0f s)" % (total_n, total_t, total_t / 60, args.time_limit))
    return 0


def filter_ops(grid, ops):
    if not ops:
        return grid
    want = set(o.strip() for o in ops.split(","))
    return [s for s in grid if s["op"] in want or "%s:%s" % (s["op"], s["dtype"]) in want]


# ---- hardware id ------------------------------------------------------------------------

def hardware_id(name, mem_bytes=None):
    u = name.upper()
    if "H200" in u:
        return "h200-nvl" if "NVL" in u else "h200"
    if "H100" in u:
        if "PCIE" in u:
            return "h100-pcie"
        if "NVL" in u:
            return "h100-nvl"
        return "h100-sxm"
    if "A100" in u:
        if "40GB" in u or (mem_bytes is not None and mem_bytes < 60e9):
            return "a100-40gb"
        return "a100-80gb"
    if "RTX PRO 6000" in u:
        return "rtx-pro-6000"
    if "RTX 4090" in u:
        return "rtx-4090"
    if "RTX 3090" in u:
        return "rtx-3090"
    if re.search(r"\bL40S\b", u):
        return "l40s"
    if re.search(r"\bL4\b", u):
        return "l4"
    if re.search(r"\bA40\b", u):
        return "a40"
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower().replace("nvidia", "")).strip("-")
    return slug or "unknown-gpu"


# ---- the real run -----------------------------------------------------------------------

def log(msg):
    sys.stderr.write(msg + "\n")
    sys.stderr.flush()


class Profiler:
    def __init__(self, torch, dev, args):
        self.torch = torch
        self.dev = dev
        self.args = args
        props = torch.cuda.get_device_properties(dev)
        self.props = props
        self.l2 = getattr(props, "L2_cache_size", 0) or 50 * MiB
        self.sleep_rate = None   # cycles per second for torch.cuda._sleep
        self.has_sleep = hasattr(torch.cuda, "_sleep")
        self.events = []
        F = torch.nn.functional
        self.F = F
        self.gqa = self._probe_gqa()
        self.fused_rms = hasattr(F, "rms_norm")

    # -- helpers
    def sync(self):
        self.torch.cuda.synchronize(self.dev)

    def _probe_gqa(self):
        torch, F = self.torch, self.F
        try:
            q = torch.randn(1, 4, 8, 64, device=self.dev, dtype=torch.bfloat16)
            kv = torch.randn(1, 2, 8, 64, device=self.dev, dtype=torch.bfloat16)
            F.scaled_dot_product_attention(q, kv, kv, is_causal=True, enable_gqa=True)
            self.sync()
            return True
        except Exception as e:   # TypeError: no enable_gqa in this torch; else no kernel
            log("SDPA enable_gqa unavailable (%s); KV heads will be expanded"
                % (str(e).splitlines() or [type(e).__name__])[0][:120])
            return False

    def calibrate_sleep(self):
        if not self.has_sleep:
            return
        torch = self.torch
        e0, e1 = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
        for _ in range(2):
            e0.record()
            torch.cuda._sleep(10_000_000)
            e1.record()
            self.sync()
        secs = e0.elapsed_time(e1) / 1e3
        self.sleep_rate = 10_000_000 / secs if secs > 0 else None

    def hold(self, seconds):
        """Keep the stream busy so the CPU can enqueue a timed run ahead of the GPU."""
        if self.sleep_rate:
            seconds = min(max(seconds, 50e-6), 0.2)
            self.torch.cuda._sleep(int(seconds * self.sleep_rate))

    def event_pairs(self, n):
        torch = self.torch
        while len(self.events) < n:
            self.events.append((torch.cuda.Event(enable_timing=True),
                                torch.cuda.Event(enable_timing=True)))
        return self.events[:n]

    def pool(self, numel, sets, dtype, random=True):
        """`sets` tensors of `numel` elements, 256-byte aligned rows of one allocation,
        filled with torch.randn (integer dtypes: uniform random bytes) unless random=False."""
        torch = self.torch
        esize = torch.tensor([], dtype=dtype).element_size()
        per = 256 // esize
        stride = (numel + per - 1) // per * per
        if random and dtype.is_floating_point:
            flat = torch.randn(sets * stride, device=self.dev, dtype=dtype)
        else:
            flat = torch.empty(sets * stride, device=self.dev, dtype=dtype)
            if random:
                flat.random_()      # uniform over the integer dtype's range
        return [flat[i * stride:i * stride + numel] for i in range(sets)]

    def n_sets(self, sb):
        target = 2.2 * self.l2
        return int(min(2560, max(1, math.ceil(target / max(sb, 1)))))

    # -- shape -> callable(i)
    def make(self, s):
        torch, F = self.torch, self.F
        op = s["op"]
        dt = {"bf16": torch.bfloat16, "fp16": torch.float16, "fp32": torch.float32,
              "": torch.uint8}[s["dtype"]]
        sets = self.n_sets(set_bytes(s))
        if op == "gemm":
            m, n, k = s["m"], s["n"], s["k"]
            A = [t.view(m, k) for t in self.pool(m * k, sets, dt)]
            W = [t.view(n, k) for t in self.pool(n * k, sets, dt)]
            C = [t.view(m, n) for t in self.pool(m * n, sets, dt, random=False)]
            return sets, lambda i: torch.mm(A[i], W[i].t(), out=C[i])
        if op in ("attention-prefill", "attention-decode"):
            b, t, c, h, kvh, d = (s[x] for x in ("batch", "tokens", "context", "heads",
                                                "kv_heads", "head_dim"))
            if c and op == "attention-prefill":
                raise ValueError("prefill with context > 0 is not in this grid")
            kvh_alloc = kvh if self.gqa else h
            Q = [x.view(b, h, t, d) for x in self.pool(b * h * t * d, sets, dt)]
            K = [x.view(b, kvh_alloc, t + c, d)
                 for x in self.pool(b * kvh_alloc * (t + c) * d, sets, dt)]
            V = [x.view(b, kvh_alloc, t + c, d)
                 for x in self.pool(b * kvh_alloc * (t + c) * d, sets, dt)]
            causal = op == "attention-prefill"
            kw = {"enable_gqa": True} if self.gqa else {}
            return sets, lambda i: F.scaled_dot_product_attention(
                Q[i], K[i], V[i], is_causal=causal, **kw)
        if op == "elementwise":
            m, n = s["m"], s["n"]
            X = [x.view(m, n) for x in self.pool(m * n, sets, dt)]
            Y = [x.view(m, n) for x in self.pool(m * n, sets, dt)]
            Z = [x.view(m, n) for x in self.pool(m * n, sets, dt, random=False)]
            return sets, lambda i: torch.add(X[i], Y[i], out=Z[i])
        if op == "softmax":
            m, n = s["m"], s["n"]
            X = [x.view(m, n) for x in self.pool(m * n, sets, dt)]
            return sets, lambda i: torch.softmax(X[i], dim=-1)
        if op == "rmsnorm":
            m, n = s["m"], s["n"]
            X = [x.view(m, n) for x in self.pool(m * n, sets, dt)]
            w = torch.randn(n, device=self.dev, dtype=dt)
            eps = 1e-5
            if self.fused_rms:
                return sets, lambda i: F.rms_norm(X[i], (n,), weight=w, eps=eps)

            def manual(i):
                xf = X[i].float()
                return (xf * torch.rsqrt(xf.pow(2).mean(-1, keepdim=True) + eps)).to(dt) * w
            manual.multi_kernel = True
            return sets, manual
        if op == "copy":
            nb = s["bytes"]
            S = self.pool(nb, sets, torch.uint8)          # random bytes, not zeros
            D = self.pool(nb, sets, torch.uint8, random=False)
            return sets, lambda i: D[i].copy_(S[i])
        raise ValueError(op)

    # -- timing
    def measure(self, fn, sets):
        torch = self.torch
        idx = [0]

        def call():
            fn(idx[0] % sets)
            idx[0] += 1

        for _ in range(3):
            call()
        self.sync()
        t0 = time.perf_counter()
        for _ in range(8):
            call()
        cpu = (time.perf_counter() - t0) / 8
        self.sync()
        (e0, e1), = self.event_pairs(1)
        self.hold(2 * 8 * cpu + 1e-4)
        e0.record()
        for _ in range(8):
            call()
        e1.record()
        self.sync()
        rough = e0.elapsed_time(e1) / 1e3 / 8
        mode, samples, inner = plan(rough)
        if inner > 1 and getattr(fn, "multi_kernel", False):
            inner = max(5, inner // 2)    # keep the launch queue short
        pairs = self.event_pairs(samples)
        if mode == "per-call":
            self.hold(2 * samples * cpu + 1e-4)
            for a, b in pairs:
                a.record()
                call()
                b.record()
            self.sync()
            times = [a.elapsed_time(b) / 1e3 for a, b in pairs]
        else:
            for a, b in pairs:
                self.hold(2 * inner * cpu + 1e-4)
                a.record()
                for _ in range(inner):
                    call()
                b.record()
            self.sync()
            times = [a.elapsed_time(b) / 1e3 / inner for a, b in pairs]
        tag = "per-call" if mode == "per-call" else "batch%d" % inner
        return statistics.median(times), len(times), tag, cpu


def check_gemm(torch, dev):
    """Relative Frobenius error of torch.mm against a float64 reference; True if all pass."""
    ok = True
    lines = []
    g = torch.Generator(device=dev)
    g.manual_seed(1234)
    for dtype, name, tol in ((torch.bfloat16, "bf16", 1e-2), (torch.float16, "fp16", 1e-2),
                             (torch.float32, "fp32", 1e-4)):
        for m, n, k in ((100, 6144, 4096), (1024, 1024, 4096)):
            a = torch.randn(m, k, device=dev, dtype=dtype, generator=g)
            w = torch.randn(n, k, device=dev, dtype=dtype, generator=g)
            c = torch.mm(a, w.t())
            ref = torch.mm(a.double(), w.double().t())
            rel = ((c.double() - ref).norm() / ref.norm()).item()
            good = rel < tol and math.isfinite(rel)
            ok = ok and good
            lines.append("gemm check %s m=%d n=%d k=%d rel_err=%.3g tol=%g %s"
                         % (name, m, n, k, rel, tol, "ok" if good else "FAIL"))
    return ok, lines


def nvidia_smi(uuid):
    """Read-only nvidia-smi queries (the first GPU listed when the UUID is not accepted)."""
    fields = ["name", "driver_version", "pci.bus_id", "clocks.sm", "clocks.max.sm",
              "clocks.mem", "clocks.max.mem", "clocks.applications.graphics",
              "power.draw", "power.limit", "power.max_limit", "temperature.gpu",
              "persistence_mode", "compute_mode", "memory.total",
              "clocks_throttle_reasons.active"]

    def query(sel, fs):
        try:
            r = subprocess.run(["nvidia-smi"] + sel + ["--query-gpu=" + ",".join(fs),
                                                       "--format=csv,noheader"],
                               capture_output=True, text=True, timeout=20)
        except (OSError, subprocess.SubprocessError):
            return None
        lines = r.stdout.strip().splitlines()
        if r.returncode != 0 or not lines:
            return None
        vals = [v.strip() for v in lines[0].split(",")]
        return dict(zip(fs, vals)) if len(vals) == len(fs) else None

    for sel in ([["-i", uuid]] if uuid else []) + [[]]:
        out = query(sel, fields)
        if out is None:         # some field unsupported: ask one at a time
            out = {}
            for f in fields:
                one = query(sel, [f])
                if one:
                    out.update(one)
        if out:
            if not sel:
                out["note"] = "first GPU listed by nvidia-smi"
            return out
    return {}


def write_env(path, info):
    with open(path, "w") as f:
        for k, v in info.items():
            f.write("%s: %s\n" % (k, v))


def real_run(args):
    t_start = time.time()
    try:
        import torch
    except ImportError:
        log("torch is not installed; use --dry-run to see the grid")
        return 2
    if not torch.cuda.is_available():
        log("no CUDA device visible")
        return 2
    dev = torch.device("cuda", args.device)
    torch.cuda.set_device(dev)
    torch.manual_seed(0)
    # fp32 GEMMs are measured without TF32.
    torch.backends.cuda.matmul.allow_tf32 = False
    torch.backends.cudnn.allow_tf32 = False
    props = torch.cuda.get_device_properties(dev)
    gpu = props.name
    hw = args.hardware or hardware_id(gpu, props.total_memory)
    os.makedirs(args.out, exist_ok=True)
    csv_path = os.path.join(args.out, hw + ".csv")
    env_path = os.path.join(args.out, hw + "-env.txt")
    today = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d")
    clean = lambda x: re.sub(r"[,\s]+", " ", str(x)).strip()
    base_src = clean("weft profile_gpu.py torch %s %s %s" % (torch.__version__, gpu, today))

    uuid = getattr(props, "uuid", None)
    uuid = None if uuid is None else str(uuid)
    if uuid and not uuid.startswith("GPU-"):
        uuid = "GPU-" + uuid
    env = {
        "hardware": hw,
        "gpu_name": gpu,
        "date_utc": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "command": " ".join(sys.argv),
        "python": sys.version.split()[0],
        "torch": torch.__version__,
        "torch_cuda": torch.version.cuda,
        "cudnn": torch.backends.cudnn.version(),
        "sm_count": props.multi_processor_count,
        "compute_capability": "%d.%d" % (props.major, props.minor),
        "total_memory_bytes": props.total_memory,
        "l2_cache_bytes": getattr(props, "L2_cache_size", "unknown"),
        "matmul_allow_tf32": torch.backends.cuda.matmul.allow_tf32,
        "matmul_allow_bf16_reduced_precision_reduction":
            getattr(torch.backends.cuda.matmul, "allow_bf16_reduced_precision_reduction", "?"),
        "matmul_allow_fp16_reduced_precision_reduction":
            getattr(torch.backends.cuda.matmul, "allow_fp16_reduced_precision_reduction", "?"),
    }
    for name in ("flash_sdp_enabled", "mem_efficient_sdp_enabled", "math_sdp_enabled",
                 "cudnn_sdp_enabled"):
        f = getattr(torch.backends.cuda, name, None)
        if f is not None:
            env["sdp_" + name] = f()
    for k, v in nvidia_smi(uuid).items():
        env["smi_start_" + k] = v
    write_env(env_path, env)

    ok, lines = check_gemm(torch, dev)
    for line in lines:
        log(line)
    env["gemm_check"] = "pass" if ok else "FAIL"
    for i, line in enumerate(lines):
        env["gemm_check_%d" % i] = line
    write_env(env_path, env)
    if not ok:
        log("GEMM correctness check failed; no table written")
        return 1

    prof = Profiler(torch, dev, args)
    prof.calibrate_sleep()
    env["sdpa_gqa"] = "enable_gqa=True" if prof.gqa else "repeat_interleave (KV heads expanded)"
    env["rmsnorm_impl"] = "torch.nn.functional.rms_norm" if prof.fused_rms else \
        "manual fp32 x*rsqrt(mean(x^2)+eps)*w"
    env["sleep_cycles_per_s"] = "%.4g" % prof.sleep_rate if prof.sleep_rate else "unavailable"
    env["rotation_target_bytes"] = int(2.2 * prof.l2)
    log("%s -> %s, %d SMs, L2 %.0f MB, GQA %s, torch %s"
        % (gpu, hw, props.multi_processor_count, prof.l2 / MiB, prof.gqa, torch.__version__))

    # Clock warm-up: large bf16 GEMMs for ~2 s.
    a = torch.randn(8192, 8192, device=dev, dtype=torch.bfloat16)
    t0 = time.time()
    while time.time() - t0 < (0.5 if args.quick else 2.0):
        for _ in range(10):
            torch.mm(a, a)
        prof.sync()
    del a

    src_extra = {
        "gemm": "mm(A;W^T)",
        "attention-prefill": "sdpa-gqa" if prof.gqa else "sdpa-repeat-kv",
        "attention-decode": "sdpa-gqa" if prof.gqa else "sdpa-repeat-kv",
        "rmsnorm": "F.rms_norm" if prof.fused_rms else "manual-rmsnorm",
        "elementwise": "add", "softmax": "softmax", "copy": "copy_",
    }
    grid = filter_ops(build_grid(args.quick), args.ops)
    results, skipped = [], []
    failures_in_row = 0
    with open(csv_path, "w", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(HEADER)
        fh.flush()
        for i, s in enumerate(grid):
            elapsed = time.time() - t_start
            if elapsed > args.time_limit:
                skipped.append((s, "time limit"))
                continue
            need = set_bytes(s) * prof.n_sets(set_bytes(s)) * 1.1 + 256 * MiB
            if not prof.gqa and s["op"].startswith("attention"):
                need += 2 * s["batch"] * (s["heads"] - s["kv_heads"]) * \
                    (s["tokens"] + s["context"]) * s["head_dim"] * 2
            free, _ = torch.cuda.mem_get_info(dev)
            if need > free:
                skipped.append((s, "needs %.1f GB, %.1f GB free" % (need / 1e9, free / 1e9)))
                log("[%3d/%d] %s: skipped (memory)" % (i + 1, len(grid), describe(s)))
                continue
            msg = None
            try:
                sets, fn = prof.make(s)
                med, n, tag, cpu = prof.measure(fn, sets)
                prof.sync()
            except Exception as e:   # OOM, or a backend that refuses the shape
                msg = (str(e).splitlines() or [type(e).__name__])[0][:160]
            fn = None
            if msg is not None:
                skipped.append((s, msg))
                log("[%3d/%d] %s: skipped (%s)" % (i + 1, len(grid), describe(s), msg))
                torch.cuda.empty_cache()
                failures_in_row += 1
                if failures_in_row >= 8:
                    log("8 failures in a row; stopping")
                    break
                continue
            failures_in_row = 0
            if set_bytes(s) * sets > GiB:
                torch.cuda.empty_cache()
            row = {"hardware": hw, "op": s["op"], "dtype": s["dtype"],
                   "bytes": bytes_column(s), "seconds": "%.6g" % med, "samples": n,
                   "source": "%s %s timing=%s" % (base_src, src_extra[s["op"]], tag),
                   "label": "measured"}
            for key in ("m", "n", "k", "batch", "tokens", "context", "heads", "kv_heads",
                        "head_dim"):
                row[key] = s.get(key)
            w.writerow(["" if row.get(c) is None else row[c] for c in HEADER])
            fh.flush()
            results.append((s, med, n, tag))
            rate = ""
            if flops(s):
                rate = "%.1f TFLOP/s" % (flops(s) / med / 1e12)
            elif s["op"] != "copy":
                rate = "%.0f GB/s" % (set_bytes(s) / med / 1e9)
            else:
                rate = "%.0f GB/s (r+w)" % (2 * s["bytes"] / med / 1e9)
            log("[%3d/%d] %-62s %10.4g us  n=%-3d %-9s %-18s t=%.0fs"
                % (i + 1, len(grid), describe(s), med * 1e6, n, tag, rate,
                   time.time() - t_start))

    # headline figures
    copy_bw = [2 * s["bytes"] / t for s, t, _, _ in results if s["op"] == "copy"]
    big = [flops(s) / t for s, t, _, _ in results
           if s["op"] == "gemm" and s["dtype"] == "bf16" and s["m"] == s["n"] == s["k"] == 8192]
    best = [flops(s) / t for s, t, _, _ in results if s["op"] == "gemm" and s["dtype"] == "bf16"]
    env["peak_copy_GBps_read_plus_write"] = "%.1f" % (max(copy_bw) / 1e9) if copy_bw else "n/a"
    env["gemm_bf16_8192_TFLOPS"] = "%.1f" % (big[0] / 1e12) if big else "n/a"
    env["gemm_bf16_best_TFLOPS"] = "%.1f" % (max(best) / 1e12) if best else "n/a"
    env["rows"] = len(results)
    env["skipped"] = len(skipped)
    for j, (s, why) in enumerate(skipped):
        env["skipped_%d" % j] = "%s: %s" % (describe(s), why)
    env["wall_seconds"] = "%.1f" % (time.time() - t_start)
    for k, v in nvidia_smi(uuid).items():
        env["smi_end_" + k] = v
    write_env(env_path, env)

    # summary to stdout
    print("hardware %s (%s): %d rows, %d skipped, %.0f s -> %s"
          % (hw, gpu, len(results), len(skipped), time.time() - t_start, csv_path))
    print("%-18s %-5s %5s %12s %12s %s" % ("op", "dtype", "rows", "min_us", "max_us", "best"))
    groups = {}
    for s, t, _, _ in results:
        groups.setdefault((s["op"], s["dtype"] or "-"), []).append((s, t))
    for (op, dt), items in groups.items():
        ts = [t for _, t in items]
        if op == "copy":
            best_s = "%.0f GB/s r+w" % (max(2 * s["bytes"] / t for s, t in items) / 1e9)
        elif op in ("gemm", "attention-prefill", "attention-decode"):
            best_s = "%.1f TFLOP/s" % (max(flops(s) / t for s, t in items) / 1e12)
            if op == "attention-decode":
                best_s += ", %.0f GB/s KV" % (max(set_bytes(s) / t for s, t in items) / 1e9)
        else:
            best_s = "%.0f GB/s" % (max(set_bytes(s) / t for s, t in items) / 1e9)
        print("%-18s %-5s %5d %12.4g %12.4g %s" % (op, dt, len(items), min(ts) * 1e6,
                                                   max(ts) * 1e6, best_s))
    print("copy peak (read+write) GB/s: %s; bf16 8192^3 GEMM TFLOP/s: %s"
          % (env["peak_copy_GBps_read_plus_write"], env["gemm_bf16_8192_TFLOPS"]))
    return 0


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--out", help="output folder (writes <hardware>.csv and <hardware>-env.txt)")
    p.add_argument("--quick", action="store_true", help="tiny grid for a smoke test")
    p.add_argument("--dry-run", action="store_true",
                   help="print the grid and the time estimate; needs no torch")
    p.add_argument("--list", action="store_true", help="with --dry-run: one line per shape")
    p.add_argument("--ops", help="comma-separated ops (or op:dtype) to keep, e.g. gemm:bf16,copy")
    p.add_argument("--hardware", help="override the hardware id derived from the GPU name")
    p.add_argument("--device", type=int, default=0, help="CUDA device index (default 0)")
    p.add_argument("--time-limit", type=float, default=225.0,
                   help="stop starting new shapes after this many seconds (default 225)")
    args = p.parse_args(argv)
    if args.dry_run:
        return dry_run(args)
    if not args.out:
        p.error("--out DIR is required (or use --dry-run)")
    return real_run(args)


if __name__ == "__main__":
    sys.exit(main())
