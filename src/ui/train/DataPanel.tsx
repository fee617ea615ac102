// The data set: which one, its parameters (from the spec's schema), a preview of its samples,
// and, when the model cannot train on it, what does not fit and what to do.
import { useMemo, useState } from 'react';
import { dataSignature, describeDataset } from '../../engine/data/fit';
import { dataSpecSchema, toyDatasetKinds, type DataSpec } from '../../engine/spec/schema';
import { useAppStore } from '../store/store';
import { CifarFields } from './CifarFields';
import { ImageFolderFields } from './ImageFolderFields';
import { DataPreview } from './DataPreview';
import { NumberField, SelectField, SliderField } from './FormFields';
import { enumOptions } from './schemaField';
import { trainingProblems, withData } from './specEdits';

type DatasetChoice = 'mnist' | 'cifar10' | 'images' | (typeof toyDatasetKinds)[number];
type ToyData = Extract<DataSpec, { dataset: 'toy' }>;
type MnistData = Extract<DataSpec, { dataset: 'mnist' }>;

const [mnistSchema, , toySchema] = dataSpecSchema.options;
const choices: DatasetChoice[] = [
  mnistSchema.shape.dataset.value,
  'cifar10',
  'images',
  ...toyDatasetKinds,
];
const choiceLabels: Record<DatasetChoice, string> = {
  mnist: 'MNIST digits',
  cifar10: 'CIFAR-10',
  images: 'Image folder',
  circle: 'Circle (2-D)',
  xor: 'XOR (2-D)',
  gaussians: 'Gaussian blobs (2-D)',
  spiral: 'Spiral (2-D)',
  plane: 'Plane (2-D regression)',
  waves: 'Waves (2-D regression)',
  bumps: 'Bumps (2-D regression)',
};
const normalizations = enumOptions(mnistSchema.shape.normalization);
const normalizationLabels: Record<MnistData['normalization'], string> = {
  standard: 'Standardised',
  unit: 'Unit [0, 1]',
};
const toy = toySchema.shape;

/** The data a choice names: a toy set keeps the current toy parameters; the rest are defaults. */
function dataFor(choice: DatasetChoice, current: DataSpec): DataSpec {
  if (choice === 'mnist' || choice === 'cifar10') return dataSpecSchema.parse({ dataset: choice });
  if (choice === 'images') return dataSpecSchema.parse({ dataset: 'images' });
  if (current.dataset === 'toy') return { ...current, kind: choice };
  return dataSpecSchema.parse({ dataset: 'toy', kind: choice });
}

function ToyFields({ data }: { data: ToyData }) {
  const set = (label: string, patch: Partial<ToyData>, field: string) =>
    useAppStore
      .getState()
      .editSpec(label, (s) => withData(s, { ...data, ...patch }).spec, `data.${field}`);
  const manyClasses = data.kind === 'gaussians' || data.kind === 'spiral';
  return (
    <div className="field-grid">
      <NumberField
        name="samples"
        schema={toy.samples}
        value={data.samples}
        onChange={(v) => set('points', { samples: v! }, 'samples')}
      />
      {manyClasses && (
        <NumberField
          name="classes"
          schema={toy.classes}
          value={data.classes}
          onChange={(v) => set('classes', { classes: v! }, 'classes')}
        />
      )}
      <SliderField
        name="noise"
        schema={toy.noise}
        step={0.01}
        value={data.noise}
        format={(v) => v.toFixed(2)}
        onChange={(v) => set('noise', { noise: v }, 'noise')}
      />
      <SliderField
        name="trainFraction"
        schema={toy.trainFraction}
        step={0.05}
        value={data.trainFraction}
        format={(v) => `${Math.round(v * 100)} %`}
        onChange={(v) => set('training share', { trainFraction: v }, 'trainFraction')}
      />
    </div>
  );
}

export function DataPanel() {
  const data = useAppStore((s) => s.spec.data);
  const model = useAppStore((s) => s.spec.model);
  const seed = useAppStore((s) => s.spec.train.seed);
  const problems = useMemo(() => trainingProblems(model, data), [model, data]);
  // What the last change of data set did to the model, said once beside the picker.
  const [adapted, setAdapted] = useState<{ data: DataSpec; notes: string[] } | null>(null);
  const choice: DatasetChoice = data.dataset === 'toy' ? data.kind : data.dataset;
  const signature = dataSignature(data);

  const choose = (next: DatasetChoice) => {
    const store = useAppStore.getState();
    const change = withData(store.spec, dataFor(next, store.spec.data));
    store.editSpec(`data set ${choiceLabels[next]}`, () => change.spec);
    setAdapted({ data: change.spec.data, notes: change.adapted });
  };

  return (
    <section className="panel data-panel" aria-label="Data set" data-testid="data-panel">
      <h2 className="panel-title">Data</h2>
      <div className="field-grid">
        <SelectField
          name="dataset"
          value={choice}
          options={choices}
          labels={choiceLabels}
          onChange={choose}
        />
        {data.dataset === 'mnist' && (
          <SelectField
            name="normalization"
            value={data.normalization}
            options={normalizations}
            labels={normalizationLabels}
            onChange={(v) =>
              useAppStore
                .getState()
                .editSpec(
                  'pixel normalisation',
                  (s) => withData(s, { ...data, normalization: v }).spec,
                )
            }
          />
        )}
      </div>
      {data.dataset === 'toy' && <ToyFields data={data} />}
      {data.dataset === 'cifar10' && <CifarFields data={data} />}
      {data.dataset === 'images' && <ImageFolderFields data={data} />}
      <p className="data-signature" data-testid="data-signature">
        Each sample: [{signature.sampleShape.join('×')}] in,{' '}
        {signature.targetSize !== undefined
          ? `${signature.targetSize} real value out (regression)`
          : signature.classes === 0
            ? 'one of the folder’s classes out'
            : `one of ${signature.classes} classes out`}
      </p>
      {adapted && adapted.data === data && adapted.notes.length > 0 && problems.length === 0 && (
        <p className="data-note" data-testid="data-adapted">
          Adapted the model to {describeDataset(data)}: {adapted.notes.join('; ')}.
        </p>
      )}
      {problems.length > 0 && (
        <div className="data-problems" role="alert" data-testid="data-problems">
          <strong>The model cannot train on {describeDataset(data)} yet.</strong>
          <ul>
            {problems.slice(0, 3).map((p, i) => (
              <li key={i}>{p.message}</li>
            ))}
          </ul>
          {problems.length > 3 && <p>…and {problems.length - 3} more.</p>}
          <p>
            {data.dataset === 'toy'
              ? 'Pick a template made of dense layers, or change the model in the graph.'
              : data.dataset === 'images'
                ? 'Pick a CIFAR-10 template, then Image folder again (a kept folder is one press away: its input and output follow the folder), or change the model in the graph.'
                : `Pick a ${describeDataset(data)} template, or change the model in the graph.`}
          </p>
        </div>
      )}
      <DataPreview data={data} seed={seed} />
    </section>
  );
}
