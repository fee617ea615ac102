// Every op a model can contain, with the schema of its parameters: the single table that the
// editor's forms, the URL codec, the worker, shape inference and the compiler all read.
import { z } from 'zod';

// Every size has a ceiling far above any model this playground trains, so that a link from a
// stranger cannot name a layer of 10⁹ units; shape inference bounds what the sizes multiply to.
const positiveInt = (max: number) => z.number().int().positive().max(max);
const nonNegativeInt = (max: number) => z.number().int().nonnegative().max(max);
const MAX_UNITS = 65_536;
const MAX_WINDOW = 64;
const MAX_DIM = 16_384;
const init = z.enum(['he', 'glorot', 'fanInUniform']).default('he');

export const opParamSchemas = {
  /** The dataset's samples enter here; `shape` is one sample's shape (no batch axis). */
  input: z.object({ shape: z.array(positiveInt(MAX_DIM)).min(1).max(4) }).strict(),
  dense: z
    .object({ units: positiveInt(MAX_UNITS), bias: z.boolean().default(true), init })
    .strict(),
  conv2d: z
    .object({
      filters: positiveInt(MAX_UNITS),
      kernel: positiveInt(MAX_WINDOW),
      stride: positiveInt(MAX_WINDOW).default(1),
      padding: nonNegativeInt(MAX_WINDOW).default(0),
      bias: z.boolean().default(true),
      init,
    })
    .strict(),
  maxpool2d: z
    .object({
      size: positiveInt(MAX_WINDOW),
      stride: positiveInt(MAX_WINDOW).optional(),
      padding: nonNegativeInt(MAX_WINDOW).default(0),
    })
    .strict(),
  avgpool2d: z
    .object({
      size: positiveInt(MAX_WINDOW),
      stride: positiveInt(MAX_WINDOW).optional(),
      padding: nonNegativeInt(MAX_WINDOW).default(0),
    })
    .strict(),
  flatten: z.object({}).strict(),
  reshape: z
    .object({
      shape: z
        .array(positiveInt(MAX_UNITS * 256))
        .min(1)
        .max(4),
    })
    .strict(),
  relu: z.object({}).strict(),
  leakyRelu: z.object({ alpha: z.number().min(0).max(1).default(0.01) }).strict(),
  tanh: z.object({}).strict(),
  sigmoid: z.object({}).strict(),
  abs: z.object({}).strict(),
  softmax: z.object({}).strict(),
  logSoftmax: z.object({}).strict(),
  dropout: z.object({ rate: z.number().min(0).lt(1).default(0.5) }).strict(),
  batchnorm: z
    .object({
      momentum: z.number().gt(0).max(1).default(0.1),
      eps: z.number().positive().default(1e-5),
    })
    .strict(),
  add: z.object({}).strict(),
  concat: z.object({}).strict(),
  softmaxCrossEntropy: z.object({}).strict(),
  meanSquaredError: z.object({ target: z.enum(['label', 'input']).default('label') }).strict(),
  hinge: z.object({ margin: z.number().positive().default(1) }).strict(),
} as const;

export type OpName = keyof typeof opParamSchemas;
export type OpParams<K extends OpName> = z.output<(typeof opParamSchemas)[K]>;
export const opNames = Object.keys(opParamSchemas) as OpName[];

export const lossOps = ['softmaxCrossEntropy', 'meanSquaredError', 'hinge'] as const;
export type LossOp = (typeof lossOps)[number];
export function isLossOp(op: OpName): op is LossOp {
  return (lossOps as readonly string[]).includes(op);
}

/** How many inputs an op takes: exactly n, or at least `min` (merges). */
export function opArity(op: OpName): { min: number; max: number } {
  if (op === 'input') return { min: 0, max: 0 };
  if (op === 'add' || op === 'concat') return { min: 2, max: 16 };
  return { min: 1, max: 1 };
}
