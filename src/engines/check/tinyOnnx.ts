import { writeFileSync } from "node:fs";

/**
 * A tiny ONNX model for the engine check: y = sigmoid(x·W + b), x of shape [1, 4], W [4, 3], b [3].
 * Written with a hand-rolled protobuf encoder (a model is a few nested messages; a protobuf library
 * would be a dependency for 40 lines), and computed in plain JS too, so the check compares
 * onnxruntime's output with the expected numbers. Field numbers: onnx/onnx.proto (IR version 8).
 */

export const TINY_ONNX = {
  weights: [
    [0.5, -0.25, 1],
    [-1, 0.75, 0.125],
    [0.25, 0.5, -0.5],
    [1.5, -1.25, 0.25],
  ],
  bias: [0.1, -0.2, 0.3],
  input: [1, 2, -1, 0.5],
} as const;

/** What the model must output for TINY_ONNX.input. */
export function tinyOnnxExpected(input: readonly number[] = TINY_ONNX.input): number[] {
  return TINY_ONNX.bias.map((b, j) => {
    const z = input.reduce((sum, x, i) => sum + x * TINY_ONNX.weights[i]![j]!, b);
    return 1 / (1 + Math.exp(-z));
  });
}

// Protobuf wire format: a key (field << 3 | wire type), then a varint or a length-prefixed payload.
function varint(n: number): Buffer {
  const bytes: number[] = [];
  let v = BigInt(n);
  do {
    let byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v > 0n) byte |= 0x80;
    bytes.push(byte);
  } while (v > 0n);
  return Buffer.from(bytes);
}
const intField = (field: number, n: number) => Buffer.concat([varint(field << 3), varint(n)]);
const bytesField = (field: number, payload: Buffer) => Buffer.concat([varint((field << 3) | 2), varint(payload.length), payload]);
const stringField = (field: number, s: string) => bytesField(field, Buffer.from(s, "utf8"));
const message = (...parts: Buffer[]) => Buffer.concat(parts);

const FLOAT = 1;

function tensor(name: string, dims: number[], values: readonly number[]): Buffer {
  const raw = Buffer.alloc(values.length * 4);
  values.forEach((v, i) => raw.writeFloatLE(v, i * 4));
  // TensorProto: dims 1, data_type 2, name 8, raw_data 9
  return message(...dims.map((d) => intField(1, d)), intField(2, FLOAT), stringField(8, name), bytesField(9, raw));
}

function valueInfo(name: string, dims: number[]): Buffer {
  // ValueInfoProto { name 1, type 2: TypeProto { tensor_type 1: { elem_type 1, shape 2: { dim 1: { dim_value 1 } } } } }
  const shape = message(...dims.map((d) => bytesField(1, intField(1, d))));
  const tensorType = message(intField(1, FLOAT), bytesField(2, shape));
  return message(stringField(1, name), bytesField(2, bytesField(1, tensorType)));
}

function node(op: string, inputs: string[], outputs: string[]): Buffer {
  // NodeProto: input 1, output 2, name 3, op_type 4
  return message(
    ...inputs.map((i) => stringField(1, i)),
    ...outputs.map((o) => stringField(2, o)),
    stringField(3, op.toLowerCase()),
    stringField(4, op),
  );
}

/** Writes the model to `path`; returns its size in bytes. */
export function writeTinyOnnxModel(path: string): number {
  const graph = message(
    // GraphProto: node 1, name 2, initializer 5, input 11, output 12
    bytesField(1, node("MatMul", ["x", "W"], ["h"])),
    bytesField(1, node("Add", ["h", "b"], ["z"])),
    bytesField(1, node("Sigmoid", ["z"], ["y"])),
    stringField(2, "tinyagent-engine-check"),
    bytesField(5, tensor("W", [4, 3], TINY_ONNX.weights.flat())),
    bytesField(5, tensor("b", [3], TINY_ONNX.bias)),
    bytesField(11, valueInfo("x", [1, 4])),
    bytesField(12, valueInfo("y", [1, 3])),
  );
  // ModelProto: ir_version 1, producer_name 2, graph 7, opset_import 8: { domain 1, version 2 }
  const model = message(intField(1, 8), stringField(2, "tinyagent"), bytesField(7, graph), bytesField(8, intField(2, 13)));
  writeFileSync(path, model);
  return model.length;
}
