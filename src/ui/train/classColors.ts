// One colour per class, the same wherever classes are drawn on the dashboard (up to the 8 classes
// a toy set can have; distinguishable for the common colour-vision deficiencies, after Okabe–Ito).
const CLASS_COLORS = [
  '#e8590c',
  '#2563eb',
  '#0f9d76',
  '#c2255c',
  '#7048e8',
  '#e0a100',
  '#0c8599',
  '#5c5f66',
] as const;

export function classColor(k: number): string {
  return CLASS_COLORS[((k % CLASS_COLORS.length) + CLASS_COLORS.length) % CLASS_COLORS.length];
}
