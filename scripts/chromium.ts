// How LayerCake's browser tests and browser benchmark start Chromium (see ../shared/MACHINE.md):
// Debian's /usr/bin/chromium by default, CHROMIUM_PATH to use another, and the flags that make
// WebGPU work headless on machines without a GPU (it then runs on SwiftShader).
import { existsSync } from 'node:fs';

const DEBIAN_CHROMIUM = '/usr/bin/chromium';

/** The Chromium to launch, or undefined to let Playwright use its own. */
export const chromiumExecutable: string | undefined =
  process.env.CHROMIUM_PATH || (existsSync(DEBIAN_CHROMIUM) ? DEBIAN_CHROMIUM : undefined);

export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-quic',
  '--no-first-run',
  // Without these, Chromium keeps trying to reach Google's servers, which a closed network refuses.
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // The one that matters: without it navigator.gpu offers no adapter.
  '--enable-unsafe-webgpu',
];
