// The PyTorch script's data for an image folder of the user's own: torchvision's ImageFolder
// over the same folder (--data points at it), resized, cropped, normalised, augmented and split
// as LayerCake does it — alike, not identical: PIL resizes with its own filter, and Python's
// random draws the split, so the held-out images are other ones of the same share per class.
import type { ImageFolderData } from '../spec/schema';

/** A Python string literal for any text (JSON's escapes are Python's). */
const pyString = (s: string) => JSON.stringify(s);

/** data_sets(root) and the constants it reads; the script's SEED draws the split. */
export function imageFolderDataCode(data: ImageFolderData): { imports: string[]; body: string[] } {
  const { size, channels } = data;
  const classes = data.set?.classes.map((c) => c.name) ?? [];
  const given = data.set?.classes.some((c) => c.test > 0) ?? false;
  const resize =
    data.resize === 'crop'
      ? `transforms.Resize(${size}), transforms.CenterCrop(${size})`
      : `transforms.Resize((${size}, ${size}))`;
  const resizeNote = data.resize === 'crop' ? 'the centred square' : 'the whole image, stretched';
  const augment: string[] = [];
  if (data.augment.crop > 0)
    augment.push(
      `transforms.RandomCrop(${size}, padding=${data.augment.crop}),  # pad with black, crop back at a random offset`,
    );
  if (data.augment.flip) augment.push('transforms.RandomHorizontalFlip(),  # mirror with p = 1/2');
  const perChannel = data.normalization === 'perChannel';
  return {
    imports: [
      'import os',
      'import random',
      'from torch.utils.data import Subset',
      'from torchvision import datasets, transforms',
    ],
    body: [
      `CLASSES = [${classes.map(pyString).join(', ')}]  # the class folders, LayerCake's labels in order`,
      `TEST_FRACTION = ${data.testFraction}`,
      '',
      '',
      'def data_sets(root):',
      `    """Your image folder (pass it as --data): ${given ? 'its train/ and test/ splits' : 'root/<class>/<images>, split per class'},`,
      `    each image resized to ${size}x${size}${channels === 1 ? ' in grey' : ' in colour'}. Test images are never augmented."""`,
      `    shape = [${resize}${channels === 1 ? ', transforms.Grayscale(1)' : ''}]  # ${resizeNote}`,
      ...(given
        ? [
            '    train_root, test_root = os.path.join(root, "train"), os.path.join(root, "test")',
            '    train_idx = test_idx = None',
          ]
        : [
            '    train_root = test_root = root',
            '    # Each class gives TEST_FRACTION of its images (at least one) to testing, seeded.',
            '    by_class = {}',
            '    for i, (_, label) in enumerate(datasets.ImageFolder(root).samples):',
            '        by_class.setdefault(label, []).append(i)',
            '    rng = random.Random(SEED)',
            '    train_idx, test_idx = [], []',
            '    for label in sorted(by_class):',
            '        members = by_class[label]',
            '        rng.shuffle(members)',
            '        n = min(len(members) - 1, max(1, round(len(members) * TEST_FRACTION))) if len(members) > 1 else 0',
            '        test_idx += members[:n]',
            '        train_idx += members[n:]',
          ]),
      '',
      '    def folder(path, transform, indices):',
      '        images = datasets.ImageFolder(path, transform=transforms.Compose(transform))',
      '        if images.classes != CLASSES:',
      '            raise SystemExit(f"{path} has the classes {images.classes}, not {CLASSES}")',
      '        return images if indices is None else Subset(images, indices)',
      '',
      ...(perChannel
        ? [
            '    # Each channel to mean 0 and std 1 over the training split, as LayerCake does.',
            '    pixels = torch.stack([x for x, _ in folder(train_root, [*shape, transforms.ToTensor()], train_idx)])',
            '    normalise = [transforms.Normalize(pixels.mean(dim=(0, 2, 3)).tolist(), pixels.std(dim=(0, 2, 3)).tolist())]',
          ]
        : ['    normalise = []  # x / 255 only']),
      '    train_transform = [',
      '        *shape,',
      ...augment.map((l) => `        ${l}`),
      '        transforms.ToTensor(),',
      '        *normalise,',
      '    ]',
      '    test_transform = [*shape, transforms.ToTensor(), *normalise]',
      '    train = folder(train_root, train_transform, train_idx)',
      '    test = folder(test_root, test_transform, test_idx)',
      '    return train, test',
    ],
  };
}
