import fc from "fast-check";
import { loadNodeLlamaCpp, ENGINE_MODULES } from "../../src/engines/engineLoader";
import { getLlamaInstance } from "../../src/agent/planner/llamaRuntime";
import { encodeBpe, trainByteLevelBpe } from "../../src/gguf/byteLevelBpe";
import { tinyModel } from "../support/tinyModel";

describe("GGUF files written by the project", () => {
  const { path, vocab } = tinyModel({ userTokens: ["get_phone_number", "send_sms"], chatTemplate: "{{ messages[0].content }}" });

  test("node-llama-cpp reads the metadata back", async () => {
    const { readGgufFileInfo } = await loadNodeLlamaCpp();
    const info = await readGgufFileInfo(path);
    expect(info.version).toBe(3);
    expect(info.metadata.general.architecture).toBe("llama");
    expect(info.metadata.tokenizer.ggml.model).toBe("gpt2");
    expect(info.metadata.tokenizer.ggml.tokens.length).toBe(vocab.tokens.length);
    expect(info.metadata.tokenizer.chat_template).toBe("{{ messages[0].content }}");
    expect(info.tensorInfo?.length).toBe(2 * 9 + 3);
  });

  test("llama.cpp tokenizes exactly as our encoder does, and detokenizes back (property)", async () => {
    const llama = await getLlamaInstance(ENGINE_MODULES);
    const model = await llama.loadModel({ modelPath: path });
    try {
      const text = fc.string({ unit: "grapheme", maxLength: 40 });
      await fc.assert(
        fc.asyncProperty(text, async (s) => {
          const tokens = model.tokenize(s);
          expect(Array.from(tokens)).toEqual(encodeBpe(vocab, s));
          expect(model.detokenize(tokens)).toBe(s);
        }),
        { numRuns: 200 },
      );
      // What llama.cpp's clean_spaces would rewrite under GPT-2's pre-tokenizer: kept as typed.
      for (const s of ["running late , sorry !", "is it ok ?", "Sid 's car", "rock ' n roll", "I 'm here ."]) {
        expect(model.detokenize(model.tokenize(s))).toBe(s);
      }
      // A user-defined token (one per tool name) is one token inside text, in both tokenizers.
      for (const s of ['1. get_phone_number("Sid")\n2. send_sms(["$1"], "x")', "xget_phone_numbers"]) {
        const tokens = Array.from(model.tokenize(s));
        expect(tokens).toEqual(encodeBpe(vocab, s));
        expect(tokens).toContain(vocab.tokens.indexOf("get_phone_number"));
      }
    } finally {
      await model.dispose();
    }
  });

  test("BPE training merges the most frequent pairs and stops at a token target", () => {
    const corpus = ["aaaa bbbb aaaa", "aaaa"];
    const v = trainByteLevelBpe(corpus, { maxMerges: 100, targetTokens: 8 });
    expect(v.merges[0]).toBe("a a");
    const total = corpus.map((c) => encodeBpe(v, c).length).reduce((a, b) => a + b, 0);
    expect(total).toBeLessThanOrEqual(8);
  });
});
