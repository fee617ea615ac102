// An image folder of the user's own: how its images are resized, normalised, augmented and
// split, where the folder is given (dropped, or picked with a folder input), the worker's
// decoding progress, and the sets this browser keeps. Every name shown here comes from a file
// or a link and is rendered as text, never as markup.
import { useCallback, useEffect, useState, type DragEvent } from 'react';
import * as Comlink from 'comlink';
import { describeImageSet, missingImageSetMessage } from '../../engine/data/imageSetText';
import { hasGivenSplit, imageSetSplitSizes } from '../../engine/data/imageSplit';
import { dataSpecSchema, type ImageFolderData, type ImageSetSpec } from '../../engine/spec/schema';
import type { FolderFile, ImageFolderResult, KeptImageSet } from '../../workers/engineApi';
import { getEngine } from '../app/engineClient';
import { useAppStore } from '../store/store';
import { filesFromDrop, filesFromInput } from './folderFiles';
import { CheckboxField, NumberField, SelectField, SliderField } from './FormFields';
import { ProgressBar } from './ProgressBar';
import { loadCurrentSpec } from './runActions';
import { enumOptions } from './schemaField';
import { withData } from './specEdits';

const imagesSchema = dataSpecSchema.options[3].shape;
const normalizations = enumOptions(imagesSchema.normalization);
const normalizationLabels: Record<ImageFolderData['normalization'], string> = {
  perChannel: 'Per channel',
  unit: 'Unit [0, 1]',
};
const resizes = enumOptions(imagesSchema.resize);
const resizeLabels: Record<ImageFolderData['resize'], string> = {
  crop: 'Centre crop',
  squash: 'Squash',
};
const channelLabels = { '3': 'Colour', '1': 'Grey' };
const cropSchema = imagesSchema.augment.unwrap().shape.crop;

