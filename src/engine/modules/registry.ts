// Every op's module, by name: the table shape inference and the compiler look ops up in.
import type { OpName } from '../spec/ops';
import type { ModuleDef } from './module';
import { denseModule } from './dense';
import { absModule, leakyReluModule, reluModule, sigmoidModule, tanhModule } from './activations';
import { flattenModule, inputModule, reshapeModule } from './reshape';
import { addModule, concatModule } from './merge';
import { conv2dModule } from './conv2d';
import { avgpool2dModule, maxpool2dModule } from './pool';
import { logSoftmaxModule, softmaxModule } from './softmax';
import { dropoutModule } from './dropout';
import { batchnormModule } from './batchnorm';
import { hingeModule, meanSquaredErrorModule, softmaxCrossEntropyModule } from './losses';

export const moduleDefs: { [K in OpName]: ModuleDef<K> } = {
  input: inputModule,
  dense: denseModule,
  conv2d: conv2dModule,
  maxpool2d: maxpool2dModule,
  avgpool2d: avgpool2dModule,
  flatten: flattenModule,
  reshape: reshapeModule,
  relu: reluModule,
  leakyRelu: leakyReluModule,
  tanh: tanhModule,
  sigmoid: sigmoidModule,
  abs: absModule,
  softmax: softmaxModule,
  logSoftmax: logSoftmaxModule,
  dropout: dropoutModule,
  batchnorm: batchnormModule,
  add: addModule,
  concat: concatModule,
  softmaxCrossEntropy: softmaxCrossEntropyModule,
  meanSquaredError: meanSquaredErrorModule,
  hinge: hingeModule,
};

export function moduleDef<K extends OpName>(op: K): ModuleDef<K> {
  return moduleDefs[op];
}
