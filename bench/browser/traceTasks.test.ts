import { describe, expect, it } from 'vitest';
import { mainThreadTasks, type TraceEvent } from './traceTasks';

const thread = (pid: number, tid: number, name: string): TraceEvent => ({
  name: 'thread_name',
  ph: 'M',
  pid,
  tid,
  ts: 0,
  args: { name },
});
const task = (pid: number, tid: number, ms: number, cpuMs?: number): TraceEvent => ({
  name: 'ThreadControllerImpl::RunTask',
  ph: 'X',
  pid,
  tid,
  ts: 0,
  dur: ms * 1000,
  ...(cpuMs !== undefined ? { tdur: cpuMs * 1000 } : {}),
});

describe('mainThreadTasks', () => {
  it("the page's main thread: wall and CPU time of its longest tasks", () => {
    const trace = {
      traceEvents: [
        thread(1, 1, 'CrRendererMain'),
        thread(1, 2, 'DedicatedWorker thread'),
        thread(2, 1, 'CrRendererMain'),
        // The page: three tasks; one waited 120 ms for a core but ran 8 ms.
        task(1, 1, 4, 4),
        task(1, 1, 120, 8),
        task(1, 1, 70, 60),
        // The worker's long tasks do not count; nor does another renderer with fewer tasks.
        task(1, 2, 900, 900),
        task(2, 1, 300, 300),
      ],
    };
    expect(mainThreadTasks(trace)).toEqual({
      tasks: 3,
      longestMs: 120,
      longestCpuMs: 60,
      over50msCpu: 1,
    });
  });

  it('without thread times, the wall clock stands in', () => {
    expect(mainThreadTasks([thread(1, 1, 'CrRendererMain'), task(1, 1, 80)])).toMatchObject({
      longestCpuMs: 80,
      over50msCpu: 1,
    });
  });
});
