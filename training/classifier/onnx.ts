import protobuf from "protobufjs";
import type { MlpWeights } from "./mlp";

/**
 * Writes (and reads back) the classifier as an ONNX model. Only the part of onnx.proto the model
 * uses is declared here, with onnx.proto's own field numbers; protobufjs does the wire format.
 */
const ONNX_SUBSET = {
  nested: {
    onnx: {
      nested: {
        ModelProto: {
          fields: {
            irVersion: { type: "int64", id: 1 },
            opsetImport: { rule: "repeated", type: "OperatorSetIdProto", id: 8 },
            producerName: { type: "string", id: 2 },
            producerVersion: { type: "string", id: 3 },
            docString: { type: "string", id: 6 },
            graph: { type: "GraphProto", id: 7 },
            metadataProps: { rule: "repeated", type: "StringStringEntryProto", id: 14 },
          },
        },
        OperatorSetIdProto: { fields: { domain: { type: "string", id: 1 }, version: { type: "int64", id: 2 } } },
        StringStringEntryProto: { fields: { key: { type: "string", id: 1 }, value: { type: "string", id: 2 } } },
        GraphProto: {
          fields: {
            node: { rule: "repeated", type: "NodeProto", id: 1 },
            name: { type: "string", id: 2 },
            initializer: { rule: "repeated", type: "TensorProto", id: 5 },
            input: { rule: "repeated", type: "ValueInfoProto", id: 11 },
            output: { rule: "repeated", type: "ValueInfoProto", id: 12 },
          },
        },
        NodeProto: {
          fields: {
            input: { rule: "repeated", type: "string", id: 1 },
            output: { rule: "repeated", type: "string", id: 2 },
            name: { type: "string", id: 3 },
            opType: { type: "string", id: 4 },
            attribute: { rule: "repeated", type: "AttributeProto", id: 5 },
          },
        },
        AttributeProto: {
          fields: {
            name: { type: "string", id: 1 },
            f: { type: "float", id: 2 },
            i: { type: "int64", id: 3 },
            ints: { rule: "repeated", type: "int64", id: 8 },
            type: { type: "int32", id: 20 },
          },
        },
        TensorProto: {
          fields: {
            dims: { rule: "repeated", type: "int64", id: 1 },
            dataType: { type: "int32", id: 2 },
            name: { type: "string", id: 8 },
            rawData: { type: "bytes", id: 9 },
          },
        },
        ValueInfoProto: { fields: { name: { type: "string", id: 1 }, type: { type: "TypeProto", id: 2 } } },
        TypeProto: { fields: { tensorType: { type: "TypeProtoTensor", id: 1 } } },
        TypeProtoTensor: { fields: { elemType: { type: "int32", id: 1 }, shape: { type: "TensorShapeProto", id: 2 } } },
        TensorShapeProto: { fields: { dim: { rule: "repeated", type: "Dimension", id: 1 } } },
        Dimension: { fields: { dimValue: { type: "int64", id: 1 }, dimParam: { type: "string", id: 2 } } },
      },
    },
  },
};

const root = protobuf.Root.fromJSON(ONNX_SUBSET);
const ModelProto = root.lookupType("onnx.ModelProto");

const FLOAT = 1;
const INT64 = 7;
const ATTR_INT = 2;
const ATTR_INTS = 7;

export const INPUT_NAME = "ids";
export const OUTPUT_NAME = "probabilities";

function tensor(name: string, dims: number[], data: Float32Array) {
  const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return { name, dims, dataType: FLOAT, rawData: Buffer.from(bytes) };
}

function valueInfo(name: string, elemType: number, dims: (number | string)[]) {
  return {
    name,
    type: { tensorType: { elemType, shape: { dim: dims.map((d) => (typeof d === "number" ? { dimValue: d } : { dimParam: d })) } } },
  };
}

