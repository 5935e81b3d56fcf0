"""Trains the embedded planner from scratch (or on from a shipped GGUF, --init) on prepared data (prepareData.ts) and saves it as
safetensors under GGUF tensor names (exportGguf.ts turns it into the shipped GGUF).

  python3 training/planner/train.py --data training/out/data --out training/out/planner --minutes 15

Seeded; prints training and validation loss and validation exact-match (greedy) as it goes. Runs on
a CPU (the shipped model is trained on a 2-core machine: it checks the BLAS first) or a GPU. Matmuls
run in bf16 under autocast on a GPU, and on a CPU with AMX or AVX-512 BF16 (oneDNN: a step 2.3x
faster than float32 on this project's machine). The vocabulary projection is computed only where
the loss is taken (the plan), which is most of the saving on a CPU.
"""

import argparse
import gzip
import json
import math
import os
import struct
import time

import numpy as np
import torch
import torch.nn.functional as F

from blas import check_blas, cpu_has_bf16
from ggufWeights import read_gguf
from model import Llama, LlamaConfig, save_model


def gguf_layers(tensors: dict[str, torch.Tensor]) -> int:
    """How many blocks a planner's GGUF holds (blk.N.*)."""
    return len({n.split(".")[1] for n in tensors if n.startswith("blk.")})


