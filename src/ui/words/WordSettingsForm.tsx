// The next run's settings. They take effect on Reset (a new vocabulary and fresh vectors).
import { useAppStore } from '../store/store';
import type { BackendChoice, WordSettings } from '../../workers/wordsApi';

type NumberKey = Exclude<keyof WordSettings, 'mode'>;

const FIELDS: {
  key: NumberKey;
  label: string;
  min: number;
  max: number;
  step: number;
  help: string;
}[] = [
  {
    key: 'dim',
    label: 'Dimensions',
    min: 2,
    max: 300,
    step: 1,
    help: 'length of each word vector',
  },
  {
    key: 'window',
    label: 'Window',
    min: 1,
    max: 10,
    step: 1,
    help: 'context words each side (at most)',
  },
  {
    key: 'negatives',
    label: 'Negatives',
    min: 1,
    max: 20,
    step: 1,
    help: 'noise words per positive pair',
  },
  {
    key: 'lr',
    label: 'Learning rate',
    min: 0.0001,
    max: 1,
    step: 0.005,
    help: 'decays linearly to 0 over the epochs',
  },
  {
    key: 'minCount',
    label: 'Min count',
    min: 1,
    max: 1000,
    step: 1,
    help: 'rarer words are left out',
  },
  {
    key: 'maxVocab',
    label: 'Max vocabulary',
    min: 10,
    max: 100000,
    step: 1000,
    help: 'most frequent words kept',
  },
  {
    key: 'subsample',
    label: 'Subsampling t',
    min: 0,
    max: 0.1,
    step: 0.0001,
    help: 'frequent words dropped at random (0: off)',
  },
  { key: 'epochs', label: 'Epochs', min: 0.01, max: 50, step: 0.05, help: 'passes over the text' },
  {
    key: 'batchRows',
    label: 'Batch rows',
    min: 16,
    max: 16384,
    step: 16,
    help: 'pairs (skip-gram) or windows (CBOW) per step',
  },
  {
    key: 'seed',
    label: 'Seed',
    min: 0,
    max: 2 ** 31 - 1,
    step: 1,
    help: 'same seed, same run (CPU backend)',
  },
];

export function WordSettingsForm() {
  const settings = useAppStore((s) => s.words.settings);
  const choice = useAppStore((s) => s.words.backendChoice);
  const set = useAppStore((s) => s.setWordSettings);
  const setChoice = useAppStore((s) => s.setWordsBackendChoice);
  return (
    <section className="panel words-settings" aria-label="Settings">
      <h2 className="panel-title">Settings</h2>
      <div className="words-form">
        <label>
          <span>Model</span>
          <select
            value={settings.mode}
            data-testid="word-mode"
            onChange={(e) => set({ mode: e.target.value as WordSettings['mode'] })}
          >
            <option value="skipgram">Skip-gram (centre → context)</option>
            <option value="cbow">CBOW (context → centre)</option>
          </select>
        </label>
        {FIELDS.map((f) => (
          <label key={f.key} title={f.help}>
            <span>{f.label}</span>
            <input
              type="number"
              min={f.min}
              max={f.max}
              step={f.step}
              value={settings[f.key]}
              data-testid={`word-${f.key}`}
              onChange={(e) => {
                const v = Number(e.target.value);
                if (Number.isFinite(v) && v >= f.min && v <= f.max) {
                  set({ [f.key]: f.step >= 1 ? Math.round(v) : v } as Partial<WordSettings>);
                }
              }}
            />
          </label>
        ))}
        <label>
          <span>Backend</span>
          <select
            value={choice}
            data-testid="word-backend"
            onChange={(e) => setChoice(e.target.value as BackendChoice)}
          >
            <option value="auto">Automatic (a hardware GPU, else CPU)</option>
            <option value="webgpu">WebGPU (any adapter)</option>
            <option value="cpu">CPU</option>
          </select>
        </label>
      </div>
      <p className="words-muted">Changes apply when you press Reset.</p>
    </section>
  );
}
