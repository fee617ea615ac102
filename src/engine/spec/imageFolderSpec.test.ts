// The image-folder data variant: its defaults, what it refuses, its round trip through a link,
// and why it needed no new spec version.
import { describe, expect, it } from 'vitest';
import { migrateSpec } from './migrations';
import { parseExperimentSpec } from './parse';
import { dataSpecSchema, SPEC_VERSION, type ExperimentSpec } from './schema';
import { templateSpec } from './templates';
import { decodeExperimentFragment, encodeExperimentFragment } from './urlCodec';

const set = {
  fingerprint: '0123456789abcdef'.repeat(4),
  name: '<img src=x onerror=alert(1)>',
  classes: [
    { name: 'cat "tabby"', count: 30, test: 0 },
    { name: 'dög & 犬', count: 12, test: 0 },
  ],
};

describe('image folder data spec', () => {
  it('defaults: 32 px colour, centre crop, per-channel, no augmentation, 20 % test, no set', () => {
    expect(dataSpecSchema.parse({ dataset: 'images' })).toEqual({
      dataset: 'images',
      size: 32,
      channels: 3,
      resize: 'crop',
      normalization: 'perChannel',
      augment: { crop: 0, flip: false },
      testFraction: 0.2,
      set: null,
    });
  });

  it('refuses sizes, channels, fingerprints and names it cannot mean', () => {
    const bad = [
      { size: 4 },
      { size: 65 },
      { channels: 2 },
      { resize: 'fit' },
      { testFraction: 0.9 },
      { set: { ...set, fingerprint: 'xyz' } },
      { set: { ...set, classes: set.classes.slice(0, 1) } },
      { set: { ...set, name: 'a/b' } },
      { set: { ...set, name: 'line\nbreak' } },
      { set: { ...set, classes: [...set.classes, { name: 'x', count: 0 }] } },
      { set: { ...set, extra: 1 } },
    ];
    for (const patch of bad)
      expect(
        dataSpecSchema.safeParse({ dataset: 'images', ...patch }).success,
        JSON.stringify(patch),
      ).toBe(false);
  });

  it('a link names the set (fingerprint, name, classes), never its images, and reads back the same', () => {
    const spec: ExperimentSpec = {
      ...templateSpec('cifarConvnetJs'),
      data: dataSpecSchema.parse({
        dataset: 'images',
        size: 16,
        channels: 1,
        resize: 'squash',
        set,
      }),
    };
    const fragment = encodeExperimentFragment(spec);
    const back = decodeExperimentFragment(fragment);
    expect(back?.ok).toBe(true);
    if (back?.ok) expect(back.spec.data).toEqual(spec.data);
    // Names are data, kept exactly, and only ever shown as text.
    if (back?.ok && back.spec.data.dataset === 'images')
      expect(back.spec.data.set?.name).toBe(set.name);
  });

  it('needs no new spec version: older documents read exactly as before', () => {
    for (const name of ['lenet5', 'cifarConvnetJs', 'spiral'] as const) {
      const old = JSON.parse(JSON.stringify(templateSpec(name))) as Record<string, unknown>;
      const migrated = migrateSpec(old);
      expect(migrated.ok).toBe(true);
      const parsed = parseExperimentSpec(migrated.ok ? migrated.value : null);
      expect(parsed.ok && parsed.spec).toEqual(templateSpec(name));
    }
    expect(SPEC_VERSION).toBe(2);
  });
});
