"""Held-out GEMM timings for VALIDATION.md: shapes the kernel tables do not hold.

Twenty (n, k) pairs -- the Llama-3-8B and -70B layers of h100-sxm.csv, and their
tensor-parallel shards at TP 2, 4 and 8, which no table measured -- at nine token counts
that are off the tables' m grid except m = 1. bf16, torch.mm(A, W^T) as in profile_gpu.py.
Each time is the median of 11 samples, a sample being one CUDA-event pair around 20
back-to-back calls after a short torch.cuda._sleep (so no launch gaps), rotating through
enough input sets to exceed the L2 cache. Clocks are warmed with 300 8192^3 GEMMs first.

Run on the GPU: OUT=DIR python3 measure_gemm.py  ->  DIR/g.csv
(hardware,op,m,n,k,dtype,measured: the input of ./weft kernels predict --batch, plus the
measured seconds).
"""
import os

import torch

torch.backends.cuda.matmul.allow_tf32 = False
dev, bf16 = "cuda", torch.bfloat16
name = torch.cuda.get_device_name()
hw = "h200" if "H200" in name else "h100-sxm"
NK = [(6144, 4096), (4096, 4096), (28672, 4096), (4096, 14336), (3072, 4096), (2048, 4096),
      (14336, 4096), (4096, 7168), (1536, 4096), (7168, 4096), (4096, 3584), (5120, 8192),
      (8192, 4096), (28672, 8192), (8192, 14336), (2560, 8192), (8192, 2048), (14336, 8192),
      (8192, 7168), (4608, 2560)]
M = [1, 7, 48, 200, 384, 700, 1500, 3000, 5000]

x = torch.randn(8192, 8192, device=dev, dtype=bf16)
for _ in range(300):
    x @ x
torch.cuda.synchronize()
out = open(os.environ["OUT"] + "/g.csv", "w")
out.write("hardware,op,m,n,k,dtype,measured\n")
start = torch.cuda.Event(enable_timing=True)
end = torch.cuda.Event(enable_timing=True)
for n, k in NK:
    for m in M:
        sets = min(40, max(2, int(1.2e8 / ((m * k + n * k + m * n) * 2)) + 1))
        W = [torch.randn(n, k, device=dev, dtype=bf16) for _ in range(sets)]
        A = [torch.randn(m, k, device=dev, dtype=bf16) for _ in range(sets)]
        for i in range(3):
            A[i % sets] @ W[i % sets].T
        samples = []
        for _ in range(11):
            torch.cuda._sleep(2000000)
            start.record()
            for i in range(20):
                torch.mm(A[i % sets], W[i % sets].T)
            end.record()
            end.synchronize()
            samples.append(start.elapsed_time(end) / 20e3)
        samples.sort()
        out.write("%s,gemm,%d,%d,%d,bf16,%.6g\n" % (hw, m, n, k, samples[5]))
        del W, A
out.close()
print(name)
