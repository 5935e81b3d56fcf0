"""Trains the value tagger (training/README.md, "The value tagger") on data from prepareData.ts and
exports it to ONNX for onnxruntime-node.

  /usr/bin/python3 training/tagger/train.py --data training/out/tagger-data --out models --minutes 8

Model: hashed token features (7 per token, summed embeddings) -> 2-layer bidirectional GRU -> a
label per token (O, B-/I- per value type). With --tools-weight, also the tools a request needs, from
the same states pooled over the request (a second ONNX output, "tools"; tried and not shipped, see
training/README.md, "Tried and not kept"; toolHead.ts measures it). Options add training noise that stands for unseen words
(corrupt(); off by default, see training/README.md, "Tried and not kept"). Seeded; prints validation span F1 as it goes; writes value-tagger.onnx and
value-tagger.json (labels, featurizer settings, results).
"""

import argparse
import gzip
import hashlib
import json
import os
import struct
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "planner"))
from blas import check_blas  # noqa: E402


def read_split(path):
    raw = gzip.open(path, "rb").read()
    magic, (version, n, k) = raw[:4], struct.unpack("<III", raw[4:16])
    assert magic == b"TATG" and version == 1, f"{path}: not a prepared tagger split"
    lengths = np.frombuffer(raw, dtype="<u2", count=n, offset=16).astype(np.int64)
    total = int(lengths.sum())
    ids = np.frombuffer(raw, dtype="<u2", count=total * k, offset=16 + 2 * n).astype(np.int64).reshape(total, k)
    labels = np.frombuffer(raw, dtype="u1", count=total, offset=16 + 2 * n + 2 * total * k).astype(np.int64)
    starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
    tools_path = path.replace(".bin.gz", ".tools.bin.gz")
    masks = np.frombuffer(gzip.open(tools_path, "rb").read(), dtype="<u4") if os.path.exists(tools_path) else np.zeros(n, dtype="<u4")
    assert len(masks) == n, f"{tools_path}: {len(masks)} tool masks for {n} examples"
    bits = ((masks[:, None] >> np.arange(TOOL_OUTPUTS)) & 1).astype(np.float32)
    return [(ids[s : s + l], labels[s : s + l], b) for s, l, b in zip(starts, lengths, bits) if l > 0]


# The tool-selection head's outputs: one per tool (src/core/tools/names.ts order) and "out of scope".
TOOL_OUTPUTS = 17


class Tagger(nn.Module):
    def __init__(self, buckets, labels, dim, hidden, layers, feature_dropout=0.0, tools=0):
        super().__init__()
        # Optional: the tools a request needs, read from the same encoder (max and mean over tokens).
        self.tools = nn.Linear(4 * hidden, tools) if tools else None
        self.feature_dropout = feature_dropout
        self.embedding = nn.Embedding(buckets, dim)
        self.gru = nn.GRU(dim, hidden, num_layers=layers, bidirectional=True, batch_first=True, dropout=0.1)
        self.dropout = nn.Dropout(0.15)
        self.output = nn.Linear(2 * hidden, labels)

    def forward(self, ids):  # ids: [batch, tokens, features]
        e = self.embedding(ids)
        if self.training and self.feature_dropout > 0:
            # Each of a token's hashed features is left out at random (the rest scaled up). Measured
            # worse than replacing them by random buckets (corrupt()): an unseen word is not missing at
            # run time, it reads as some other word.
            keep = (torch.rand(e.shape[:3] + (1,)) >= self.feature_dropout).to(e.dtype)
            e = e * keep / (1 - self.feature_dropout)
        x = self.dropout(e.sum(dim=2))
        h, _ = self.gru(x)
        tags = self.output(self.dropout(h))
        if self.tools is None:
            return tags
        pooled = torch.cat([h.max(dim=1).values, h.mean(dim=1)], dim=-1)
        return tags, torch.sigmoid(self.tools(self.dropout(pooled)))


# The features of a token that name the word itself (as folded and as typed), and the one that names
# the word before it (training/tagger and src/classifier/taggerFeatures.ts, in this order).
WORD_FEATURES, PREVIOUS_WORD_FEATURE = (0, 1), 5


def corrupt(ids, buckets, feature_noise, unknown_words):
    """Training noise that stands for words the tagger never saw. The generator keeps some phrasings
    and fillers out of the training split ("afterwards", "go ahead", "please and thank you" occur in
    the validation split only), as real requests hold words it never wrote; such a word hashes onto
    a bucket some training feature owns (nearly all 2^15 are), so it reads as a random known feature.
    Here each feature is replaced by a random bucket with chance feature_noise, and with chance
    unknown_words a token becomes an unseen word: its word features and the next token's
    previous-word feature are random buckets (affixes, shape and the chunk's ending stay)."""
    if feature_noise <= 0 and unknown_words <= 0:
        return ids
    ids = ids.clone()
    if feature_noise > 0:
        mask = torch.rand(ids.shape) < feature_noise
        ids[mask] = torch.randint(0, buckets, (int(mask.sum()),))
    if unknown_words > 0:
        unknown = torch.rand(ids.shape[:2]) < unknown_words
        for k in WORD_FEATURES:
            ids[..., k][unknown] = torch.randint(0, buckets, (int(unknown.sum()),))
        following = torch.zeros_like(unknown)
        following[:, 1:] = unknown[:, :-1]
        ids[..., PREVIOUS_WORD_FEATURE][following] = torch.randint(0, buckets, (int(following.sum()),))
    return ids


