// The geometry of a convolution or pooling window over NCHW tensors, shared by their kernels.
// optional: conv, a bias is present; max pooling, argmax is written. activation: 1 for ReLU.
struct Params {
  batch: u32, inC: u32, inH: u32, inW: u32,
  outC: u32, outH: u32, outW: u32, kH: u32,
  kW: u32, stride: u32, pad: u32, accumulate: u32,
  optional: u32, imagesPerChunk: u32, chunks: u32, activation: u32,
}
