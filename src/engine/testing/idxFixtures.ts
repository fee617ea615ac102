// Hand-made IDX files for tests, so no unit test needs the real 47 MB MNIST files.

/** An IDX file: 00 00, element type, rank, big-endian dims, then the elements as bytes. */
export function idxFile(dims: number[], elements: ArrayLike<number>, typeCode = 0x08): Uint8Array {
  const header = 4 + 4 * dims.length;
  const bytes = new Uint8Array(header + elements.length);
  const view = new DataView(bytes.buffer);
  bytes[2] = typeCode;
  bytes[3] = dims.length;
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d, false));
  bytes.set(Array.from(elements), header);
  return bytes;
}

/** `count` 28×28 images whose pixel j of image i is (7·i + j) mod 256, so each is recognisable. */
export function mnistLikeImages(count: number): Uint8Array {
  const pixels = new Uint8Array(count * 784);
  for (let i = 0; i < count; i++) {
    for (let j = 0; j < 784; j++) pixels[i * 784 + j] = (7 * i + j) % 256;
  }
  return idxFile([count, 28, 28], pixels);
}

export function mnistLikeLabels(labels: number[]): Uint8Array {
  return idxFile([labels.length], labels);
}
