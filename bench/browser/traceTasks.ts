// Reading a Chrome trace (Playwright's browser.startTracing with the devtools.timeline
// categories) for what the page's main thread did: each task's wall-clock and CPU time.

export interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  /** Thread CPU time, in µs. */
  tdur?: number;
  args?: { name?: string };
}

/**
 * The tasks of the page's main thread in a Chrome trace (its renderer's CrRendererMain with
 * the most tasks): wall-clock and CPU time of the longest, and how many took more than
 * `longTaskMs` of CPU.
 */
export function mainThreadTasks(
  trace: { traceEvents?: TraceEvent[] } | TraceEvent[],
  longTaskMs = 50,
): {
  tasks: number;
  longestMs: number;
  longestCpuMs: number;
  over50msCpu: number;
} {
  const events = Array.isArray(trace) ? trace : (trace.traceEvents ?? []);
  const mains = new Set<string>();
  for (const e of events)
    if (e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      mains.add(`${e.pid}:${e.tid}`);
  const byThread = new Map<string, TraceEvent[]>();
  for (const e of events) {
    const key = `${e.pid}:${e.tid}`;
    if (e.ph !== 'X' || e.dur === undefined || !mains.has(key)) continue;
    if (e.name !== 'ThreadControllerImpl::RunTask' && e.name !== 'RunTask') continue;
    let list = byThread.get(key);
    if (!list) byThread.set(key, (list = []));
    list.push(e);
  }
  const tasks = [...byThread.values()].sort((a, b) => b.length - a.length)[0] ?? [];
  let longestMs = 0;
  let longestCpuMs = 0;
  let over50msCpu = 0;
  for (const t of tasks) {
    longestMs = Math.max(longestMs, t.dur! / 1000);
    const cpu = (t.tdur ?? t.dur!) / 1000;
    longestCpuMs = Math.max(longestCpuMs, cpu);
    if (cpu > longTaskMs) over50msCpu++;
  }
  return { tasks: tasks.length, longestMs, longestCpuMs, over50msCpu };
}
