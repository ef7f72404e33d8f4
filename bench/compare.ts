/**
 * Runs a task beside its peer in the same process and prints ops/s and the
 * ratio (ours / peer). Plain Node: `npm run bench`.
 */
import { Bench } from "tinybench";

export interface Contender {
  name: string;
  fn: () => unknown | Promise<unknown>;
}

export interface Comparison {
  title: string;
  ours: Contender;
  peer?: Contender;
  /** Printed after the numbers, e.g. the goal. */
  goal?: string;
  /**
   * Also measure process CPU time per call of `ours` (user + system, with
   * `process.cpuUsage`, garbage collection included) over this many calls:
   * for goals stated in CPU milliseconds.
   */
  cpuCalls?: number;
  /** Fewest calls per task and round (tinybench's default is 64; a peer taking a second per call needs fewer). */
  iterations?: number;
}

export interface ComparisonResult {
  title: string;
  oursOps: number;
  oursMeanMs: number;
  oursMedianMs: number;
  oursCpuMs?: number;
  peerOps?: number;
  ratio?: number;
}

interface Measured {
  ops: number;
  meanMs: number;
  medianMs: number;
}

async function measure(c: Comparison, time: number): Promise<{ ours: Measured; peer?: Measured }> {
  const bench = new Bench({
    time,
    warmupTime: 300,
    ...(c.iterations !== undefined && { iterations: c.iterations, warmupIterations: 2 }),
  });
  bench.add(c.ours.name, c.ours.fn);
  if (c.peer) bench.add(c.peer.name, c.peer.fn);
  await bench.run();
  const [ours, peer] = bench.tasks.map((t) => {
    const r = t.result as { throughput?: { mean: number }; latency?: { mean: number; p50: number } } | undefined;
    if (!r?.throughput || !r.latency) throw new Error(`bench task ${t.name} failed: ${JSON.stringify(t.result)}`);
    return { ops: r.throughput.mean, meanMs: r.latency.mean, medianMs: r.latency.p50 };
  });
  return { ours, ...(peer && { peer }) };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/**
 * With a peer, the pair is measured in `rounds` rounds (ours, then the peer,
 * each round), and the ratio printed is the median of the rounds' ratios,
 * every round's ratio listed: on a shared host one slow phase then moves one
 * round, not the result. The ops/s printed are those of the median round.
 */
export async function compare(c: Comparison, time = 1500, rounds = 3): Promise<ComparisonResult> {
  const runs: { ours: Measured; peer?: Measured }[] = [];
  const n = c.peer ? rounds : 1;
  for (let i = 0; i < n; i++) runs.push(await measure(c, c.peer ? Math.round(time / 2) : time));
  const ratios = runs.map((r) => (r.peer ? r.ours.ops / r.peer.ops : 0));
  // With an odd number of rounds the median is one round's ratio: print that round's numbers.
  const chosen = runs[Math.max(0, ratios.indexOf(median(ratios)))];
  const { ours, peer } = chosen;
  const result: ComparisonResult = {
    title: c.title,
    oursOps: ours.ops,
    oursMeanMs: ours.meanMs,
    oursMedianMs: ours.medianMs,
  };
  const line = [
    `${c.title}`,
    `  ${c.ours.name}: ${fmt(ours.ops)} ops/s (${ours.meanMs.toFixed(3)} ms/op mean, ${ours.medianMs.toFixed(3)} median)`,
  ];
  if (c.cpuCalls) {
    result.oursCpuMs = await cpuMsPerCall(c.ours.fn, c.cpuCalls);
    line.push(`  CPU time: ${result.oursCpuMs.toFixed(3)} ms per call (mean over ${c.cpuCalls} calls, GC included)`);
  }
  if (c.peer && peer) {
    result.peerOps = peer.ops;
    result.ratio = median(ratios);
    line.push(`  ${c.peer.name}: ${fmt(peer.ops)} ops/s (${peer.meanMs.toFixed(3)} ms/op)`);
    line.push(
      `  ratio: ${result.ratio.toFixed(2)}x the peer (median of ${n} rounds: ${ratios.map((r) => r.toFixed(2)).join(", ")})`,
    );
  }
  if (c.goal) line.push(`  goal: ${c.goal}`);
  console.log(line.join("\n"));
  return result;
}

/** Process CPU time (user + system, garbage collection included) per call of `fn`, over `calls` calls. */
export async function cpuMsPerCall(fn: Contender["fn"], calls: number): Promise<number> {
  const start = process.cpuUsage();
  for (let i = 0; i < calls; i++) await fn();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000 / calls;
}

function fmt(n: number): string {
  return n >= 100 ? Math.round(n).toLocaleString("en-US") : n.toFixed(2);
}
