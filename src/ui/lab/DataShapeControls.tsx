// The quadratic's data set, which the user reshapes: its spread along two axes, its rotation
// and its size. H = (1/P)·Σ xxᵀ follows the cloud: stretch it and λmax grows, turn it and the
// eigenvectors turn with it.
import { useEffect, useRef } from 'react';
import type { DataShape } from '../../engine/analysis/surfaces/index';
import { fitCanvas } from '../viz/planeCanvas';
import { useAppStore } from '../store/store';

const SIZE = 150;

const FIELDS: { key: keyof DataShape; label: string; min: number; max: number; step: number }[] = [
  { key: 'spread1', label: 'spread along axis 1', min: 0.2, max: 2.5, step: 0.05 },
  { key: 'spread2', label: 'spread along axis 2', min: 0.2, max: 2.5, step: 0.05 },
  { key: 'angleDeg', label: 'rotation (°)', min: 0, max: 180, step: 1 },
  { key: 'count', label: 'samples P', min: 8, max: 256, step: 8 },
];

export function DataShapeControls({ points }: { points: Float64Array }) {
  const shape = useAppStore((s) => s.lab.dataShape);
  const setShape = useAppStore((s) => s.setDataShape);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = canvasRef.current;
    const ctx = canvas && fitCanvas(canvas, SIZE, SIZE);
    if (!ctx) return;
    ctx.clearRect(0, 0, SIZE, SIZE);
    ctx.strokeStyle = '#d5d9e0';
    ctx.beginPath();
    ctx.moveTo(SIZE / 2, 0);
    ctx.lineTo(SIZE / 2, SIZE);
    ctx.moveTo(0, SIZE / 2);
    ctx.lineTo(SIZE, SIZE / 2);
    ctx.stroke();
    // The cloud fills the square whatever its spread, with the origin at the centre.
    let reach = 1;
    for (const v of points) reach = Math.max(reach, 2.2 * Math.abs(v));
    ctx.fillStyle = '#2563eb';
    for (let p = 0; p < points.length / 2; p++) {
      const x = SIZE / 2 + (points[2 * p] / reach) * SIZE;
      const y = SIZE / 2 - (points[2 * p + 1] / reach) * SIZE;
      ctx.beginPath();
      ctx.arc(x, y, 2, 0, 2 * Math.PI);
      ctx.fill();
    }
  }, [points]);
  return (
    <div className="lab-data" data-testid="lab-data-shape">
      <canvas ref={canvasRef} style={{ width: SIZE, height: SIZE }} aria-label="The data set xₚ" />
      <div className="lab-data-fields">
        <div className="lab-subtitle">Data set xₚ (targets tₚ = 1·x₁ − 0.5·x₂ + noise)</div>
        {FIELDS.map((f) => (
          <label key={f.key} className="lab-field">
            <span>
              {f.label}: <b>{shape[f.key]}</b>
            </span>
            <input
              type="range"
              min={f.min}
              max={f.max}
              step={f.step}
              value={shape[f.key]}
              onChange={(e) => setShape({ [f.key]: Number(e.target.value) })}
            />
          </label>
        ))}
      </div>
    </div>
  );
}
