// The training recipe's hyper-parameters: a form over the spec's `train` section whose bounds,
// defaults and choices come from its schema. Every change is one undoable step (typing in a
// field coalesces into one); a changed recipe applies when Train starts the next run.
import {
  optimizerSpecSchema,
  scheduleSpecSchema,
  trainSpecSchema,
  type OptimizerSpec,
  type ScheduleSpec,
  type TrainSpec,
} from '../../engine/spec/schema';
import type { ExperimentSpec } from '../../engine/spec/schema';
import { useDataSplits } from './useDataSplits';
import { useAppStore } from '../store/store';
import { CheckboxField, NumberField, SelectField } from './FormFields';
import { enumOptions, numberRule } from './schemaField';
import {
  withOptimizer,
  withScheduleKind,
  withScheduleParam,
  withTrain,
  withWeightDecay,
} from './specEdits';

const optimizerLabels: Record<OptimizerSpec['kind'], string> = {
  sgd: 'SGD',
  adam: 'Adam',
  rmsprop: 'RMSprop',
  adagrad: 'Adagrad',
};
const optimizerKinds = enumOptions(optimizerSpecSchema.shape.kind);

const scheduleLabels: Record<ScheduleSpec['kind'], string> = {
  constant: 'Constant',
  step: 'Step decay',
  exponential: 'Exponential decay',
  cosine: 'Cosine annealing',
};
const scheduleVariants = {
  constant: scheduleSpecSchema.options[0],
  step: scheduleSpecSchema.options[1],
  exponential: scheduleSpecSchema.options[2],
  cosine: scheduleSpecSchema.options[3],
} as const;
const scheduleKinds = scheduleSpecSchema.options.map((o) => o.shape.kind.value);

/** Fewer steps than this in all is worth a word: too few to learn much. */
const SHORT_RUN = 100;

const o = optimizerSpecSchema.shape;
const t = trainSpecSchema.shape;
const decay = t.weightDecay.unwrap().shape;

function edit(label: string, change: (spec: ExperimentSpec) => ExperimentSpec, field?: string) {
  useAppStore.getState().editSpec(label, change, field && `train.${field}`);
}

/** A new seed the person has not seen: random, inside the schema's bounds. */
function freshSeed(current: number): number {
  const max = Math.min(numberRule(t.seed).max ?? 99_999, 99_999);
  let seed = current;
  while (seed === current) seed = 1 + Math.floor(Math.random() * max);
  return seed;
}

function OptimizerFields({ optimizer }: { optimizer: TrainSpec['optimizer'] }) {
  const set = (label: string, patch: Partial<OptimizerSpec>, field?: string) =>
    edit(label, (s) => withOptimizer(s, patch), field);
  const { kind } = optimizer;
  const usesEps = kind !== 'sgd';
  return (
    <div className="field-grid">
      <SelectField
        name="optimizer"
        value={kind}
        options={optimizerKinds}
        labels={optimizerLabels}
        onChange={(v) => set(`optimizer ${optimizerLabels[v]}`, { kind: v })}
      />
      <NumberField
        name="lr"
        schema={o.lr}
        value={optimizer.lr}
        onChange={(v) => set('learning rate', { lr: v! }, 'lr')}
      />
      {kind === 'sgd' && (
        <>
          <NumberField
            name="momentum"
            schema={o.momentum}
            value={optimizer.momentum}
            onChange={(v) => set('momentum', { momentum: v! }, 'momentum')}
          />
          <CheckboxField
            name="nesterov"
            checked={optimizer.nesterov}
            onChange={(v) => set('Nesterov', { nesterov: v })}
          />
        </>
      )}
      {kind === 'adam' && (
        <>
          <NumberField
            name="beta1"
            schema={o.beta1}
            value={optimizer.beta1}
            onChange={(v) => set('β₁', { beta1: v! }, 'beta1')}
          />
          <NumberField
            name="beta2"
            schema={o.beta2}
            value={optimizer.beta2}
            onChange={(v) => set('β₂', { beta2: v! }, 'beta2')}
          />
        </>
      )}
      {kind === 'rmsprop' && (
        <NumberField
          name="rho"
          schema={o.rho}
          value={optimizer.rho}
          onChange={(v) => set('ρ', { rho: v! }, 'rho')}
        />
      )}
      {usesEps && (
        <NumberField
          name="eps"
          schema={o.eps}
          value={optimizer.eps}
          onChange={(v) => set('ε', { eps: v! }, 'eps')}
        />
      )}
    </div>
  );
}