/** ids: int64 [n] → probabilities: float [1, labels]. */
export function encodeOnnx(w: MlpWeights, metadata: Record<string, string> = {}): Uint8Array {
  const graph = {
    name: "toolrag_classifier",
    input: [valueInfo(INPUT_NAME, INT64, ["n"])],
    output: [valueInfo(OUTPUT_NAME, FLOAT, [1, w.labels])],
    initializer: [
      tensor("E", [w.buckets, w.embedding], w.E),
      ...(w.S ? [tensor("S", [w.buckets, 1], w.S)] : []),
      tensor("W1", [w.hidden, w.embedding], w.W1),
      tensor("b1", [w.hidden], w.b1),
      tensor("W2", [w.labels, w.hidden], w.W2),
      tensor("b2", [w.labels], w.b2),
    ],
    node: [
      { opType: "Gather", input: ["E", INPUT_NAME], output: ["rows"], name: "gather", attribute: [{ name: "axis", i: 0, type: ATTR_INT }] },
      ...(w.S
        ? [
            // Attention pooling: each row weighted by the softmax of its feature's score.
            {
              opType: "Gather",
              input: ["S", INPUT_NAME],
              output: ["scores"],
              name: "gather_scores",
              attribute: [{ name: "axis", i: 0, type: ATTR_INT }],
            },
            {
              opType: "Softmax",
              input: ["scores"],
              output: ["alpha"],
              name: "softmax",
              attribute: [{ name: "axis", i: 0, type: ATTR_INT }],
            },
            {
              opType: "Transpose",
              input: ["alpha"],
              output: ["alpha_t"],
              name: "transpose",
              attribute: [{ name: "perm", ints: [1, 0], type: ATTR_INTS }],
            },
            { opType: "MatMul", input: ["alpha_t", "rows"], output: ["mean"], name: "pool" },
          ]
        : [
            {
              opType: "ReduceMean",
              input: ["rows"],
              output: ["mean"],
              name: "mean",
              attribute: [
                { name: "axes", ints: [0], type: ATTR_INTS },
                { name: "keepdims", i: 1, type: ATTR_INT },
              ],
            },
          ]),
      {
        opType: "Gemm",
        input: ["mean", "W1", "b1"],
        output: ["pre"],
        name: "dense1",
        attribute: [{ name: "transB", i: 1, type: ATTR_INT }],
      },
      { opType: "Relu", input: ["pre"], output: ["hidden"], name: "relu" },
      {
        opType: "Gemm",
        input: ["hidden", "W2", "b2"],
        output: ["logits"],
        name: "dense2",
        attribute: [{ name: "transB", i: 1, type: ATTR_INT }],
      },
      { opType: "Sigmoid", input: ["logits"], output: [OUTPUT_NAME], name: "sigmoid" },
    ],
  };
  const model = {
    irVersion: 8,
    opsetImport: [{ domain: "", version: 13 }],
    producerName: "tinyagent-training",
    producerVersion: "1",
    docString: "ToolRAG classifier: hashed n-grams → mean embedding → MLP → sigmoid per label",
    graph,
    metadataProps: Object.entries(metadata).map(([key, value]) => ({ key, value })),
  };
  const problem = ModelProto.verify(model);
  if (problem) throw new Error(`cannot encode the ONNX model: ${problem}`);
  return ModelProto.encode(ModelProto.fromObject(model)).finish();
}

/** Reads the weights back out of an exported model (for checking the export against plain TS). */
export function decodeOnnx(bytes: Uint8Array): MlpWeights {
  const model = ModelProto.toObject(ModelProto.decode(bytes), { longs: Number, bytes: Buffer }) as {
    graph: { initializer: { name: string; dims: number[]; rawData: Buffer }[] };
  };
  const get = (name: string) => {
    const t = model.graph.initializer.find((i) => i.name === name);
    if (!t) throw new Error(`the ONNX model has no initializer ${name}`);
    const copy = Uint8Array.from(t.rawData);
    return { dims: t.dims.map(Number), data: new Float32Array(copy.buffer) };
  };
  const E = get("E");
  const S = model.graph.initializer.some((i) => i.name === "S") ? { S: get("S").data } : {};
  const W1 = get("W1");
  const W2 = get("W2");
  return {
    buckets: E.dims[0]!,
    embedding: E.dims[1]!,
    hidden: W1.dims[0]!,
    labels: W2.dims[0]!,
    E: E.data,
    W1: W1.data,
    b1: get("b1").data,
    W2: W2.data,
    b2: get("b2").data,
    ...S,
  };
}
