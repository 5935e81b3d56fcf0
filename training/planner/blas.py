"""The check every training script runs first: PyTorch on this CPU is 33x slower with Debian's
reference BLAS than with OpenBLAS (shared/platform-notes.md), so say so instead of crawling."""

import time

import torch


def check_blas(minimum_gflops: float = 20.0) -> float:
    a, b = torch.randn(512, 512), torch.randn(512, 512)
    a @ b
    start = time.time()
    for _ in range(10):
        a @ b
    gflops = 10 * 2 * 512**3 / (time.time() - start) / 1e9
    if gflops < minimum_gflops:
        raise SystemExit(
            f"PyTorch multiplies matrices at {gflops:.1f} GFLOP/s: it is using the reference BLAS. "
            "Install OpenBLAS (apt-get install -y libopenblas0-pthread) and run again."
        )
    print(f"BLAS: {gflops:.0f} GFLOP/s with {torch.get_num_threads()} threads", flush=True)
    return gflops
