// Lesson: a guided story told on the live app, as data. A versioned, validated document (the
// same zod discipline as ExperimentSpec): an ordered list of steps, each with short text in a
// restricted Markdown subset (see markdown.ts), the state to load (an experiment or the lab's
// race), what to open, "try this" prompts and, optionally, checks: named conditions on live
// state, each from the fixed registry in checks.ts, with parameters. Nothing in a lesson is
// code; nothing in it is ever injected as HTML.
import { z } from 'zod';
import { PATH_OPTIMIZER_KINDS, type PathOptimizerKind } from '../../engine/analysis/pathOptimizers';
import { TOY_SURFACE_IDS } from '../../engine/analysis/surfaces/index';
import { opNames } from '../../engine/spec/ops';
import { templates, type TemplateName } from '../../engine/spec/templates';
import type { ToySurfaceId } from '../../engine/analysis/surfaces/index';
import type { OpName } from '../../engine/spec/ops';

/** 1: the first format. A newer lesson is refused with a message, never half-read. */
export const LESSON_VERSION = 1;

const lessonId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9-]+$/, 'lesson ids may contain lower-case letters, digits and "-" only');

/** Text for a person: short, in the Markdown subset; never markup. */
const text = (max: number) => z.string().min(1).max(max);

const templateName = z.enum(Object.keys(templates) as [TemplateName, ...TemplateName[]]);
const surfaceId = z.enum(TOY_SURFACE_IDS as unknown as [ToySurfaceId, ...ToySurfaceId[]]);
const optimizerKind = z.enum(
  PATH_OPTIMIZER_KINDS as unknown as [PathOptimizerKind, ...PathOptimizerKind[]],
);
const opName = z.enum(opNames as [OpName, ...OpName[]]);

/**
 * A JSON merge patch (RFC 7386) on the spec: objects merge key by key, anything else (a
 * number, an array such as the model's node list) replaces, null removes. The result is
 * validated by the spec parser like any link, so a patch cannot make an invalid spec.
 */
const specPatch = z.record(z.string(), z.unknown());

export const stepStateSchema = z.discriminatedUnion('kind', [
  /** A ready-made template, optionally patched (a toy set's kind, a learning rate). */
  z
    .object({ kind: z.literal('template'), template: templateName, patch: specPatch.optional() })
    .strict(),
  /** A whole ExperimentSpec (checked by the spec parser when the step loads, and in tests). */
  z.object({ kind: z.literal('spec'), spec: z.record(z.string(), z.unknown()) }).strict(),
  /** A change to whatever experiment is open (the student's own edits stay). */
  z.object({ kind: z.literal('patch'), patch: specPatch }).strict(),
  /** The loss-surface lab: a toy surface, who races at what learning rate, from where. */
  z
    .object({
      kind: z.literal('lab'),
      surface: surfaceId,
      /** Optimizers that race (all others sit out), each at its rate or the surface's default. */
      optimizers: z
        .array(z.object({ kind: optimizerKind, lr: z.number().positive().max(100).optional() }))
        .min(1)
        .max(PATH_OPTIMIZER_KINDS.length),
      /** Null or absent: the surface's own suggested start. */
      start: z.tuple([z.number().finite(), z.number().finite()]).nullable().optional(),
      /** Start the race at once. */
      run: z.boolean().default(false),
    })
    .strict(),
]);

/** Places in the app a step can bring into view (scrolled to, and opened if it folds). */
export const LESSON_TARGETS = [
  'editor',
  'runControls',
  'hyperParameters',
  'dataPanel',
  'charts',
  'toyView',
  'backprop',
  'runs',
  'landscape',
  'insights',
  'lab',
  'representations',
  'wordsRun',
  'neighbours',
  'analogy',
  'wordsMap',
] as const;
export type LessonTarget = (typeof LESSON_TARGETS)[number];

export const stepActionSchema = z.discriminatedUnion('kind', [
  z
    .object({ kind: z.literal('showPage'), page: z.enum(['playground', 'lossSurfaces', 'words']) })
    .strict(),
  /** Selects a node in the graph editor, so the inspector shows it. */
  z.object({ kind: z.literal('highlightNode'), nodeId: z.string().min(1).max(64) }).strict(),
  z.object({ kind: z.literal('scrollTo'), target: z.enum(LESSON_TARGETS) }).strict(),
]);

const fraction = z.number().min(0).max(1);

