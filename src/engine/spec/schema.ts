// ExperimentSpec: the one versioned, validated, JSON-serialisable description of an experiment.
import { z } from 'zod';
import { opParamSchemas, type OpName, type OpParams } from './ops';

/** 2 added `description`. Older documents open through migrations.ts. */
export const SPEC_VERSION = 2;

/** Ids are short and tame: they appear in messages, URLs and the DOM (as text only). */
const nodeId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_.-]+$/, 'ids may contain letters, digits, "_", "." and "-" only');

const position = z.object({ x: z.number().finite(), y: z.number().finite() }).strict();

const nodeSchemas = (Object.keys(opParamSchemas) as OpName[]).map((op) =>
  z
    .object({
      id: nodeId,
      op: z.literal(op),
      params: opParamSchemas[op],
      position: position.optional(),
    })
    .strict(),
);

export const nodeSpecSchema = z.discriminatedUnion(
  'op',
  nodeSchemas as unknown as [(typeof nodeSchemas)[number], ...(typeof nodeSchemas)[number][]],
);

export const edgeSpecSchema = z
  .object({
    from: nodeId,
    to: nodeId,
    /** Input slot of the target, for merges whose inputs are ordered (concat). */
    port: z.number().int().min(0).max(15).optional(),
  })
  .strict();

export const MAX_NODES = 256;

export const modelSpecSchema = z
  .object({
    // An empty canvas is a valid experiment (it can be saved and shared); inferShapes says
    // it has no input and no loss, so it cannot be trained.
    nodes: z.array(nodeSpecSchema).max(MAX_NODES),
    edges: z.array(edgeSpecSchema).max(MAX_NODES * 4),
  })
  .strict();

/** Toy sets whose points carry a class label. */
export const toyClassificationKinds = ['circle', 'xor', 'gaussians', 'spiral'] as const;
/** Toy sets whose points carry one real-valued target in [−1, 1] (train them with meanSquaredError). */
export const toyRegressionKinds = ['plane', 'waves', 'bumps'] as const;
export const toyDatasetKinds = [...toyClassificationKinds, ...toyRegressionKinds] as const;
export type ToyDatasetKind = (typeof toyDatasetKinds)[number];
export type ToyRegressionKind = (typeof toyRegressionKinds)[number];

/** Training images only, drawn afresh every step from the seed; tests are never augmented. */
const imageAugmentSchema = z
  .object({
    /** Pad by this many black pixels, then crop back to the image's size at a random offset (0: off). */
    crop: z.number().int().min(0).max(8).default(0),
    /** Mirror left–right with probability ½. */
    flip: z.boolean().default(false),
  })
  .strict()
  .default({ crop: 0, flip: false });

/** Whether `s` holds a control character (C0 or DEL), which no name shown to a person may. */
export function hasControlCharacter(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

/** What a person may call a class folder or an image set: shown as text only, never as markup. */
const folderName = z
  .string()
  .min(1)
  .max(64)
  .refine(
    (s) => !hasControlCharacter(s) && !/[/\\]/.test(s),
    'names have no control characters or slashes',
  );

export const MAX_IMAGE_CLASSES = 100;

/**
 * Which image folder of the user's own an experiment trains on, without its images (those
 * never travel in a link): a fingerprint of the folder's content, and enough about it for a
 * browser that lacks it to say what to drop.
 */
export const imageSetSchema = z
  .object({
    /** SHA-256 of the class layout and every image's bytes (imageFingerprint.ts), in hex. */
    fingerprint: z.string().regex(/^[0-9a-f]{64}$/, 'a 64-digit hex SHA-256'),
    /** The folder's own name, for people. */
    name: folderName,
    /** Class folders in sorted order: the label of class k is classes[k]. */
    classes: z
      .array(
        z
          .object({
            name: folderName,
            /** The class's readable images. */
            count: z.number().int().min(1).max(1_000_000),
            /** How many of them sit under the folder's own test/ split; 0 everywhere: none given. */
            test: z.number().int().min(0).max(1_000_000).default(0),
          })
          .strict(),
      )
      .min(2)
      .max(MAX_IMAGE_CLASSES),
  })
  .strict();

export const dataSpecSchema = z.discriminatedUnion('dataset', [
  z
    .object({
      dataset: z.literal('mnist'),
      /** 'unit': x/255; 'standard': (x/255 − 0.1307)/0.3081, as the classic MNIST recipe. */
      normalization: z.enum(['unit', 'standard']).default('standard'),
    })
    .strict(),
  z
    .object({
      dataset: z.literal('cifar10'),
      /** 'unit': x/255; 'perChannel': each of R, G, B to mean 0 and std 1 over the training split. */
      normalization: z.enum(['unit', 'perChannel']).default('perChannel'),
      /** Training images only, drawn afresh every step from the seed; tests are never augmented. */
      augment: z
        .object({
          /** Pad by this many black pixels, then crop back to 32×32 at a random offset (0: off). */
          crop: z.number().int().min(0).max(8).default(0),
          /** Mirror left–right with probability ½. */
          flip: z.boolean().default(false),
        })
        .strict()
        .default({ crop: 0, flip: false }),
    })
    .strict(),
  z
    .object({
      dataset: z.literal('toy'),
      kind: z.enum(toyDatasetKinds),
      samples: z.number().int().min(10).max(10_000).default(500),
      noise: z.number().min(0).max(1).default(0.1),
      trainFraction: z.number().gt(0).lt(1).default(0.5),
      /** For gaussians and spiral; circle and xor are two-class, regression sets have none. */
      classes: z.number().int().min(2).max(8).default(2),
    })
    .strict(),
  // Added in spec version 2 without a new version: no older document can mean anything else
  // by it, so every older document reads exactly as before (migrations.test.ts checks).
  z
    .object({
      dataset: z.literal('images'),
      /** Every image is resized to size × size pixels. */
      size: z.number().int().min(8).max(64).default(32),
      /** 3: red, green and blue planes; 1: grey (ITU-R BT.601 luma). */
      channels: z.union([z.literal(1), z.literal(3)]).default(3),
      /** 'crop': the centred square, then resized (shapes kept); 'squash': the whole image, stretched. */
      resize: z.enum(['crop', 'squash']).default('crop'),
      /** 'unit': x/255; 'perChannel': each channel to mean 0 and std 1 over the training split. */
      normalization: z.enum(['unit', 'perChannel']).default('perChannel'),
      augment: imageAugmentSchema,
      /** The share of each class drawn (seeded) for testing, when the folder gives no split. */
      testFraction: z.number().min(0.05).max(0.5).default(0.2),
      /** null until a folder is given. */
      set: imageSetSchema.nullable().default(null),
    })
    .strict(),
]);

export const optimizerSpecSchema = z
  .object({
    kind: z.enum(['sgd', 'adam', 'rmsprop', 'adagrad']),
    lr: z.number().positive().max(10),
    momentum: z.number().min(0).lt(1).default(0),
    nesterov: z.boolean().default(false),
    beta1: z.number().min(0).lt(1).default(0.9),
    beta2: z.number().min(0).lt(1).default(0.999),
    rho: z.number().min(0).lt(1).default(0.9),
    eps: z.number().positive().default(1e-8),
  })
  .strict();

export const scheduleSpecSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('constant') }).strict(),
  // The defaults are what a form starts from when a person picks the schedule: halve the rate
  // every epoch; lose 10 % of it per epoch.
  /** lr · gamma^floor(epoch / everyEpochs) */
  z
    .object({
      kind: z.literal('step'),
      everyEpochs: z.number().int().positive().default(1),
      gamma: z.number().gt(0).max(1).default(0.5),
    })
    .strict(),
  /** lr · gamma^epoch (fractional epochs) */
  z
    .object({ kind: z.literal('exponential'), gamma: z.number().gt(0).max(1).default(0.9) })
    .strict(),
  /** minLr + (lr − minLr)·(1 + cos(π·t/T))/2 over the whole run */
  z.object({ kind: z.literal('cosine'), minLr: z.number().min(0).default(0) }).strict(),
]);