def grown_layout(given: int, layers: int) -> list[int | None]:
    """Where a planner of `given` layers goes in one of `layers` (at least as many): its blocks in
    order, a new block after every (given // added)-th of them (the rest at the end), as LLaMA Pro
    grows a model."""
    added = layers - given
    every = max(1, given // max(1, added))
    layout: list[int | None] = []
    for j in range(given):
        layout.append(j)
        if (j + 1) % every == 0 and len(layout) - (j + 1) < added:
            layout.append(None)
    return layout + [None] * (layers - len(layout))


def init_from_gguf(model: Llama, path: str) -> None:
    """Its weights, which must have this run's shapes; or, when this run has more layers, its blocks
    with new ones between them that start as the identity (their output projections zero, so the
    residual passes through): the deeper planner plans exactly as the given one until it trains."""
    _, tensors = read_gguf(path)
    given = gguf_layers(tensors)
    if given > model.cfg.layers:
        raise SystemExit(f"{path} has {given} layers, more than --layers {model.cfg.layers}: a planner can be grown, not cut")
    renamed = {n: t for n, t in tensors.items() if not n.startswith("blk.")}
    new_blocks = []
    for at, j in enumerate(grown_layout(given, model.cfg.layers)):
        if j is None:
            new_blocks.append(f"blk.{at}.")
            continue
        prefix = f"blk.{j}."
        renamed.update({f"blk.{at}." + n[len(prefix) :]: t for n, t in tensors.items() if n.startswith(prefix)})
    fresh = lambda n: n.startswith(tuple(new_blocks))  # noqa: E731 — a new block's weights come from no file
    state = model.gguf_state()
    wrong = [f"{n}: {tuple(renamed[n].shape) if n in renamed else 'missing'} for {tuple(t.shape)}" for n, t in state.items() if not fresh(n) and (n not in renamed or renamed[n].shape != t.shape)]
    if wrong:
        raise SystemExit(f"{path} does not fit the model's size (--layers, --embedding, ...): " + "; ".join(wrong[:3]))
    with torch.no_grad():
        for b in new_blocks:
            model.get_parameter(b + "attn_output.weight").zero_()
            model.get_parameter(b + "ffn_down.weight").zero_()
    model.load_state_dict(renamed, strict=False)
    print(json.dumps({"init": path, "layers": f"{given} → {model.cfg.layers}" if new_blocks else given}, ensure_ascii=False), flush=True)


def read_split(path: str):
    raw = gzip.open(path, "rb").read()
    magic, version, n, total = raw[:4], *struct.unpack("<III", raw[4:16])
    assert magic == b"TAPD" and version == 1, f"{path}: not a prepared split"
    lengths = np.frombuffer(raw, dtype="<u4", count=2 * n, offset=16).reshape(n, 2).astype(np.int64)
    tokens = np.frombuffer(raw, dtype="<u2", count=total, offset=16 + 8 * n).astype(np.int64)
    starts = np.concatenate([[0], np.cumsum(lengths.sum(1))[:-1]])
    return [(tokens[s : s + p], tokens[s + p : s + p + c]) for s, (p, c) in zip(starts, lengths)]


def batches(examples, batch_tokens: int, rng: np.random.Generator, device):
    """Shuffled batches of similar length (little padding); loss on completion tokens only."""
    order = rng.permutation(len(examples))
    # Sort within chunks by length so a batch holds similar lengths.
    chunk = 2048
    order = np.concatenate([sorted(order[i : i + chunk], key=lambda j: len(examples[j][0]) + len(examples[j][1])) for i in range(0, len(order), chunk)])
    groups, group, longest = [], [], 0
    for j in order:
        length = len(examples[j][0]) + len(examples[j][1])
        if group and max(longest, length) * (len(group) + 1) > batch_tokens:
            groups.append(group)
            group, longest = [], 0
        group.append(j)
        longest = max(longest, length)
    if group:
        groups.append(group)
    rng.shuffle(groups)
    for g in groups:
        longest = max(len(examples[j][0]) + len(examples[j][1]) for j in g)
        ids = np.zeros((len(g), longest), dtype=np.int64)
        targets = np.full((len(g), longest), -100, dtype=np.int64)
        for row, j in enumerate(g):
            p, c = examples[j]
            seq = np.concatenate([p, c])
            ids[row, : len(seq)] = seq
            targets[row, len(p) - 1 : len(seq) - 1] = c  # predict each completion token from the token before it
        yield torch.from_numpy(ids).to(device), torch.from_numpy(targets).to(device)


@torch.no_grad()
def evaluate(model, examples, device, eos: int, limit: int, amp):
    model.eval()
    loss_sum, count = 0.0, 0
    rng = np.random.default_rng(0)
    for ids, targets in batches(examples[:2000], 32768, rng, device):
        with amp():
            loss = plan_loss(model, ids, targets, reduction="sum")
        loss_sum += loss.item()
        count += (targets != -100).sum().item()
    exact = 0
    for p, c in examples[:limit]:
        out = model.greedy(list(p), len(c) + 8, {eos})
        exact += out == list(c)
    model.train()
    return loss_sum / max(1, count), exact / max(1, min(limit, len(examples)))


def plan_loss(model, ids, targets, reduction="mean"):
    mask = targets != -100
    logits = model.output(model.hidden(ids)[mask])
    return F.cross_entropy(logits.float(), targets[mask], reduction=reduction)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--minutes", type=float, default=15.0)
    ap.add_argument("--layers", type=int, default=8)
    ap.add_argument("--embedding", type=int, default=512)
    ap.add_argument("--heads", type=int, default=8)
    ap.add_argument("--kv-heads", type=int, default=4)
    ap.add_argument("--feed-forward", type=int, default=1408)
    ap.add_argument("--context", type=int, default=512)
    ap.add_argument("--batch-tokens", type=int, default=65536)
    ap.add_argument("--lr", type=float, default=2e-3)
    ap.add_argument("--eval-every", type=int, default=500)
    ap.add_argument("--eval-examples", type=int, default=200)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--max-steps", type=int, default=0, help="train this many steps, the schedule over them (0: over the time budget)")
    ap.add_argument(
        "--init",
        help="go on training a shipped planner (its .gguf; Q8_0 weights read back as float32): the data must be prepared with its vocabulary (prepareData.ts --tokenizer); with more --layers than it has, it is grown (new blocks start as the identity)",
    )
    ap.add_argument("--tiny", action="store_true", help="a tiny model for a smoke test")
    ap.add_argument("--threads", type=int, default=2, help="CPU threads (PyTorch's default here is 1)")
    ap.add_argument(
        "--precision",
        choices=["auto", "fp32", "bf16"],
        default="auto",
        help="matmul precision under autocast; the weights stay float32 (auto: bf16 on a GPU and on a CPU with bf16 hardware)",
    )
    args = ap.parse_args()

    torch.manual_seed(args.seed)
    rng = np.random.default_rng(args.seed)
    device = "cuda" if torch.cuda.is_available() else "cpu"
    if device == "cpu":
        torch.set_num_threads(args.threads)
        check_blas()
    meta = json.load(open(os.path.join(args.data, "meta.json")))
    fits = lambda e: len(e[0]) + len(e[1]) <= args.context  # noqa: E731 — longer examples cannot be trained at this context
    train = [e for e in read_split(os.path.join(args.data, "train.bin.gz")) if fits(e)]
    valid = [e for e in read_split(os.path.join(args.data, "valid.bin.gz")) if fits(e)]
    if args.tiny:
        args.layers, args.embedding, args.heads, args.kv_heads, args.feed_forward = 2, 64, 4, 2, 128
        args.batch_tokens, args.eval_every, args.eval_examples = 4096, 50, 5
    cfg = LlamaConfig(
        vocab_size=meta["vocabSize"],
        layers=args.layers,
        embedding=args.embedding,
        heads=args.heads,
        kv_heads=args.kv_heads,
        feed_forward=args.feed_forward,
        context_length=args.context,
    )
    model = Llama(cfg)
    if args.init:
        init_from_gguf(model, args.init)
    model = model.to(device)
    params = sum(p.numel() for p in model.parameters())
    print(json.dumps({"device": device, "params": params, "train": len(train), "valid": len(valid), "config": cfg.__dict__}), flush=True)

    decay = [p for n, p in model.named_parameters() if p.dim() >= 2]
    no_decay = [p for n, p in model.named_parameters() if p.dim() < 2]
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": 0.1}, {"params": no_decay, "weight_decay": 0.0}], lr=args.lr, betas=(0.9, 0.95))
    precision = args.precision
    if precision == "auto":
        precision = "bf16" if device == "cuda" or cpu_has_bf16() else "fp32"
    amp = lambda: torch.autocast(device, dtype=torch.bfloat16, enabled=precision == "bf16")  # noqa: E731
    print(json.dumps({"precision": precision}), flush=True)

    budget = args.minutes * 60
    start = time.time()
    step, epoch, best, seen = 0, 0, None, 0
    warmup = 200
    os.makedirs(args.out, exist_ok=True)
    if args.init:
        # The starting point is a candidate too: the weights kept are never worse than those given.
        best, exact = evaluate(model, valid, device, meta["eos"], args.eval_examples, amp)
        print(json.dumps({"step": 0, "valid_loss": round(best, 4), "valid_exact": round(exact, 4)}), flush=True)
        save_model(args.out, model, {"step": "0", "valid_loss": str(best)})
    done = False
    while not done:
        epoch += 1
        for ids, targets in batches(train, args.batch_tokens, rng, device):
            elapsed = time.time() - start
            # A step budget makes a run reproducible (same seed, same bytes); a time budget does not.
            progress = min(1.0, step / args.max_steps if args.max_steps else elapsed / budget)
            lr = args.lr * min(1.0, (step + 1) / warmup) * (0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * progress)))
            for g in opt.param_groups:
                g["lr"] = lr
            with amp():
                loss = plan_loss(model, ids, targets)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            step += 1
            seen += ids.numel()
            if step % 50 == 0:
                print(json.dumps({"step": step, "epoch": epoch, "loss": round(loss.item(), 4), "lr": round(lr, 6), "min": round(elapsed / 60, 2), "tokens_per_s": round(seen / max(1e-9, elapsed))}), flush=True)
            if step % args.eval_every == 0:
                vloss, exact = evaluate(model, valid, device, meta["eos"], args.eval_examples, amp)
                print(json.dumps({"step": step, "valid_loss": round(vloss, 4), "valid_exact": round(exact, 4)}), flush=True)
                if best is None or vloss < best:
                    best = vloss
                    save_model(args.out, model, {"step": str(step), "valid_loss": str(vloss)})
            if elapsed >= budget or (args.max_steps and step >= args.max_steps):
                done = True
                break
    vloss, exact = evaluate(model, valid, device, meta["eos"], args.eval_examples * 2, amp)
    print(json.dumps({"final_step": step, "valid_loss": round(vloss, 4), "valid_exact": round(exact, 4), "minutes": round((time.time() - start) / 60, 2)}), flush=True)
    if best is None or vloss <= best:
        save_model(args.out, model, {"step": str(step), "valid_loss": str(vloss)})


if __name__ == "__main__":
    main()
