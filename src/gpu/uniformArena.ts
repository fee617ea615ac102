// Per-dispatch parameters (sizes, flags, the learning rate of this step) for every kernel
// recorded into one submit live side by side in one uniform buffer, one aligned slot per
// dispatch, bound with a dynamic offset. The slots are filled on the CPU while recording and
// uploaded with a single writeBuffer just before the submit, so a step's parameters cost one
// copy, bind groups never change, and a parameter object mutated between steps (the
// Backend's "per step" fields) is read exactly when its kernel is recorded.
//
// Queue order makes reuse safe: the upload for the next submit is ordered after every
// command buffer submitted before it, so the slots can start from zero at each submit.

/** Bytes of one slot: every kernel's parameters fit, and it is a legal dynamic offset step. */
export const SLOT_BYTES = 256;

export class UniformArena {
  readonly buffer: GPUBuffer;
  readonly slots: number;
  private readonly bytes: ArrayBuffer;
  private readonly u32: Uint32Array;
  private readonly i32: Int32Array;
  private readonly f32: Float32Array;
  /** Slots used since the last upload. */
  private used = 0;
  /** Word index where the next value of the open slot goes. */
  private cursor = 0;

  constructor(
    private readonly device: GPUDevice,
    slots: number,
    alignment: number,
  ) {
    if (SLOT_BYTES % alignment !== 0) {
      throw new Error(
        `uniform slots of ${SLOT_BYTES} bytes do not meet the adapter's ${alignment}-byte alignment`,
      );
    }
    this.slots = slots;
    this.buffer = device.createBuffer({
      label: 'uniform arena',
      size: slots * SLOT_BYTES,
      usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST,
    });
    this.bytes = new ArrayBuffer(slots * SLOT_BYTES);
    this.u32 = new Uint32Array(this.bytes);
    this.i32 = new Int32Array(this.bytes);
    this.f32 = new Float32Array(this.bytes);
  }

  get full(): boolean {
    return this.used === this.slots;
  }

  get empty(): boolean {
    return this.used === 0;
  }

  /** Opens the next slot; returns its byte offset, the dispatch's dynamic offset. */
  open(): number {
    if (this.used === this.slots) throw new Error('uniform arena full: flush before recording');
    const offset = this.used * SLOT_BYTES;
    this.cursor = offset / 4;
    this.used++;
    return offset;
  }

  // Values are written in the order of the kernel's WGSL `Params` struct, whose fields are
  // all 4-byte scalars, so field i sits at word i.
  u32v(value: number): void {
    this.u32[this.cursor++] = value;
  }

  i32v(value: number): void {
    this.i32[this.cursor++] = value;
  }

  f32v(value: number): void {
    this.f32[this.cursor++] = value;
  }

  /** Forgets the slots written since the last upload (a recording that ran nothing). */
  discard(): void {
    this.used = 0;
  }

  /** Uploads the slots used since the last upload and starts over. */
  upload(): void {
    if (this.used === 0) return;
    this.device.queue.writeBuffer(this.buffer, 0, this.bytes, 0, this.used * SLOT_BYTES);
    this.used = 0;
  }
}
