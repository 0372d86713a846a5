import { connect } from 'node:net';

/**
 * Sends bytes exactly as given (a request no HTTP client would build) and resolves with what the
 * server answered before closing, or after `timeoutMs`.
 */
export function rawRequest(url: string, request: string, timeoutMs = 2000): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    let answer = '';
    const done = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(answer);
    };
    const timer = setTimeout(done, timeoutMs);
    socket.on('data', (chunk) => {
      answer += chunk.toString('latin1');
      // Enough to read a refusal; a websocket that opened keeps the socket, which is not wanted here.
      if (/\r\n\r\n/.test(answer)) done();
    });
    socket.on('error', done);
    socket.on('close', done);
    socket.write(request);
  });
}

/** The status code of a raw HTTP answer (0 when there was none). */
export function statusOf(answer: string): number {
  return Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0);
}

/** A websocket upgrade request for `path`, with the given extra header lines. */
export function upgradeRequest(url: string, target: string, headers: Record<string, string> = {}): string {
  const { host } = new URL(url);
  const lines = [
    `GET ${target} HTTP/1.1`,
    `Host: ${host}`,
    'Upgrade: websocket',
    'Connection: Upgrade',
    'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
    'Sec-WebSocket-Version: 13',
    ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
  ];
  return `${lines.join('\r\n')}\r\n\r\n`;
}
