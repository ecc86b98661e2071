// The ingest load generator: a separate process holding N keep-alive connections (node:http with an
// Agent), each sending the next pre-built request body as soon as the previous answer arrived. It
// only targets the URL it is given, which the orchestrator always points at 127.0.0.1, and every run
// stops by itself (a time limit and a request limit).
//
// IPC: { type: 'run', url, size, seed, connections, warmupMs, durationMs, maxRequests }
//   →  { type: 'result', requests, events, errors, statuses, elapsedMs, eventsPerSecond,
//        requestsPerSecond, latencyMs: { p50, p90, p99, max } }
import http from 'node:http';
import { percentileOfSorted } from '../lib/stats.mjs';
import { ingestBodies } from '../lib/traffic.mjs';

const bodyCache = new Map();

function bodiesFor(size, seed) {
  const key = `${size}:${seed}`;
  if (!bodyCache.has(key)) {
    // Enough distinct bodies that the server never sees a short loop of identical payloads.
    const count = size >= 100 ? 300 : 2000;
    bodyCache.set(
      key,
      ingestBodies(size, count, seed).map((text) => Buffer.from(text)),
    );
  }
  return bodyCache.get(key);
}

function post(url, body, agent) {
  return new Promise((resolve) => {
    const req = http.request(
      url,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'text/plain;charset=UTF-8', 'content-length': body.length },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', () => resolve(-1));
      },
    );
    req.on('error', () => resolve(-1));
    req.end(body);
  });
}

async function run({ url, size, seed = 11, connections, warmupMs, durationMs, maxRequests }) {
  if (!/^http:\/\/127\.0\.0\.1:\d+\//.test(url))
    throw new Error(`refusing to load a non-loopback URL: ${url}`);
  const bodies = bodiesFor(size, seed);
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const latencies = new Float64Array(maxRequests);
  const statuses = {};
  let sent = 0;
  let measured = 0;
  let errors = 0;
  const start = performance.now();
  const measureFrom = start + warmupMs;
  const stopAt = measureFrom + durationMs;
  let measureTo = stopAt;

  async function worker() {
    while (sent < maxRequests) {
      const began = performance.now();
      if (began >= stopAt) break;
      const body = bodies[sent++ % bodies.length];
      const status = await post(url, body, agent);
      const ended = performance.now();
      if (status !== 200) errors++;
      if (began >= measureFrom && ended <= stopAt) {
        statuses[status] = (statuses[status] ?? 0) + 1;
        latencies[measured++] = ended - began;
      }
    }
  }
  await Promise.all(Array.from({ length: connections }, worker));
  // A run cut short by maxRequests ends its window where the last request ended.
  measureTo = Math.min(stopAt, performance.now());
  agent.destroy();
  const elapsedMs = measureTo - measureFrom;
  const sorted = latencies.slice(0, measured).sort();
  const ok = statuses[200] ?? 0;
  return {
    requests: measured,
    events: ok * size,
    errors,
    statuses,
    elapsedMs,
    requestsPerSecond: (measured / elapsedMs) * 1000,
    eventsPerSecond: ((ok * size) / elapsedMs) * 1000,
    latencyMs: {
      p50: percentileOfSorted(sorted, 50),
      p90: percentileOfSorted(sorted, 90),
      p99: percentileOfSorted(sorted, 99),
      max: sorted.length ? sorted[sorted.length - 1] : Number.NaN,
    },
  };
}

process.on('message', async (message) => {
  if (message === 'close') process.exit(0);
  if (message?.type === 'prepare') {
    bodiesFor(message.size, message.seed ?? 11);
    process.send({ type: 'prepared' });
  }
  if (message?.type === 'run') {
    try {
      process.send({ type: 'result', ...(await run(message)) });
    } catch (error) {
      process.send({ type: 'error', message: error.message });
    }
  }
});
process.on('disconnect', () => process.exit(0));
process.send?.({ type: 'ready', pid: process.pid });
