"""A llama-architecture decoder in PyTorch whose weights load unchanged into llama.cpp.

Conventions match llama.cpp's LLAMA architecture so export is a copy, not a conversion:
- rotary embeddings rotate ADJACENT pairs (x[2i], x[2i+1]) as Meta's original code and llama.cpp's
  "normal" rope do (not Hugging Face's rotate-half, which needs a weight permutation);
- grouped-query attention: query head h uses key/value head h // (heads / kv_heads);
- RMSNorm with weight, SwiGLU feed-forward (down(silu(gate(x)) * up(x))), no biases;
- parameter names are the GGUF tensor names (token_embd.weight, blk.N.attn_q.weight, ...), and a
  Linear's [out, in] weight is exactly ggml's [ne0 = in, ne1 = out] layout.
Runs on PyTorch 1.13 (CPU, Debian) and 2.x (GPU).
"""

from __future__ import annotations

import json
import math
import os
import struct
from dataclasses import asdict, dataclass

import torch
import torch.nn.functional as F
from torch import nn


@dataclass
class LlamaConfig:
    vocab_size: int
    layers: int = 6
    embedding: int = 384
    heads: int = 6
    kv_heads: int = 2
    feed_forward: int = 1024
    context_length: int = 512
    rope_base: float = 10000.0
    norm_eps: float = 1e-5

    @property
    def head_dim(self) -> int:
        return self.embedding // self.heads


class RMSNorm(nn.Module):
    def __init__(self, dim: int, eps: float):
        super().__init__()
        self.eps = eps
        self.weight = nn.Parameter(torch.ones(dim))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        xf = x.float()
        return (xf * torch.rsqrt(xf.pow(2).mean(-1, keepdim=True) + self.eps)).type_as(x) * self.weight


def rope_tables(cfg: LlamaConfig, device) -> tuple[torch.Tensor, torch.Tensor]:
    inv = 1.0 / (cfg.rope_base ** (torch.arange(0, cfg.head_dim, 2, device=device).float() / cfg.head_dim))
    angles = torch.outer(torch.arange(cfg.context_length, device=device).float(), inv)
    return angles.cos(), angles.sin()


def apply_rope(x: torch.Tensor, cos: torch.Tensor, sin: torch.Tensor) -> torch.Tensor:
    # x: [batch, heads, seq, head_dim]; rotate each adjacent pair (x0, x1).
    x0 = x[..., 0::2].float()
    x1 = x[..., 1::2].float()
    out = torch.stack((x0 * cos - x1 * sin, x0 * sin + x1 * cos), dim=-1).flatten(-2)
    return out.type_as(x)


class Block(nn.Module):
    def __init__(self, cfg: LlamaConfig):
        super().__init__()
        self.cfg = cfg
        kv = cfg.kv_heads * cfg.head_dim
        self.attn_norm = RMSNorm(cfg.embedding, cfg.norm_eps)
        self.attn_q = nn.Linear(cfg.embedding, cfg.embedding, bias=False)
        self.attn_k = nn.Linear(cfg.embedding, kv, bias=False)
        self.attn_v = nn.Linear(cfg.embedding, kv, bias=False)
        self.attn_output = nn.Linear(cfg.embedding, cfg.embedding, bias=False)
        self.ffn_norm = RMSNorm(cfg.embedding, cfg.norm_eps)
        self.ffn_gate = nn.Linear(cfg.embedding, cfg.feed_forward, bias=False)
        self.ffn_up = nn.Linear(cfg.embedding, cfg.feed_forward, bias=False)
        self.ffn_down = nn.Linear(cfg.feed_forward, cfg.embedding, bias=False)

    def forward(self, x, cos, sin):
        b, t, _ = x.shape
        cfg = self.cfg
        h = self.attn_norm(x)
        q = self.attn_q(h).view(b, t, cfg.heads, cfg.head_dim).transpose(1, 2)
        k = self.attn_k(h).view(b, t, cfg.kv_heads, cfg.head_dim).transpose(1, 2)
        v = self.attn_v(h).view(b, t, cfg.kv_heads, cfg.head_dim).transpose(1, 2)
        q, k = apply_rope(q, cos, sin), apply_rope(k, cos, sin)
        group = cfg.heads // cfg.kv_heads
        k = k.repeat_interleave(group, dim=1)
        v = v.repeat_interleave(group, dim=1)
        if hasattr(F, "scaled_dot_product_attention"):
            a = F.scaled_dot_product_attention(q, k, v, is_causal=True)
        else:
            scores = (q @ k.transpose(-2, -1)) / math.sqrt(cfg.head_dim)
            mask = torch.full((t, t), float("-inf"), device=x.device).triu(1)
            a = torch.softmax(scores.float() + mask, dim=-1).type_as(q) @ v
        x = x + self.attn_output(a.transpose(1, 2).reshape(b, t, cfg.embedding))
        h = self.ffn_norm(x)
        return x + self.ffn_down(F.silu(self.ffn_gate(h)) * self.ffn_up(h))