def batches(examples, batch_size, rng):
    """Batches of equal length: no padding, so the backward GRU never reads pad tokens."""
    by_length = {}
    for i, (ids, _, _) in enumerate(examples):
        by_length.setdefault(len(ids), []).append(i)
    groups = []
    for idx in by_length.values():
        idx = list(rng.permutation(idx))
        groups += [idx[i : i + batch_size] for i in range(0, len(idx), batch_size)]
    rng.shuffle(groups)
    for g in groups:
        yield tuple(torch.from_numpy(np.stack([examples[j][k] for j in g])) for k in range(3))


def spans(labels):
    out, open_ = [], None
    for i, label in enumerate(labels):
        if label == 0:
            open_ = None
            continue
        kind, inside = (label - 1) // 2, (label - 1) % 2 == 1
        if inside and open_ is not None and open_[0] == kind:
            open_[2] = i + 1
        else:
            open_ = [kind, i, i + 1]
            out.append(open_)
    return {tuple(s) for s in out}


@torch.no_grad()
def evaluate(model, examples, label_names, limit=5000):
    model.eval()
    kinds = sorted({n[2:] for n in label_names if n != "O"}, key=lambda n: label_names.index("B-" + n))
    tp, fp, fn = np.zeros(len(kinds)), np.zeros(len(kinds)), np.zeros(len(kinds))
    exact = 0
    tool_probs, tool_gold = [], []
    for ids, labels, tools in examples[:limit]:
        out = model(torch.from_numpy(ids)[None])
        if isinstance(out, tuple):
            out, probs = out
            tool_probs.append(probs[0].numpy())
            tool_gold.append(tools)
        pred = out[0].argmax(-1).numpy()
        p, g = spans(pred), spans(labels)
        exact += p == g
        for s in p:
            (tp if s in g else fp)[s[0]] += 1
        for s in g - p:
            fn[s[0]] += 1
    model.train()
    f1 = lambda t, a, b: 2 * t / max(1, 2 * t + a + b)  # noqa: E731
    per_type = {k: round(f1(tp[i], fp[i], fn[i]), 4) for i, k in enumerate(kinds) if tp[i] + fn[i] > 0}
    result = {"span_f1": round(f1(tp.sum(), fp.sum(), fn.sum()), 4), "exact": round(exact / max(1, min(limit, len(examples))), 4), "per_type": per_type}
    if tool_probs:
        result["tools"] = tool_selection(np.stack(tool_probs), np.stack(tool_gold))
    return result