function ScheduleFields({ schedule }: { schedule: ScheduleSpec }) {
  const setParam = (label: string, key: string, v: number | null) =>
    edit(label, (s) => withScheduleParam(s, { [key]: v! }), `schedule.${key}`);
  return (
    <div className="field-grid">
      <SelectField
        name="schedule"
        value={schedule.kind}
        options={scheduleKinds}
        labels={scheduleLabels}
        onChange={(v) => edit(`schedule ${scheduleLabels[v]}`, (s) => withScheduleKind(s, v))}
      />
      {schedule.kind === 'step' && (
        <>
          <NumberField
            name="everyEpochs"
            schema={scheduleVariants.step.shape.everyEpochs}
            value={schedule.everyEpochs}
            onChange={(v) => setParam('schedule period', 'everyEpochs', v)}
          />
          <NumberField
            name="gamma"
            schema={scheduleVariants.step.shape.gamma}
            value={schedule.gamma}
            onChange={(v) => setParam('schedule factor', 'gamma', v)}
          />
        </>
      )}
      {schedule.kind === 'exponential' && (
        <NumberField
          name="gamma"
          schema={scheduleVariants.exponential.shape.gamma}
          value={schedule.gamma}
          onChange={(v) => setParam('schedule factor', 'gamma', v)}
        />
      )}
      {schedule.kind === 'cosine' && (
        <NumberField
          name="minLr"
          schema={scheduleVariants.cosine.shape.minLr}
          value={schedule.minLr}
          onChange={(v) => setParam('final learning rate', 'minLr', v)}
        />
      )}
    </div>
  );
}

/** How long the recipe runs on its data: a person changing data sets sees a 3-step run coming. */
function RunLength({ train }: { train: TrainSpec }) {
  const splits = useDataSplits();
  const perEpoch = Math.floor(splits.train / train.batchSize);
  const total = perEpoch * train.epochs;
  return (
    <p className={total < SHORT_RUN ? 'form-note warning' : 'form-note'} data-testid="run-length">
      {perEpoch > 0
        ? `${perEpoch.toLocaleString('en')} step${perEpoch === 1 ? '' : 's'} per epoch, ${total.toLocaleString('en')} in all.`
        : 'The batch is larger than the training split: lower the batch size.'}
      {perEpoch > 0 && total < SHORT_RUN && ' A short run: raise the epochs to let it learn.'}
    </p>
  );
}

export function HyperParameters() {
  const train = useAppStore((s) => s.spec.train);
  const set = (label: string, patch: Partial<TrainSpec>, field?: string) =>
    edit(label, (s) => withTrain(s, patch), field);
  const setDecay = (label: string, patch: Partial<TrainSpec['weightDecay']>, field: string) =>
    edit(label, (s) => withWeightDecay(s, patch), `weightDecay.${field}`);
  return (
    <section className="panel hyper-parameters" aria-label="Hyper-parameters">
      <h2 className="panel-title">Hyper-parameters</h2>

      <h3 className="form-section">Optimizer</h3>
      <OptimizerFields optimizer={train.optimizer} />

      <h3 className="form-section">Learning-rate schedule</h3>
      <ScheduleFields schedule={train.schedule} />

      <h3 className="form-section">Batches and length</h3>
      <div className="field-grid">
        <NumberField
          name="batchSize"
          schema={t.batchSize}
          value={train.batchSize}
          onChange={(v) => set('batch size', { batchSize: v! }, 'batchSize')}
        />
        <NumberField
          name="epochs"
          schema={t.epochs}
          value={train.epochs}
          onChange={(v) => set('epochs', { epochs: v! }, 'epochs')}
        />
      </div>

      <RunLength train={train} />

      <h3 className="form-section">Regularisation</h3>
      <div className="field-grid">
        <NumberField
          name="l2"
          schema={decay.l2}
          value={train.weightDecay.l2}
          onChange={(v) => setDecay('L2 weight decay', { l2: v! }, 'l2')}
        />
        <NumberField
          name="l1"
          schema={decay.l1}
          value={train.weightDecay.l1}
          onChange={(v) => setDecay('L1 weight decay', { l1: v! }, 'l1')}
        />
        <NumberField
          name="startEpoch"
          schema={decay.startEpoch}
          value={train.weightDecay.startEpoch}
          onChange={(v) => setDecay('weight decay start', { startEpoch: v! }, 'startEpoch')}
        />
        <NumberField
          name="clipNorm"
          schema={t.clipNorm}
          value={train.clipNorm}
          placeholder="off"
          onChange={(v) => set('gradient clipping', { clipNorm: v }, 'clipNorm')}
        />
      </div>

      <h3 className="form-section">Evaluation and seed</h3>
      <div className="field-grid">
        <NumberField
          name="evalEverySteps"
          schema={t.evalEverySteps}
          value={train.evalEverySteps}
          onChange={(v) => set('test interval', { evalEverySteps: v! }, 'evalEverySteps')}
        />
        <NumberField
          name="testSamples"
          schema={t.testSamples}
          value={train.testSamples}
          placeholder="all"
          onChange={(v) => set('test samples', { testSamples: v }, 'testSamples')}
        />
        <NumberField
          name="earlyStoppingPatience"
          schema={t.earlyStoppingPatience}
          value={train.earlyStoppingPatience}
          placeholder="never"
          onChange={(v) =>
            set('early stopping', { earlyStoppingPatience: v }, 'earlyStoppingPatience')
          }
        />
        <NumberField
          name="seed"
          schema={t.seed}
          value={train.seed}
          onChange={(v) => set('seed', { seed: v! }, 'seed')}
        >
          <button
            type="button"
            className="field-action"
            title="A new random seed"
            aria-label="A new random seed"
            data-testid="new-seed"
            onClick={() => set('new seed', { seed: freshSeed(train.seed) })}
          >
            ⟳
          </button>
        </NumberField>
      </div>
    </section>
  );
}
