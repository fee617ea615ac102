// The colours of the plane views, from the dashboard's class colours so a class looks the same
// everywhere: class k's colour, and for values the first two (orange below zero, blue above).
import { classColor } from '../train/classColors';
import { hexToRgb, type Rgb } from './boundaryPaint';

export const classRgb = (k: number): Rgb => hexToRgb(classColor(k));

export const NEGATIVE: Rgb = classRgb(0);
export const POSITIVE: Rgb = classRgb(1);
