// One batch through a model, module by module, for reading: each node's forward value and the
// gradient the backward pass sends into it (∂L/∂value), each parameter's gradient, and ∂L/∂x
// of the input, computed by the very modules that train (compiled with nothing fused, so every
// activation keeps its own value). It runs on the CPU backend at the spec's initial weights
// (from its seed): a tiny toy net takes well under a millisecond, so a page can call it.
import type { Backend } from '../backend/backend';
import type { CpuBuffer } from '../backend/cpu/cpuBuffer';
import { compile } from '../graph/compile';
import type { OpName } from '../spec/ops';
import type { ExperimentSpec } from '../spec/schema';

export interface TracedParameter {
  name: string;
  shape: number[];
  value: Float32Array;
  grad: Float32Array;
}

export interface TracedNode {
  id: string;
  op: OpName;
  /** The nodes it reads, in port order, and the nodes that read it. */
  inputs: string[];
  consumers: string[];
  /** Values per sample. */
  size: number;
  /** batch × size: the forward value. */
  value: Float32Array;
  /** batch × size: ∂L/∂value, the sum over its consumers; null where no gradient flows. */
  grad: Float32Array | null;
  params: TracedParameter[];
}

export interface ModuleTrace {
  batch: number;
  /** The mean loss over the batch. */
  loss: number;
  nodes: TracedNode[];
  /** batch × input size: ∂L/∂x for the batch's inputs. */
  inputGrad: Float32Array | null;
}

const f32 = (b: { size: number }) => (b as CpuBuffer).data as Float32Array;

export function traceBatch(
  spec: ExperimentSpec,
  backend: Backend,
  batch: { inputs: Float32Array; labels: Int32Array; targets?: Float32Array; count: number },
): ModuleTrace {
  const program = compile(spec, backend, {
    batch: batch.count,
    fuse: false,
    inputGradient: true,
    targetSize:
      batch.targets === undefined ? undefined : batch.targets.length / Math.max(1, batch.count),
  });
  try {
    f32(program.input).set(batch.inputs.subarray(0, program.input.size));
    backend.write(program.labels, batch.labels.subarray(0, batch.count));
    if (program.targets !== null && batch.targets !== undefined)
      f32(program.targets).set(batch.targets.subarray(0, program.targets.size));
    backend.fill(program.metrics, 0);
    program.forward();
    program.backward();
    const loss = f32(program.metrics)[0] / batch.count;
    const edges = spec.model.edges;
    const nodes = program.nodes.map((n): TracedNode => {
      const moduleParams = program.params.filter((p) => p.value.label?.startsWith(`${n.id}.`));
      return {
        id: n.id,
        op: n.op,
        inputs: edges
          .filter((e) => e.to === n.id)
          .sort((a, b) => (a.port ?? 0) - (b.port ?? 0))
          .map((e) => e.from),
        consumers: edges.filter((e) => e.from === n.id).map((e) => e.to),
        size: n.output.size / batch.count,
        value: f32(n.output).slice(),
        grad: n.grad === null ? null : f32(n.grad).slice(),
        params: moduleParams.map((p) => ({
          name: p.name,
          shape: p.shape,
          value: f32(p.value).slice(),
          grad: f32(p.grad).slice(),
        })),
      };
    });
    return {
      batch: batch.count,
      loss,
      nodes,
      inputGrad: program.inputGrad === null ? null : f32(program.inputGrad).slice(),
    };
  } finally {
    for (const b of program.owned) backend.free(b);
  }
}