/** The fixed registry of conditions a step can wait for (evaluated in checks.ts). */
export const checkSchema = z.discriminatedUnion('name', [
  /** The run has taken at least this many training steps. */
  z.object({ name: z.literal('stepsAtLeast'), value: z.number().int().min(1) }).strict(),
  /** The latest test accuracy (a fraction) is above / below a value. */
  z.object({ name: z.literal('testAccuracyAbove'), value: fraction }).strict(),
  z.object({ name: z.literal('testAccuracyBelow'), value: fraction }).strict(),
  /** The smoothed training loss is below a value. */
  z.object({ name: z.literal('lossBelow'), value: z.number().positive() }).strict(),
  z.object({ name: z.literal('testLossBelow'), value: z.number().positive() }).strict(),
  /** The model has at least `atLeast` nodes of an op (e.g. a hidden dense layer and a ReLU). */
  z
    .object({
      name: z.literal('modelUses'),
      op: opName,
      atLeast: z.number().int().min(1).default(1),
    })
    .strict(),
  /** The model has no node of this op (e.g. every sigmoid replaced). */
  z.object({ name: z.literal('modelLacks'), op: opName }).strict(),
  /** Early stopping ended the run (the test loss stopped improving). */
  z.object({ name: z.literal('runStoppedEarly') }).strict(),
  /** The test report (confusion matrix, mistakes) is of a model trained at least `step` steps. */
  z.object({ name: z.literal('testReportAfter'), step: z.number().int().min(1) }).strict(),
  /** The landscape panel has measured the real net's λmax and λmin at least `count` times. */
  z.object({ name: z.literal('curvatureTracked'), count: z.number().int().min(1) }).strict(),
  /** One batch was traced module by module on the open experiment (one with a fan-out, if asked). */
  z.object({ name: z.literal('batchTraced'), fanOut: z.boolean().default(false) }).strict(),
  /** At least this many recorded runs are ticked for comparison. */
  z.object({ name: z.literal('runsCompared'), value: z.number().int().min(2).max(8) }).strict(),
  /** The lab shows this surface. */
  z.object({ name: z.literal('labSurface'), surface: surfaceId }).strict(),
  /** An optimizer's learning rate is above (factor × its stability bound, 2/λmax for GD). */
  z
    .object({
      name: z.literal('labRateAboveBound'),
      optimizer: optimizerKind,
      factor: z.number().positive().default(1),
    })
    .strict(),
  /** An optimizer's learning rate is within `tolerance` (relative) of 1/λmax. */
  z
    .object({
      name: z.literal('labRateNearOptimal'),
      optimizer: optimizerKind,
      tolerance: z.number().positive().max(1).default(0.1),
    })
    .strict(),
  /** An optimizer's path in the current race diverged. */
  z.object({ name: z.literal('labDiverged'), optimizer: optimizerKind }).strict(),
  /** An optimizer's path stopped at a critical point (zero gradient). */
  z.object({ name: z.literal('labStationary'), optimizer: optimizerKind }).strict(),
  /** An optimizer's path reached a loss below `loss` without diverging. */
  z.object({ name: z.literal('labReached'), optimizer: optimizerKind, loss: z.number() }).strict(),
  /**
   * At least `count` paths started within `near` of the saddle at the origin and are now
   * farther than `distance` from it, at a loss below `loss`.
   */
  z
    .object({
      name: z.literal('labLeftSaddle'),
      count: z.number().int().min(1).default(1),
      near: z.number().positive().default(0.2),
      distance: z.number().positive().default(0.7),
      loss: z.number().default(0.05),
    })
    .strict(),
  /** At least `count` optimizers race in the current race. */
  z.object({ name: z.literal('labRacing'), count: z.number().int().min(1) }).strict(),
  /** The Words page's run has read at least this many corpus words (the page's "trained"). */
  z.object({ name: z.literal('wordsTrainedAtLeast'), words: z.number().int().min(1) }).strict(),
  /** The neighbours shown for `word` include at least `atLeast` of `anyOf`. */
  z
    .object({
      name: z.literal('neighboursInclude'),
      word: z.string().min(1).max(40),
      anyOf: z.array(z.string().min(1).max(40)).min(1).max(40),
      atLeast: z.number().int().min(1).default(1),
    })
    .strict(),
  /** The Words page's map of the most frequent words has finished a t-SNE run. */
  z.object({ name: z.literal('wordsMapped') }).strict(),
  /**
   * The Representations panel's map has finished a t-SNE run on its latest capture: of a layer
   * (`input`: the pixels; absent: any layer but the pixels) captured at a training step
   * between `minStep` and `maxStep`.
   */
  z
    .object({
      name: z.literal('representationsMapped'),
      layer: z.string().min(1).max(64).optional(),
      minStep: z.number().int().min(0).default(0),
      maxStep: z.number().int().min(0).optional(),
    })
    .strict(),
]);

export const lessonStepSchema = z
  .object({
    title: text(120),
    /** The step's story, in the Markdown subset. */
    text: text(4000),
    state: stepStateSchema.optional(),
    actions: z.array(stepActionSchema).max(8).default([]),
    /** Things to do, in the Markdown subset (inline only), shown as a list. */
    tryThis: z.array(text(400)).max(6).default([]),
    /** All must pass; the player says how each one stands, live. */
    checks: z.array(checkSchema).max(4).default([]),
  })
  .strict();

export const lessonSchema = z
  .object({
    version: z.literal(LESSON_VERSION),
    id: lessonId,
    title: text(120),
    summary: text(400),
    steps: z.array(lessonStepSchema).min(1).max(12),
  })
  .strict();

export type Lesson = z.output<typeof lessonSchema>;
export type LessonInput = z.input<typeof lessonSchema>;
export type LessonStep = z.output<typeof lessonStepSchema>;
export type StepState = z.output<typeof stepStateSchema>;
export type StepAction = z.output<typeof stepActionSchema>;
export type Check = z.output<typeof checkSchema>;
export type LabStepState = Extract<StepState, { kind: 'lab' }>;

export type LessonParse = { ok: true; lesson: Lesson } | { ok: false; errors: string[] };

export function parseLesson(json: unknown): LessonParse {
  const result = lessonSchema.safeParse(json);
  if (result.success) return { ok: true, lesson: result.data };
  return {
    ok: false,
    errors: result.error.issues.slice(0, 20).map((issue) => {
      const path = issue.path.map(String).join('.');
      return path ? `${path}: ${issue.message}` : issue.message;
    }),
  };
}
