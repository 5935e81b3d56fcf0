const { TestEnvironment } = require("jest-environment-node");

/**
 * jest's node environment, with typed arrays from Node's own realm. onnxruntime-node's native
 * binding returns outputs as Node-realm typed arrays, and onnxruntime-common (loaded inside the
 * test's realm) rejects them with `instanceof`; sharing the constructors makes the check pass, as
 * it does outside jest.
 */
class NodeRealmEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    for (const name of [
      "ArrayBuffer",
      "SharedArrayBuffer",
      "DataView",
      "Int8Array",
      "Uint8Array",
      "Uint8ClampedArray",
      "Int16Array",
      "Uint16Array",
      "Int32Array",
      "Uint32Array",
      "Float32Array",
      "Float64Array",
      "BigInt64Array",
      "BigUint64Array",
    ])
      this.global[name] = globalThis[name];
  }
}

module.exports = NodeRealmEnvironment;
