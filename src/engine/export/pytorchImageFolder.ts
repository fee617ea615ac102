// The PyTorch script's data for an image folder of the user's own: the same folder (--data points
// at it), read by LayerCake's rules (which files are images, which folders are clutter, skipping
// what does not decode, where torchvision's ImageFolder would stop at a broken file or a hidden
// folder), resized, cropped, normalised, augmented and split as LayerCake does it — alike, not
// identical: PIL resizes with its own filter, and Python's random draws the split, so the
// held-out images are other ones of the same share per class.
import { CLUTTER, IMAGE_FILE } from '../data/imageFolder';
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
      'import re',
      'from PIL import Image',
      'from torch.utils.data import Dataset',
      'from torchvision import transforms',
    ],
    body: [
      `CLASSES = [${classes.map(pyString).join(', ')}]  # the class folders, LayerCake's labels in order`,
      `TEST_FRACTION = ${data.testFraction}`,
      '# The files LayerCake reads, by name, and the ones it passes over (hidden, __MACOSX, ...).',
      `IMAGE_FILE = re.compile(r"${IMAGE_FILE.source}", re.IGNORECASE)`,
      `CLUTTER = re.compile(r"${CLUTTER.source}", re.IGNORECASE)`,
      '',
      '',
      'def decodes(path):',
      '    """Whether the image opens: LayerCake, too, skips (and counts) one it cannot decode."""',
      '    try:',
      '        with Image.open(path) as image:',
      '            image.verify()',
      '        return True',
      '    except Exception:',
      '        return False',
      '',
      '',
      'def images_in(root):',
      '    """(path, label) of each image LayerCake reads in root/<class>/...: the IMAGE_FILE names',
      '    below class folders and subfolders that are not CLUTTER, that decode; labelled by CLASSES."""',
      '    samples = []',
      '    for entry in sorted(os.scandir(root), key=lambda e: e.name):',
      '        if not entry.is_dir() or CLUTTER.match(entry.name):',
      '            continue',
      '        if entry.name not in CLASSES:',
      '            raise SystemExit(f"{root} has the class folder {entry.name!r}; this model knows {CLASSES}")',
      '        for here, folders, files in os.walk(entry.path):',
      '            folders[:] = sorted(f for f in folders if not CLUTTER.match(f))',
      '            for name in sorted(files):',
      '                path = os.path.join(here, name)',
      '                if IMAGE_FILE.search(name) and not CLUTTER.match(name) and decodes(path):',
      '                    samples.append((path, CLASSES.index(entry.name)))',
      '    if not samples:',
      '        raise SystemExit(f"{root} has no images in class folders")',
      '    return samples',
      '',
      '',
      'class Images(Dataset):',
      '    """The images at `samples` (listed once by images_in), each through `transform`."""',
      '',
      '    def __init__(self, samples, transform):',
      '        self.samples = samples',
      '        self.transform = transforms.Compose(transform)',
      '',
      '    def __len__(self):',
      '        return len(self.samples)',
      '',
      '    def __getitem__(self, i):',
      '        path, label = self.samples[i]',
      '        with Image.open(path) as image:',
      '            return self.transform(image.convert("RGB")), label',
      '',
      '',
      ...(given
        ? [
            'def split_folder(root, split):',
            '    """root\'s train/ or test/ folder, in whatever case, as LayerCake finds it."""',
            '    for entry in os.scandir(root):',
            '        if entry.is_dir() and entry.name.lower() == split:',
            '            return entry.path',
            '    raise SystemExit(f"{root} has no {split}/ folder")',
            '',
            '',
          ]
        : []),
      'def data_sets(root):',
      `    """Your image folder (pass it as --data): ${given ? 'its train/ and test/ splits' : 'root/<class>/<images>, split per class'},`,
      `    each image resized to ${size}x${size}${channels === 1 ? ' in grey' : ' in colour'}. Test images are never augmented."""`,
      `    shape = [${resize}${channels === 1 ? ', transforms.Grayscale(1)' : ''}]  # ${resizeNote}`,
      ...(given
        ? [
            '    train_samples = images_in(split_folder(root, "train"))',
            '    test_samples = images_in(split_folder(root, "test"))',
          ]
        : [
            '    # Each class gives TEST_FRACTION of its images (at least one) to testing, seeded.',
            '    by_class = {}',
            '    for path, label in images_in(root):',
            '        by_class.setdefault(label, []).append((path, label))',
            '    rng = random.Random(SEED)',
            '    train_samples, test_samples = [], []',
            '    for label in sorted(by_class):',
            '        members = by_class[label]',
            '        rng.shuffle(members)',
            '        n = min(len(members) - 1, max(1, round(len(members) * TEST_FRACTION))) if len(members) > 1 else 0',
            '        test_samples += members[:n]',
            '        train_samples += members[n:]',
          ]),
      '',
      ...(perChannel
        ? [
            '    # Each channel to mean 0 and std 1 over the training split, as LayerCake does.',
            '    pixels = torch.stack([x for x, _ in Images(train_samples, [*shape, transforms.ToTensor()])])',
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
      '    return Images(train_samples, train_transform), Images(test_samples, test_transform)',
    ],
  };
}
