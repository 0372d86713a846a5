// Child process of the broadcast benchmark: a minimal Bot Framework connector on 127.0.0.1
// that answers every send with 200 and counts them (its CPU is not the bot's).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

let received = 0;
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    if (req.method === 'POST' && /^\/v3\/conversations\/[^/]+\/activities/.test(req.url ?? '')) received += 1;
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(`{"id":"a-${received}"}`);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => process.send?.({ type: 'ready', port: (server.address() as AddressInfo).port }));
process.on('message', (msg: { type: string }) => {
  if (msg.type === 'count') process.send?.({ type: 'count', received });
  if (msg.type === 'stop') server.close(() => process.exit(0));
});
