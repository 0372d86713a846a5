// Child process of the broadcast benchmark: a minimal Bot Framework connector on 127.0.0.1
// that answers every send with 200 and counts them (its CPU is not the bot's).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

let received = 0;
/** Messages per conversation (a second one is a duplicate), and per second of arrival (the rate seen). */
const perConversation = new Map<string, number>();
const perSecond = new Map<number, number>();
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    const conversation = /^\/v3\/conversations\/([^/]+)\/activities/.exec(req.url ?? '')?.[1];
    if (req.method === 'POST' && conversation !== undefined) {
      received += 1;
      perConversation.set(conversation, (perConversation.get(conversation) ?? 0) + 1);
      const second = Math.floor(performance.now() / 1000);
      perSecond.set(second, (perSecond.get(second) ?? 0) + 1);
    }
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(`{"id":"a-${received}"}`);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => process.send?.({ type: 'ready', port: (server.address() as AddressInfo).port }));
process.on('message', (msg: { type: string }) => {
  if (msg.type === 'count') {
    const duplicates = [...perConversation.values()].filter((n) => n > 1).length;
    // Full seconds only (the first and last are partial).
    const seconds = [...perSecond.keys()].sort((a, b) => a - b).slice(1, -1);
    const busiest = Math.max(0, ...seconds.map((s) => perSecond.get(s) ?? 0));
    process.send?.({ type: 'count', received, conversations: perConversation.size, duplicates, busiestSecond: busiest });
  }
  if (msg.type === 'stop') server.close(() => process.exit(0));
});
