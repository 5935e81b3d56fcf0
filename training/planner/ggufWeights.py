"""Reads a planner GGUF back into PyTorch tensors, so that training can go on from a shipped model
(train.py --init). Only what exportGguf.ts writes: GGUF v3, F32 and Q8_0 tensors.

    python3 ggufWeights.py planner.gguf --tokenizer tokenizer.json   # its vocabulary, for prepareData.ts --tokenizer
"""

import argparse
import json
import struct

import numpy as np
import torch

GGML_F32, GGML_F16, GGML_Q8_0 = 0, 1, 8
Q8_0_BLOCK = 32  # values per block: one f16 scale, then 32 int8

# Metadata value types (GGUF v3): their struct codes; 8 is a string, 9 an array.
SCALARS = {0: "<B", 1: "<b", 2: "<H", 3: "<h", 4: "<I", 5: "<i", 6: "<f", 7: "<?", 10: "<Q", 11: "<q", 12: "<d"}


class _Reader:
    def __init__(self, data: bytes):
        self.data, self.pos = data, 0

    def take(self, fmt: str):
        (value,) = struct.unpack_from(fmt, self.data, self.pos)
        self.pos += struct.calcsize(fmt)
        return value

    def string(self) -> str:
        n = self.take("<Q")
        self.pos += n
        return self.data[self.pos - n : self.pos].decode("utf-8")

    def value(self, kind: int):
        if kind == 8:
            return self.string()
        if kind == 9:
            inner, n = self.take("<I"), self.take("<Q")
            return [self.value(inner) for _ in range(n)]
        return self.take(SCALARS[kind])


def read_gguf(path: str) -> tuple[dict, dict[str, torch.Tensor]]:
    """The metadata and every tensor, dequantized to float32, in PyTorch's shape (ggml's dims reversed)."""
    with open(path, "rb") as f:
        data = f.read()
    r = _Reader(data)
    if data[:4] != b"GGUF":
        raise ValueError(f"{path} is not a GGUF file")
    r.pos = 4
    version = r.take("<I")
    if version != 3:
        raise ValueError(f"{path}: GGUF version {version}, only 3 is read")
    n_tensors, n_kv = r.take("<Q"), r.take("<Q")
    meta = {}
    for _ in range(n_kv):
        key = r.string()
        meta[key] = r.value(r.take("<I"))
    infos = []
    for _ in range(n_tensors):
        name = r.string()
        dims = [r.take("<Q") for _ in range(r.take("<I"))]
        kind, offset = r.take("<I"), r.take("<Q")
        infos.append((name, dims, kind, offset))
    align = int(meta.get("general.alignment", 32))
    base = (r.pos + align - 1) // align * align
    tensors = {}
    for name, dims, kind, offset in infos:
        count = int(np.prod(dims))
        start = base + offset
        if kind == GGML_F32:
            values = np.frombuffer(data, dtype="<f4", count=count, offset=start)
        elif kind == GGML_F16:
            values = np.frombuffer(data, dtype="<f2", count=count, offset=start).astype(np.float32)
        elif kind == GGML_Q8_0:
            blocks = np.frombuffer(data, dtype=np.dtype([("d", "<f2"), ("q", "i1", Q8_0_BLOCK)]), count=count // Q8_0_BLOCK, offset=start)
            values = (blocks["d"].astype(np.float32)[:, None] * blocks["q"].astype(np.float32)).reshape(-1)
        else:
            raise ValueError(f"{name}: ggml type {kind} is not read")
        tensors[name] = torch.from_numpy(values.astype(np.float32).reshape(list(reversed(dims))).copy())
    return meta, tensors


def write_tokenizer(meta: dict, path: str) -> None:
    """The vocabulary in prepareData.ts's tokenizer.json form."""
    vocab = {
        "tokens": meta["tokenizer.ggml.tokens"],
        "tokenTypes": meta["tokenizer.ggml.token_type"],
        "merges": meta["tokenizer.ggml.merges"],
        "bos": meta["tokenizer.ggml.bos_token_id"],
        "eos": meta["tokenizer.ggml.eos_token_id"],
    }
    with open(path, "w") as f:
        json.dump(vocab, f)


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("gguf")
    ap.add_argument("--tokenizer", required=True, help="where to write its vocabulary (tokenizer.json)")
    args = ap.parse_args()
    meta, _ = read_gguf(args.gguf)
    write_tokenizer(meta, args.tokenizer)
    print(f"{args.tokenizer}: {len(meta['tokenizer.ggml.tokens'])} tokens, {len(meta['tokenizer.ggml.merges'])} merges")
