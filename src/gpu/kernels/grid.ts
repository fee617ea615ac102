// Spreading a count of workgroups over two grid dimensions, for kernels that fold their row
// index as (workgroup_id.z · num_workgroups.y + workgroup_id.y): no dimension may exceed
// maxComputeWorkgroupsPerDimension (65,535 on most adapters).
import type { GpuContext } from '../gpuContext';

/** Runs x × rows workgroups, rows folded over y and z. */
export function runFolded(gpu: GpuContext, x: number, rows: number): void {
  const y = Math.min(Math.max(1, rows), gpu.maxWorkgroups);
  gpu.run(Math.max(1, x), y, Math.ceil(Math.max(1, rows) / y));
}
