"""The check every training script runs first: PyTorch on this CPU is 33x slower with Debian's
reference BLAS than with OpenBLAS (shared/platform-notes.md), so say so instead of crawling."""

import time

import torch


def check_blas(minimum_gflops: float = 8.0) -> float:
    """The best of five timings: a machine busy with other work slows OpenBLAS to 15-35 GFLOP/s, but
    the reference BLAS never passes about 2, so a low bar with retries tells them apart."""
    a, b = torch.randn(512, 512), torch.randn(512, 512)
    a @ b
    best = 0.0
    for _ in range(5):
        start = time.time()
        for _ in range(10):
            a @ b
        best = max(best, 10 * 2 * 512**3 / (time.time() - start) / 1e9)
    if best < minimum_gflops:
        raise SystemExit(
            f"PyTorch multiplies matrices at {best:.1f} GFLOP/s: it is using the reference BLAS. "
            "Install OpenBLAS (apt-get install -y libopenblas0-pthread) and run again."
        )
    print(f"BLAS: {best:.0f} GFLOP/s with {torch.get_num_threads()} threads", flush=True)
    return best


def cpu_has_bf16() -> bool:
    """Whether this CPU multiplies bfloat16 in hardware (AMX or AVX-512 BF16): there oneDNN runs
    PyTorch's bf16 matmuls 3-5x faster than float32, and a training step about 2.3x faster."""
    try:
        flags = open("/proc/cpuinfo").read()
    except OSError:
        return False
    return torch.backends.mkldnn.is_available() and ("amx_bf16" in flags or "avx512_bf16" in flags)