def tool_selection(probs, gold):
    """Recall (every gold tool above threshold), tools per query and out-of-scope accuracy at a few
    shared thresholds, with the out-of-scope output at 0.5: enough to compare runs; the shipped
    thresholds are chosen per tool in TypeScript (training/classifier)."""
    in_scope = gold[:, -1] == 0
    oos_said = probs[:, -1] >= 0.5
    out = {"oos_acc": round(float(oos_said[~in_scope].mean()), 4) if (~in_scope).any() else None}
    for t in (0.5, 0.1, 0.02):
        chosen = (probs[:, :-1] >= t) & ~oos_said[:, None]
        recall = (chosen[in_scope] >= (gold[in_scope, :-1] > 0)).all(axis=1).mean()
        out[f"t{t}"] = {"recall": round(float(recall), 4), "tools": round(float(chosen[in_scope].sum(axis=1).mean()), 2),
                        "oos_acc": round(float((~chosen[~in_scope].any(axis=1)).mean()), 4)}
    # As the shipped classifier's thresholds are chosen: out of scope rejects at most 0.5% of in-scope
    # requests; then the highest shared tool threshold that reaches recall 0.986.
    if in_scope.any() and (~in_scope).any():
        oos_t = min(0.99, max(0.005, float(np.sort(probs[in_scope, -1])[::-1][int(in_scope.sum() * 0.005)]) + 1e-4))
        kept = probs[:, -1] < oos_t
        for t in [0.5, 0.4, 0.3, 0.2, 0.15, 0.1, 0.07, 0.05, 0.035, 0.025, 0.015, 0.01, 0.005, 0.002, 0.001]:
            chosen = (probs[:, :-1] >= t) & kept[:, None]
            recall = (chosen[in_scope] >= (gold[in_scope, :-1] > 0)).all(axis=1).mean()
            if recall >= 0.986:
                break
        out["matched"] = {"oos_t": round(oos_t, 4), "t": t, "recall": round(float(recall), 4), "tools": round(float(chosen[in_scope].sum(axis=1).mean()), 2),
                          "oos_acc": round(float((~chosen[~in_scope].any(axis=1)).mean()), 4)}
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default="training/out/tagger-data")
    ap.add_argument("--out", default="assets/models")
    ap.add_argument("--minutes", type=float, default=8.0, help="time budget (a cap when --steps is given)")
    ap.add_argument("--steps", type=int, default=0, help="train this many steps, the schedule over them (0: over the time budget)")
    ap.add_argument("--dim", type=int, default=64)
    ap.add_argument("--hidden", type=int, default=96)
    ap.add_argument("--layers", type=int, default=2)
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--feature-dropout", type=float, default=0.0, help="chance of leaving out each hashed feature of a token")
    ap.add_argument("--label-smoothing", type=float, default=0.0)
    ap.add_argument("--feature-noise", type=float, default=0.0, help="chance of replacing each feature id by a random bucket")
    ap.add_argument("--unknown-words", type=float, default=0.0, help="chance of making a token an unseen word (corrupt())")
    ap.add_argument("--tools-weight", type=float, default=0.0, help="also learn the tools a request needs (a second output), with this loss weight")
    ap.add_argument("--lr", type=float, default=3e-3)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()

    torch.set_num_threads(args.threads)
    check_blas()
    torch.manual_seed(args.seed)
    rng = np.random.default_rng(args.seed)
    meta = json.load(open(os.path.join(args.data, "meta.json")))
    label_names = meta["labels"]
    train = read_split(os.path.join(args.data, "train.bin.gz"))
    valid = read_split(os.path.join(args.data, "valid.bin.gz"))
    tool_head = args.tools_weight > 0
    model = Tagger(meta["buckets"], len(label_names), args.dim, args.hidden, args.layers, args.feature_dropout, TOOL_OUTPUTS if tool_head else 0)
    print(json.dumps({"params": sum(p.numel() for p in model.parameters()), "train": len(train), "valid": len(valid)}), flush=True)
    opt = torch.optim.Adam(model.parameters(), lr=args.lr)
    budget, start, step, epoch = args.minutes * 60, time.time(), 0, 0
    done = False
    while not done:
        epoch += 1
        for ids, labels, tools in batches(train, args.batch, rng):
            # A step budget makes a run reproducible (same seed, same bytes); a time budget does not.
            progress = min(1.0, step / args.steps if args.steps else (time.time() - start) / budget)
            for g in opt.param_groups:
                g["lr"] = args.lr * (1 - 0.9 * progress)
            logits = model(corrupt(ids, meta["buckets"], args.feature_noise, args.unknown_words))
            if tool_head:
                logits, probs = logits
            loss = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), labels.reshape(-1), label_smoothing=args.label_smoothing)
            if tool_head:
                loss = loss + args.tools_weight * F.binary_cross_entropy(probs.clamp(1e-6, 1 - 1e-6), tools)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            step += 1
            if step % 200 == 0:
                print(json.dumps({"step": step, "epoch": epoch, "loss": round(loss.item(), 4), "min": round((time.time() - start) / 60, 2)}), flush=True)
            if step % 1000 == 0:
                print(json.dumps({"step": step, "valid": evaluate(model, valid, label_names, 1000)}), flush=True)
            if time.time() - start >= budget or (args.steps and step >= args.steps):
                done = True
                break
    results = evaluate(model, valid, label_names)
    print(json.dumps({"final_step": step, "epochs": epoch, "valid": results}), flush=True)

    model.eval()
    os.makedirs(args.out, exist_ok=True)
    onnx_path = os.path.join(args.out, "value-tagger.onnx")
    example = torch.from_numpy(valid[0][0])[None]
    outputs = ["logits", "tools"] if tool_head else ["logits"]
    torch.onnx.export(
        model, (example,), onnx_path, input_names=["ids"], output_names=outputs,
        dynamic_axes={"ids": {1: "tokens"}, "logits": {1: "tokens"}}, opset_version=13,
    )
    data = open(onnx_path, "rb").read()
    sidecar = {
        "labels": label_names,
        "buckets": meta["buckets"],
        "featuresPerToken": meta["featuresPerToken"],
        "onnx": {"file": "value-tagger.onnx", "sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)},
        "training": {
            "seed": args.seed, "steps": step, "epochs": epoch, "dim": args.dim, "hidden": args.hidden, "layers": args.layers,
            "batch": args.batch, "lr": args.lr, "featureDropout": args.feature_dropout, "labelSmoothing": args.label_smoothing,
            "featureNoise": args.feature_noise, "unknownWords": args.unknown_words, "toolsWeight": args.tools_weight,
        },
        "results": {"valid": results},
    }
    json.dump(sidecar, open(os.path.join(args.out, "value-tagger.json"), "w"), indent=2)
    print(json.dumps({"onnx": onnx_path, "bytes": len(data)}), flush=True)


if __name__ == "__main__":
    main()