class Llama(nn.Module):
    def __init__(self, cfg: LlamaConfig):
        super().__init__()
        self.cfg = cfg
        self.token_embd = nn.Embedding(cfg.vocab_size, cfg.embedding)
        self.blk = nn.ModuleList([Block(cfg) for _ in range(cfg.layers)])
        self.output_norm = RMSNorm(cfg.embedding, cfg.norm_eps)
        self.output = nn.Linear(cfg.embedding, cfg.vocab_size, bias=False)
        cos, sin = rope_tables(cfg, None)
        self.register_buffer("rope_cos", cos, persistent=False)
        self.register_buffer("rope_sin", sin, persistent=False)
        self.apply(self._init)

    @staticmethod
    def _init(m):
        if isinstance(m, (nn.Linear, nn.Embedding)):
            nn.init.normal_(m.weight, std=0.02)

    def hidden(self, ids: torch.Tensor) -> torch.Tensor:
        """The final normed hidden states; training projects only the positions that carry loss."""
        t = ids.shape[1]
        cos, sin = self.rope_cos[:t], self.rope_sin[:t]
        x = self.token_embd(ids)
        for block in self.blk:
            x = block(x, cos, sin)
        return self.output_norm(x)

    def forward(self, ids: torch.Tensor) -> torch.Tensor:
        return self.output(self.hidden(ids))

    @torch.no_grad()
    def greedy(self, ids: list[int], max_new: int, stop: set[int]) -> list[int]:
        out = list(ids)
        for _ in range(max_new):
            logits = self(torch.tensor([out[-self.cfg.context_length :]], device=self.output.weight.device))
            nxt = int(logits[0, -1].float().argmax())
            out.append(nxt)
            if nxt in stop:
                break
        return out[len(ids) :]

    def gguf_state(self) -> dict[str, torch.Tensor]:
        """Weights under their GGUF names (module paths already are those names)."""
        return {k: v for k, v in self.state_dict().items() if not k.startswith("rope_")}


# --- safetensors, written and read by hand (the format is a JSON header and raw little-endian data).


NUMPY_TYPES = {"F32": "<f4", "F16": "<f2"}


def save_safetensors(path: str, tensors: dict[str, torch.Tensor], metadata: dict[str, str], dtype: str = "F32") -> None:
    np_type = NUMPY_TYPES[dtype]
    header: dict = {"__metadata__": metadata}
    blobs = []
    offset = 0
    for name, t in tensors.items():
        data = t.detach().to("cpu", torch.float32).contiguous().numpy().astype(np_type).tobytes()
        header[name] = {"dtype": dtype, "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    raw = json.dumps(header, separators=(",", ":")).encode()
    raw += b" " * ((8 - len(raw) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(raw)))
        f.write(raw)
        for b in blobs:
            f.write(b)


def load_safetensors(path: str) -> tuple[dict[str, torch.Tensor], dict[str, str]]:
    import numpy as np

    with open(path, "rb") as f:
        n = struct.unpack("<Q", f.read(8))[0]
        header = json.loads(f.read(n))
        data = f.read()
    meta = header.pop("__metadata__", {})
    out = {}
    for name, info in header.items():
        a, b = info["data_offsets"]
        out[name] = torch.from_numpy(np.frombuffer(data[a:b], dtype=NUMPY_TYPES[info["dtype"]]).astype("float32")).reshape(info["shape"])
    return out, meta


SHARD_BYTES = 15 * 1024 * 1024


def shard_files(folder: str) -> list[str]:
    """The weights-NNNNN.safetensors shards in a folder, in order."""
    return sorted(os.path.join(folder, f) for f in os.listdir(folder) if f.startswith("weights-") and f.endswith(".safetensors"))


def save_model(path: str, model: Llama, extra: dict[str, str] | None = None) -> list[str]:
    """Saves to `path` (a .safetensors file, F32), or, when `path` is a folder, as F16 shards of at
    most 15 MiB (weights-NNNNN.safetensors): the GPU machine hands back files of 16 MiB at most."""
    meta = {"config": json.dumps(asdict(model.cfg)), **(extra or {})}
    state = model.gguf_state()
    if path.endswith(".safetensors"):
        save_safetensors(path, state, meta)
        return [path]
    os.makedirs(path, exist_ok=True)
    for old in shard_files(path):
        os.remove(old)
    shards: list[dict[str, torch.Tensor]] = [{}]
    size = 0
    for name, t in state.items():
        nbytes = t.numel() * 2
        if shards[-1] and size + nbytes > SHARD_BYTES:
            shards.append({})
            size = 0
        shards[-1][name] = t
        size += nbytes
    paths = [os.path.join(path, f"weights-{i + 1:05d}.safetensors") for i in range(len(shards))]
    for p, shard in zip(paths, shards):
        save_safetensors(p, shard, meta, "F16")
    return paths


def load_model(path: str) -> Llama:
    """Loads a .safetensors file, or every weights-*.safetensors shard in a folder."""
    files = [path] if path.endswith(".safetensors") else shard_files(path)
    tensors: dict[str, torch.Tensor] = {}
    meta: dict[str, str] = {}
    for f in files:
        t, meta = load_safetensors(f)
        tensors.update(t)
    model = Llama(LlamaConfig(**json.loads(meta["config"])))
    model.load_state_dict(tensors, strict=False)
    return model.eval()