type ReadState =
  | { kind: 'idle' }
  | { kind: 'reading'; done: number; total: number; message: string }
  | { kind: 'done'; result: ImageFolderResult; adapted: string[] };

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(bytes < 10 * 2 ** 20 ? 1 : 0)} MB`;

export function ImageFolderFields({ data }: { data: ImageFolderData }) {
  const [reading, setReading] = useState<ReadState>({ kind: 'idle' });
  const [kept, setKept] = useState<KeptImageSet[] | null>(null);
  const [over, setOver] = useState(false);
  const refreshKept = useCallback(() => {
    void getEngine()
      .keptImageSets()
      .then(setKept, () => setKept([]));
  }, []);
  useEffect(refreshKept, [refreshKept]);

  const set = (label: string, next: ImageFolderData, field: string) =>
    useAppStore.getState().editSpec(label, (s) => withData(s, next).spec, `data.${field}`);

  /** Trains on `chosen` from now on: the model's output follows its classes. */
  const trainOn = (chosen: ImageFolderData['set']): string[] => {
    const store = useAppStore.getState();
    const change = withData(store.spec, { ...data, set: chosen });
    store.editSpec('image folder', () => change.spec);
    void loadCurrentSpec();
    return change.adapted;
  };

  const readFolder = async (files: FolderFile[]) => {
    if (files.length === 0) return;
    setReading({ kind: 'reading', done: 0, total: files.length, message: 'Reading the folder…' });
    const settings = { size: data.size, channels: data.channels, resize: data.resize };
    const result = await getEngine().readImageFolder(
      files,
      settings,
      Comlink.proxy((done: number, total: number, message: string) =>
        setReading({ kind: 'reading', done, total, message }),
      ),
    );
    const adapted = result.ok ? trainOn(result.set) : [];
    setReading({ kind: 'done', result, adapted });
    refreshKept();
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    void filesFromDrop(e.dataTransfer).then(readFolder);
  };
  const remove = async (fingerprint: string) => {
    await getEngine().removeImageSet(fingerprint);
    refreshKept();
    // The spec still names the set (a link to it stays whole); the load now says it is missing.
    if (data.set?.fingerprint === fingerprint) void loadCurrentSpec();
  };

  const current = data.set;
  const held = current !== null && kept?.some((k) => k.set.fingerprint === current.fingerprint);
  const given = current !== null && hasGivenSplit(current);
  return (
    <>
      <div className="field-grid">
        <NumberField
          name="imageSize"
          schema={imagesSchema.size}
          value={data.size}
          onChange={(v) => v !== null && set('image size', { ...data, size: v }, 'size')}
        />
        <SelectField
          name="imageChannels"
          value={String(data.channels) as '1' | '3'}
          options={['3', '1']}
          labels={channelLabels}
          onChange={(v) => set('colour', { ...data, channels: v === '1' ? 1 : 3 }, 'channels')}
        />
        <SelectField
          name="imageResize"
          value={data.resize}
          options={resizes}
          labels={resizeLabels}
          onChange={(v) => set('resize', { ...data, resize: v }, 'resize')}
        />
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
        {!given && (
          <SliderField
            name="testFraction"
            schema={imagesSchema.testFraction}
            step={0.05}
            value={data.testFraction}
            format={(v) => `${Math.round(v * 100)} %`}
            onChange={(v) => set('test share', { ...data, testFraction: v }, 'testFraction')}
          />
        )}
      </div>
      {current !== null && <SetSummary data={data} set={current} />}
      {current !== null && kept !== null && !held && reading.kind !== 'reading' && (
        <p className="data-problems" role="alert" data-testid="image-set-missing">
          {missingImageSetMessage(current)}
        </p>
      )}
      <label
        className={over ? 'archive-drop over' : 'archive-drop'}
        data-testid="image-folder-drop"
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
      >
        <input
          type="file"
          multiple
          {...{ webkitdirectory: '' }}
          data-testid="image-folder-input"
          onChange={(e) => void readFolder(filesFromInput(e.target.files))}
        />
        <span>
          Drop a folder here, or press to choose it: one subfolder of images per class (
          <code>shapes/circle/1.png</code>), or <code>train/</code> and <code>test/</code> each
          holding the class folders. PNG, JPEG, WebP, GIF or BMP; at most 20,000 images. They are
          decoded in this browser and kept for your next visit; nothing is uploaded.
        </span>
      </label>
      <ReadStatus state={reading} />
      <KeptSets
        kept={kept}
        current={current?.fingerprint ?? null}
        onUse={(k) => trainOn(k.set)}
        onRemove={(k) => void remove(k.set.fingerprint)}
      />
    </>
  );
}

function SetSummary({ data, set }: { data: ImageFolderData; set: ImageSetSpec }) {
  const splits = imageSetSplitSizes(set, data.testFraction);
  return (
    <div className="image-set" data-testid="image-set-summary">
      <p>
        {describeImageSet(set)}: {splits.train.toLocaleString('en')} to train,{' '}
        {splits.test.toLocaleString('en')} to test
        {hasGivenSplit(set) ? ' (the folder’s own split)' : ''}.
      </p>
      <ul className="image-classes" data-testid="image-classes">
        {set.classes.map((c) => (
          <li key={c.name}>
            <span className="image-class-name">{c.name}</span> {c.count.toLocaleString('en')}
          </li>
        ))}
      </ul>
    </div>
  );
}

function ReadStatus({ state }: { state: ReadState }) {
  if (state.kind === 'idle') return null;
  if (state.kind === 'reading')
    return (
      <div className="data-note" data-testid="image-folder-status" role="status">
        <ProgressBar
          fraction={state.total > 0 ? state.done / state.total : 0}
          label="Decoding the images"
          testId="image-folder-progress"
        />
        {state.message}
      </div>
    );
  const { result } = state;
  if (!result.ok)
    return (
      <p className="data-problems" data-testid="image-folder-status" role="alert">
        {result.message}
      </p>
    );
  const parts = [`Read ${describeImageSet(result.set)}.`];
  if (result.skipped > 0)
    parts.push(
      `Skipped ${result.skipped} file${result.skipped === 1 ? '' : 's'} that ${result.skipped === 1 ? 'is' : 'are'} not an image in a class folder (${result.skippedExamples.join(', ')}${result.skipped > 3 ? ', …' : ''}).`,
    );
  if (result.undecodable > 0)
    parts.push(
      `${result.undecodable} image${result.undecodable === 1 ? '' : 's'} could not be decoded and ${result.undecodable === 1 ? 'is' : 'are'} left out (${result.undecodableExamples.join(', ')}${result.undecodable > 3 ? ', …' : ''}).`,
    );
  if (state.adapted.length > 0) parts.push(`Adapted the model: ${state.adapted.join('; ')}.`);
  if (result.note) parts.push(result.note);
  return (
    <p className="data-note" data-testid="image-folder-status" role="status">
      {parts.join(' ')}
    </p>
  );
}

function KeptSets({
  kept,
  current,
  onUse,
  onRemove,
}: {
  kept: KeptImageSet[] | null;
  current: string | null;
  onUse: (k: KeptImageSet) => void;
  onRemove: (k: KeptImageSet) => void;
}) {
  if (kept === null || kept.length === 0) return null;
  return (
    <div className="kept-sets" data-testid="kept-image-sets">
      <h3>Image folders kept in this browser</h3>
      <ul>
        {kept.map((k) => (
          <li key={k.set.fingerprint} data-testid="kept-image-set">
            <span className="kept-set-name">
              {describeImageSet(k.set)}, {mib(k.bytes)}
              {k.set.fingerprint === current ? ' — in use' : ''}
            </span>
            {k.set.fingerprint !== current && (
              <button type="button" onClick={() => onUse(k)} data-testid="kept-image-set-use">
                Use
              </button>
            )}
            <button type="button" onClick={() => onRemove(k)} data-testid="kept-image-set-remove">
              Remove
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
