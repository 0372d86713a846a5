import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { ActivityTypes, TurnContext, type Activity, type ResourceResponse } from 'botbuilder';
import { WebAdapter } from 'botbuilder-adapter-web';
import type { Logger } from 'pino';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { InboundFrame } from './inbound-frame.js';
import type { WebIdentity } from './identity.js';

type Logic = (context: TurnContext) => Promise<void>;

export interface SecureWebAdapterOptions {
  identity: WebIdentity;
  logger: Logger;
  /** Websocket path the page connects to. */
  path: string;
  maxFrameBytes: number;
  /** Text sent back when a frame cannot be read. */
  malformedReply: () => string;
  heartbeatMs?: number;
}

interface TrackedSocket extends WebSocket {
  isAlive?: boolean;
}

/**
 * botbuilder-adapter-web with the identity, limits and lifecycle a public page needs:
 * the user id comes from the signed cookie checked at the upgrade, never from the frame;
 * frames are capped and validated, a bad one gets a reply instead of a silent log; every tab of
 * a user receives the replies; and the heartbeat stops when the adapter closes.
 */
export class SecureWebAdapter extends WebAdapter {
  private readonly sockets = new Map<string, Set<TrackedSocket>>();
  private server: WebSocketServer | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  private httpServer: Server | undefined;
  private logic: Logic | undefined;
  private readonly onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => this.upgrade(req, socket, head);

  constructor(private readonly options: SecureWebAdapterOptions) {
    super();
  }

  /** Botkit calls this with its own http server; ours attaches through createSocketServer instead. */
  override init(): void {}

  override createSocketServer(server: Server, _socketOptions: unknown, logic: Logic): void {
    this.httpServer = server;
    this.logic = logic;
    this.server = new WebSocketServer({ noServer: true, maxPayload: this.options.maxFrameBytes });
    this.wss = this.server;
    server.on('upgrade', this.onUpgrade);
    this.heartbeat = setInterval(() => this.beat(), this.options.heartbeatMs ?? 30_000);
    this.heartbeat.unref();
  }

  private upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== this.options.path) return refuse(socket, 404, 'Not Found');
    const origin = req.headers.origin;
    if (origin && new URL(origin).host !== req.headers.host) {
      this.options.logger.warn({ origin, host: req.headers.host }, 'websocket refused: foreign origin');
      return refuse(socket, 403, 'Forbidden');
    }
    const userId = this.options.identity.fromCookieHeader(req.headers.cookie);
    if (!userId) return refuse(socket, 401, 'Unauthorized');
    this.server?.handleUpgrade(req, socket, head, (ws) => this.connected(ws, userId));
  }

  private connected(ws: TrackedSocket, userId: string): void {
    ws.isAlive = true;
    const set = this.sockets.get(userId) ?? new Set();
    set.add(ws);
    this.sockets.set(userId, set);
    ws.on('pong', () => (ws.isAlive = true));
    ws.on('message', (data, isBinary) => this.received(ws, userId, data, isBinary));
    ws.on('error', (err) => this.options.logger.warn({ err, userId }, 'websocket error'));
    ws.on('close', () => {
      set.delete(ws);
      if (set.size === 0 && this.sockets.get(userId) === set) this.sockets.delete(userId);
    });
  }

  private received(ws: WebSocket, userId: string, data: RawData, isBinary: boolean): void {
    let frame: InboundFrame;
    try {
      if (isBinary) throw new Error('binary frame');
      frame = InboundFrame.parse(JSON.parse(data.toString()));
    } catch (err) {
      this.options.logger.warn({ userId, err: (err as Error).message, bytes: rawLength(data) }, 'malformed websocket frame');
      send(ws, { type: 'message', text: this.options.malformedReply(), error: 'malformed' });
      return;
    }
    const activity: Partial<Activity> = {
      timestamp: new Date(),
      channelId: 'websocket',
      conversation: { id: userId, isGroup: false, conversationType: 'personal', name: '' },
      from: { id: userId, name: '' },
      recipient: { id: 'bot', name: 'bot' },
      type: frame.type === 'message' ? ActivityTypes.Message : ActivityTypes.Event,
      text: frame.type === 'message' ? frame.text : undefined,
      value: frame.type === 'message' ? frame.value : undefined,
      channelData: frame.type === 'message' ? { value: frame.value } : { botkitEventType: frame.type },
    };
    const context = new TurnContext(this, activity);
    this.runMiddleware(context, this.logic ?? (async () => undefined)).catch((err: unknown) =>
      this.options.logger.error({ err, userId }, 'web turn failed'),
    );
  }

  override async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    for (const activity of activities) {
      const userId = activity.recipient?.id ?? context.activity.from.id;
      const message: Record<string, unknown> = { type: activity.type, text: activity.text, ...(activity.channelData ?? {}) };
      const open = [...(this.sockets.get(userId) ?? [])].filter((ws) => ws.readyState === ws.OPEN);
      if (open.length === 0) this.options.logger.debug({ userId }, 'no open websocket for reply');
      for (const ws of open) send(ws, message);
    }
    return [];
  }

  /** Sends messages to every open page of a user, outside any turn (a proactive prompt); false if none is open. */
  push(userId: string, frames: Array<Record<string, unknown>>): boolean {
    const open = [...(this.sockets.get(userId) ?? [])].filter((ws) => ws.readyState === ws.OPEN);
    for (const ws of open) for (const frame of frames) send(ws, frame);
    return open.length > 0;
  }

  /** The webhook mode of the web adapter takes the user id from the request body: not offered. */
  override async processActivity(_req: unknown, res: { status(code: number): { end(): void } }): Promise<void> {
    res.status(404).end();
  }

  override isConnected(userId: string): boolean {
    return (this.sockets.get(userId)?.size ?? 0) > 0;
  }

  override getConnection(userId: string): ReturnType<WebAdapter['getConnection']> {
    const ws = this.sockets.get(userId)?.values().next().value;
    if (!ws) throw new Error(`User ${userId} is not connected`);
    // The adapter's typings name its own copy of `ws`; the socket is the same class at run time.
    return ws as unknown as ReturnType<WebAdapter['getConnection']>;
  }

  connectionCount(): number {
    return [...this.sockets.values()].reduce((n, s) => n + s.size, 0);
  }

  /** Stops the heartbeat and closes every socket (code 1001, "going away": the page reconnects). */
  async close(): Promise<void> {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.httpServer?.off('upgrade', this.onUpgrade);
    for (const set of this.sockets.values()) for (const ws of set) ws.close(1001, 'server shutting down');
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private beat(): void {
    for (const set of this.sockets.values()) {
      for (const ws of set) {
        if (ws.isAlive === false) {
          ws.terminate();
          continue;
        }
        ws.isAlive = false;
        ws.ping();
      }
    }
  }
}

function send(ws: WebSocket, message: Record<string, unknown>): void {
  if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
}

function rawLength(data: RawData): number {
  return Array.isArray(data) ? data.reduce((n, b) => n + b.length, 0) : (data as Buffer | ArrayBuffer).byteLength;
}

function refuse(socket: Duplex, status: number, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}
