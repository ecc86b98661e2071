#!/usr/bin/env node
// The ingest ceiling: a bare node:http server that does the least an Insights endpoint can do —
// read the body, parse it as JSON, answer 200 with Algolia's success body — and stores nothing.
// The collector's ingest figures are reported as a fraction of this server's, measured in the same
// run with the same load generator, so the fraction says what auth, validation and a durable
// SQLite commit cost on top of HTTP + JSON.
//
// Run: node bench/ceiling-server.mjs [port]   (prints its URL; under a parent with IPC it sends
// { url, pid } and closes on the message "close").
import { createServer } from 'node:http';

const OK = '{"status":200,"message":"OK"}';
const port = Number(process.argv[2] ?? 0);
let events = 0;

const server = createServer((req, res) => {
  if (req.method === 'OPTIONS') {
    res.writeHead(204, {
      'access-control-allow-origin': '*',
      'access-control-allow-methods': 'POST, GET, DELETE',
      'access-control-allow-headers': 'content-type',
    });
    res.end();
    return;
  }
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    let status = 200;
    let body = OK;
    try {
      const parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      events += Array.isArray(parsed?.events) ? parsed.events.length : 0;
    } catch {
      status = 400;
      body = '{"status":400,"message":"Malformed JSON"}';
    }
    res.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(body),
      'access-control-allow-origin': '*',
    });
    res.end(body);
  });
});

server.listen(port, '127.0.0.1', () => {
  const { port: bound } = server.address();
  const url = `http://127.0.0.1:${bound}`;
  if (process.send) process.send({ type: 'ready', url, pid: process.pid });
  else process.stdout.write(`ceiling server listening on ${url}\n`);
});

process.on('message', (message) => {
  if (message === 'stats') process.send?.({ type: 'stats', events });
  if (message === 'close') {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  }
});
process.on('disconnect', () => process.exit(0));
