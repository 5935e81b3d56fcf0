"""Checks of train.py's growing a planner deeper (CI has no PyTorch; run here after changing it):

    cd training/planner && /usr/bin/python3 -m unittest test_train
"""

import os
import unittest

import torch

from ggufWeights import read_gguf
from model import Llama, LlamaConfig
from train import gguf_layers, grown_layout, init_from_gguf

SHIPPED = os.path.join(os.path.dirname(__file__), "..", "..", "assets", "models", "planner.gguf")


class GrowTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        _, tensors = read_gguf(SHIPPED)
        cls.layers = gguf_layers(tensors)
        cls.config = dict(vocab_size=tensors["token_embd.weight"].shape[0], embedding=256, heads=4, kv_heads=2, feed_forward=768, context_length=384)

    def test_layout_keeps_every_block_in_order(self):
        self.assertEqual(grown_layout(4, 4), [0, 1, 2, 3])
        self.assertEqual(grown_layout(4, 6), [0, 1, None, 2, 3, None])
        self.assertEqual(grown_layout(4, 8), [0, None, 1, None, 2, None, 3, None])
        for given, layers in [(4, 5), (4, 7), (2, 3), (3, 9)]:
            layout = grown_layout(given, layers)
            self.assertEqual(len(layout), layers)
            self.assertEqual([j for j in layout if j is not None], list(range(given)))

    def test_grown_planner_computes_what_the_given_one_does(self):
        given, grown = Llama(LlamaConfig(layers=self.layers, **self.config)), Llama(LlamaConfig(layers=self.layers + 2, **self.config))
        init_from_gguf(given, SHIPPED)
        init_from_gguf(grown, SHIPPED)
        ids = torch.randint(0, self.config["vocab_size"], (2, 40), generator=torch.Generator().manual_seed(0))
        with torch.no_grad():
            self.assertTrue(torch.equal(given(ids), grown(ids)))

    def test_a_deeper_gguf_does_not_fit_a_shallower_model(self):
        with self.assertRaises(SystemExit):
            init_from_gguf(Llama(LlamaConfig(layers=2, **self.config)), SHIPPED)


if __name__ == "__main__":
    unittest.main()
