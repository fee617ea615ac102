// The engine's version, recorded with every run: bit-identical reruns are promised for the same
// spec on the same backend and the same engine version; a new engine may change the numbers.
// Kept equal to package.json's version by a test.
export const ENGINE_VERSION = '0.1.0';