export const trainSpecSchema = z
  .object({
    optimizer: optimizerSpecSchema,
    schedule: scheduleSpecSchema.default({ kind: 'constant' }),
    batchSize: z.number().int().min(1).max(4096),
    epochs: z.number().int().min(1).max(1000),
    seed: z.number().int().min(0).max(0xffffffff),
    weightDecay: z
      .object({
        l1: z.number().min(0).max(1).default(0),
        l2: z.number().min(0).max(1).default(0),
        startEpoch: z.number().int().min(0).default(0),
      })
      .strict()
      .default({ l1: 0, l2: 0, startEpoch: 0 }),
    /** Global gradient-norm clipping; null for none. */
    clipNorm: z.number().positive().nullable().default(null),
    /** Stop when the test loss has not improved for this many evaluations; null for never. */
    earlyStoppingPatience: z.number().int().positive().nullable().default(null),
    /** Evaluate on the test split every this many steps (and at each epoch's end). */
    evalEverySteps: z.number().int().positive().default(500),
    /**
     * Evaluate on the first this many test samples only; null for all of them. A quicker test
     * curve where the whole split costs more than the training between two evaluations
     * (CIFAR-10's 10,000 photos on a CPU).
     */
    testSamples: z.number().int().positive().nullable().default(null),
  })
  .strict();

export const viewSpecSchema = z
  .object({
    smoothing: z.number().min(0).max(0.99).default(0.6),
    logScale: z.boolean().default(false),
    /** What the charts' horizontal axis counts: training steps or (fractional) epochs. */
    xAxis: z.enum(['step', 'epoch']).default('step'),
  })
  .strict()
  .default({ smoothing: 0.6, logScale: false, xAxis: 'step' });

export const experimentSpecSchema = z
  .object({
    version: z.literal(SPEC_VERSION),
    name: z.string().max(200).default('Untitled experiment'),
    /** What the author wants a reader of the link to know; shown as text, never as markup. */
    description: z.string().max(2000).default(''),
    model: modelSpecSchema,
    data: dataSpecSchema,
    train: trainSpecSchema,
    view: viewSpecSchema,
  })
  .strict();

/** A node whose params type follows its op, so `node.op === 'dense'` narrows `node.params`. */
export type NodeSpecOf<K extends OpName> = {
  id: string;
  op: K;
  params: OpParams<K>;
  position?: { x: number; y: number };
};
export type NodeSpec = { [K in OpName]: NodeSpecOf<K> }[OpName];
export type EdgeSpec = z.output<typeof edgeSpecSchema>;
export type ModelSpec = { nodes: NodeSpec[]; edges: EdgeSpec[] };
export type DataSpec = z.output<typeof dataSpecSchema>;
export type ImageFolderData = Extract<DataSpec, { dataset: 'images' }>;
export type ImageSetSpec = z.output<typeof imageSetSchema>;
export type TrainSpec = z.output<typeof trainSpecSchema>;
export type OptimizerSpec = z.output<typeof optimizerSpecSchema>;
export type ScheduleSpec = z.output<typeof scheduleSpecSchema>;
export type ExperimentSpec = Omit<z.output<typeof experimentSpecSchema>, 'model'> & {
  model: ModelSpec;
};
/** What a person (or a template) writes: defaults may be left out. */
export type ExperimentSpecInput = z.input<typeof experimentSpecSchema>;
