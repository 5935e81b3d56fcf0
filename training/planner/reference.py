"""Greedy continuations and next-token probabilities of a saved model, as JSON on stdout.

Used to check an export: llama.cpp running the exported GGUF must agree with PyTorch.
  python3 training/planner/reference.py weights.safetensors prompts.json [--init-seed N --vocab V]
prompts.json: {"prompts": [[token ids...], ...], "max_new": 16, "stop": [eos id]}
With --init-seed, a new random model is made and saved to the weights path first (for fixtures):
its weights are scaled up so the next-token choice has clear margins (random models are flat).
"""

import argparse
import json

import torch

from model import Llama, LlamaConfig, load_model, save_model


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("weights")
    p.add_argument("prompts")
    p.add_argument("--init-seed", type=int)
    p.add_argument("--vocab", type=int)
    args = p.parse_args()
    spec = json.load(open(args.prompts))
    if args.init_seed is not None:
        torch.manual_seed(args.init_seed)
        cfg = LlamaConfig(vocab_size=args.vocab, layers=2, embedding=64, heads=4, kv_heads=2, feed_forward=128, context_length=256)
        model = Llama(cfg)
        with torch.no_grad():
            for name, t in model.named_parameters():
                if name.endswith("norm.weight"):
                    t.uniform_(0.5, 1.5)
                else:
                    t.mul_(12.0)
        save_model(args.weights, model)
    model = load_model(args.weights)
    out = []
    for ids in spec["prompts"]:
        with torch.no_grad():
            probs = torch.softmax(model(torch.tensor([ids]))[0, -1].float(), dim=-1)
        top = torch.topk(probs, 5)
        out.append(
            {
                "prompt": ids,
                "greedy": model.greedy(ids, spec["max_new"], set(spec["stop"])),
                "top": [[int(i), float(v)] for v, i in zip(top.values, top.indices)],
            }
        )
    print(json.dumps({"references": out}))


if __name__ == "__main__":
    main()
