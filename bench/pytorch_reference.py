"""Runs a script from LayerCake's "Export PyTorch" on a CIFAR-10 binary archive.

The exported script reads CIFAR-10 through torchvision, which downloads the full python
version; this runner hands it the binary archive LayerCake trained on instead (the development
subset in ../shared/datasets, or any cifar-10-binary.tar.gz) behind torchvision's CIFAR10
interface, so the script's own normalisation, augmentation, model and loop run unchanged. It is
how the small VGG's recipe was checked against PyTorch (src/engine/spec/templates.ts):

    python3 bench/pytorch_reference.py small_vgg.py --seed 1
    python3 bench/pytorch_reference.py small_vgg.py --archive ~/cifar-10-binary.tar.gz

Needs torch and torchvision (Debian: apt-get install python3-torch python3-torchvision).
"""
import argparse
import importlib.util
import sys
import tarfile
import time
import types

import numpy as np
import torch
from PIL import Image
from torch.utils.data import Dataset

RECORD = 1 + 3 * 32 * 32


def read_archive(path):
    """The training batches and the test batch of a CIFAR-10 binary archive, as HWC uint8."""
    train, test = [], []
    with tarfile.open(path) as tar:
        for member in tar.getmembers():
            name = member.name.rsplit("/", 1)[-1]
            if not name.endswith(".bin"):
                continue
            raw = np.frombuffer(tar.extractfile(member).read(), dtype=np.uint8).reshape(-1, RECORD)
            (test if name == "test_batch.bin" else train).append(raw)
    if not train or not test:
        sys.exit(f"{path}: needs data_batch_*.bin and test_batch.bin")

    def split(parts):
        raw = np.concatenate(parts)
        images = raw[:, 1:].reshape(-1, 3, 32, 32).transpose(0, 2, 3, 1).copy()
        return images, raw[:, 0].astype(np.int64)

    return split(train), split(test)


class BinaryCifar10(Dataset):
    """torchvision.datasets.CIFAR10's interface (data as N×32×32×3 uint8, targets, transform)
    over the images read from the archive."""

    splits = None

    def __init__(self, root, train=True, download=False, transform=None):
        self.data, targets = self.splits[0 if train else 1]
        self.targets = targets.tolist()
        self.transform = transform

    def __len__(self):
        return len(self.targets)

    def __getitem__(self, i):
        image = Image.fromarray(self.data[i])
        return (self.transform(image) if self.transform else image), self.targets[i]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("script", help="a script from LayerCake's Export PyTorch (CIFAR-10)")
    parser.add_argument("--archive", default="../shared/datasets/cifar-10-binary-subset.tar.gz")
    parser.add_argument("--seed", type=int, default=None, help="instead of the script's SEED")
    parser.add_argument("--threads", type=int, default=torch.get_num_threads())
    args = parser.parse_args()

    spec = importlib.util.spec_from_file_location("exported", args.script)
    exported = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(exported)
    BinaryCifar10.splits = read_archive(args.archive)
    train_count, test_count = (len(split[1]) for split in BinaryCifar10.splits)
    print(f"{args.archive}: {train_count} training, {test_count} test images")
    exported.datasets = types.SimpleNamespace(CIFAR10=BinaryCifar10)
    if args.seed is not None:
        exported.SEED = args.seed
    torch.set_num_threads(args.threads)
    sys.argv = sys.argv[:1]
    started = time.time()
    exported.main()
    print(f"{time.time() - started:.1f} s")


if __name__ == "__main__":
    main()
