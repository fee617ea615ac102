// CIFAR-10's settings (pixel normalisation, augmentation) and where its images come from: an
// archive a person drops here or picks, read by the worker, which keeps it for the next visit.
import { useState, type DragEvent } from 'react';
import { dataSpecSchema, type DataSpec } from '../../engine/spec/schema';
import type { CifarArchiveResult } from '../../workers/engineApi';
import { getEngine } from '../app/engineClient';
import { useAppStore } from '../store/store';
import { CheckboxField, NumberField, SelectField } from './FormFields';
import { loadCurrentSpec } from './runActions';
import { enumOptions } from './schemaField';
import { withData } from './specEdits';

type CifarData = Extract<DataSpec, { dataset: 'cifar10' }>;
const cifarSchema = dataSpecSchema.options[1];
const normalizations = enumOptions(cifarSchema.shape.normalization);
const normalizationLabels: Record<CifarData['normalization'], string> = {
  perChannel: 'Per channel',
  unit: 'Unit [0, 1]',
};
const cropSchema = cifarSchema.shape.augment.unwrap().shape.crop;

type ArchiveState =
  | { kind: 'idle' }
  | { kind: 'reading'; name: string }
  | { kind: 'done'; result: CifarArchiveResult };

export function CifarFields({ data }: { data: CifarData }) {
  const [archive, setArchive] = useState<ArchiveState>({ kind: 'idle' });
  const [over, setOver] = useState(false);
  const set = (label: string, next: CifarData, field: string) =>
    useAppStore.getState().editSpec(label, (s) => withData(s, next).spec, `data.${field}`);

  const readArchive = async (file: File | undefined) => {
    if (!file) return;
    setArchive({ kind: 'reading', name: file.name });
    const result = await getEngine().useCifarArchive(file);
    setArchive({ kind: 'done', result });
    // The run reloads on the new images (its data set key changed in the worker).
    if (result.ok) void loadCurrentSpec();
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    void readArchive(e.dataTransfer.files[0]);
  };

  return (
    <>
      <div className="field-grid">
        <SelectField
          name="colourNormalization"
          value={data.normalization}
          options={normalizations}
          labels={normalizationLabels}
          onChange={(v) => set('pixel normalisation', { ...data, normalization: v }, 'norm')}
        />
        <NumberField
          name="crop"
          schema={cropSchema}
          value={data.augment.crop}
          onChange={(v) =>
            set('random crop', { ...data, augment: { ...data.augment, crop: v ?? 0 } }, 'crop')
          }
        />
        <CheckboxField
          name="flip"
          checked={data.augment.flip}
          onChange={(flip) =>
            set('mirror', { ...data, augment: { ...data.augment, flip } }, 'flip')
          }
        />
      </div>
      <label
        className={over ? 'archive-drop over' : 'archive-drop'}
        data-testid="cifar-drop"
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
      >
        <input
          type="file"
          accept=".gz,.tgz,.tar,application/gzip,application/x-tar"
          data-testid="cifar-file"
          onChange={(e) => void readArchive(e.target.files?.[0])}
        />
        <span>
          Drop <code>cifar-10-binary.tar.gz</code> here, or press to choose it (the binary version,
          from cs.toronto.edu/~kriz/cifar.html; any subset of its batches). It is read in this
          browser and kept for your next visit; nothing is uploaded.
        </span>
      </label>
      <ArchiveStatus state={archive} />
    </>
  );
}

function ArchiveStatus({ state }: { state: ArchiveState }) {
  if (state.kind === 'idle') return null;
  if (state.kind === 'reading')
    return (
      <p className="data-note" data-testid="cifar-status" role="status">
        Reading {state.name}…
      </p>
    );
  const { result } = state;
  if (!result.ok)
    return (
      <p className="data-problems" data-testid="cifar-status" role="alert">
        {result.message}
      </p>
    );
  return (
    <p className="data-note" data-testid="cifar-status" role="status">
      {result.name}: {result.trainSamples.toLocaleString('en')} training and{' '}
      {result.testSamples.toLocaleString('en')} test images.
      {result.note && ` ${result.note}`}
    </p>
  );
}
