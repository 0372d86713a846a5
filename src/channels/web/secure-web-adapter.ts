import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { ActivityTypes, TurnContext, type Activity, type ResourceResponse } from 'botbuilder';
import { WebAdapter } from 'botbuilder-adapter-web';
import type { Logger } from 'pino';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { FloodGuard, type FloodGuardOptions, type FloodVerdict } from '../flood-guard.js';
import { clientAddress } from './client-address.js';
import { InboundFrame } from './inbound-frame.js';
import type { WebIdentity } from './identity.js';
import { SocketCaps, type SocketCapsOptions } from './socket-caps.js';
import type { Clock } from '../../domain/clock.js';

type Logic = (context: TurnContext) => Promise<void>;

/** Close codes the page understands (4000–4999 are the application's own). */
export const CLOSE_SESSION_ENDED = 4001;
export const CLOSE_REPLACED = 4002;
export const CLOSE_FLOOD = 1008;

export interface SecureWebAdapterOptions {
  identity: WebIdentity;
  logger: Logger;
  /** Websocket path the page connects to. */
  path: string;
  maxFrameBytes: number;
  /** Texts sent back: a frame that cannot be read, a flood, a tab closed because a newer one opened. */
  replies: { malformed: () => string; flood: () => string; replaced: () => string };
  /** Frames per identity (all its tabs), counted before any parsing. */
  flood: FloodGuardOptions;
  /** Frames per client address (every identity behind it), counted before any parsing. */
  addressFlood: FloodGuardOptions;
  caps: SocketCapsOptions;
  /** Upgrade requests per client address (shared with the pages' request limit). */
  upgrades: FloodGuard;
  /** Reverse proxies in front of the server whose X-Forwarded-For is believed (0: none). */
  trustProxy: number;
  /** An identity whose data was erased: its cookie no longer opens a conversation. */
  isRetired: (userId: string) => boolean;
  heartbeatMs?: number;
  /** The clock of the flood limits, cookies and activities' timestamps. */
  now: Clock;
}

interface TrackedSocket extends WebSocket {
  isAlive?: boolean;
  /** When the page connected (wall-clock milliseconds). */
  openedAt?: number;
  /** Frames dropped in a row by the flood guard. */
  dropped?: number;
  malformed?: number;
  /** Taken out of the counts already (a newer tab replaced it). */
  released?: boolean;
  /** When this page was last told it sends too fast. */
  floodNoticeAt?: number;
}

/** Dropped frames in a row after which a socket is closed: it is not a person typing. */
const CLOSE_AFTER_DROPS = 200;
/** How long an identity closed for flooding may not reconnect. */
const COOL_DOWN_MS = 10_000;

/**
 * botbuilder-adapter-web with the identity, limits and lifecycle a public page needs: the user
 * id comes from the signed cookie checked at the upgrade, never from the frame; every frame is
 * counted per identity and per address before it is even parsed; sockets are capped per
 * identity, per address and in all; frames are validated and a bad one gets a reply; every tab
 * of a user receives the replies; nothing a client sends can throw out of a listener.
 */
export class SecureWebAdapter extends WebAdapter {
  private readonly sockets = new Map<string, Set<TrackedSocket>>();
  private readonly caps: SocketCaps;
  private readonly userFlood: FloodGuard;
  private readonly addressFlood: FloodGuard;
  /** The clock, in milliseconds (what the flood limits count in). */
  private readonly now: () => number;
  /** Identities whose session ends once this turn's replies are sent (their data was erased). */
  private readonly ending = new Set<string>();
  private readonly releasers = new WeakMap<WebSocket, () => void>();
  /** Identities closed for flooding, until when they may not reconnect. */
  private readonly cooling = new Map<string, number>();
  private server: WebSocketServer | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  private httpServer: Server | undefined;
  private logic: Logic | undefined;
  private readonly onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    try {
      this.upgrade(req, socket, head);
    } catch (err) {
      // A listener that throws stops the process: whatever a request holds, it gets a 400.
      this.options.logger.error({ err }, 'websocket upgrade failed');
      refuse(socket, 400, 'Bad Request');
    }
  };

  constructor(private readonly options: SecureWebAdapterOptions) {
    super();
    this.caps = new SocketCaps(options.caps);
    this.userFlood = new FloodGuard(options.flood);
    this.addressFlood = new FloodGuard(options.addressFlood);
    this.now = () => options.now().getTime();
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
    // Errors on this socket (a reset) must not become an uncaught 'error' event.
    socket.on('error', () => socket.destroy());
    const target = req.url ?? '';
    if (!target.startsWith('/')) return refuse(socket, 400, 'Bad Request');
    if (target.split('?')[0] !== this.options.path) return refuse(socket, 404, 'Not Found');
    const address = clientAddress(req, this.options.trustProxy);
    if (this.options.upgrades.check(address, this.now()) !== 'allow') return refuse(socket, 429, 'Too Many Requests', { 'Retry-After': '10' });
    if (!sameOrigin(req.headers.origin, req.headers.host)) {
      this.options.logger.warn({ host: req.headers.host }, 'websocket refused: foreign or unreadable origin');
      return refuse(socket, 403, 'Forbidden');
    }
    const identity = this.options.identity.fromCookieHeader(req.headers.cookie, new Date(this.now()));
    const userId = identity.ok ? identity.userId : undefined;
    const ended = (userId !== undefined && this.options.isRetired(userId)) || (!identity.ok && identity.reason === 'expired');
    if (!userId && !ended) return refuse(socket, 401, 'Unauthorized');
    if (userId && (this.cooling.get(userId) ?? 0) > this.now()) return refuse(socket, 429, 'Too Many Requests', { 'Retry-After': '10' });
    const server = this.server;
    if (!server) return refuse(socket, 503, 'Service Unavailable');
    if (ended) {
      // The page is told to fetch a new identity; no conversation opens on this one.
      server.handleUpgrade(req, socket, head, (ws) => {
        send(ws, { type: 'session', action: 'renew' });
        ws.close(CLOSE_SESSION_ENDED, 'session ended');
      });
      return;
    }
    const admission = this.caps.admit(address, userId!);
    if (admission === 'user') {
      // A newer tab of the same person wins; the oldest is told why it stops.
      this.closeOldest(userId!);
      if (this.caps.admit(address, userId!) !== 'ok') return refuse(socket, 503, 'Service Unavailable');
    } else if (admission !== 'ok') {
      this.options.logger.warn({ address, limit: admission }, 'websocket refused: too many open sockets');
      return refuse(socket, 503, 'Service Unavailable', { 'Retry-After': '30' });
    }
    // A handshake that fails inside ws never reaches the callback: its place is given back.
    let opened = false;
    socket.once('close', () => {
      if (!opened) this.caps.release(address, userId!);
    });
    server.handleUpgrade(req, socket, head, (ws) => {
      opened = true;
      this.connected(ws, userId!, address);
    });
  }

  private connected(ws: TrackedSocket, userId: string, address: string): void {
    ws.isAlive = true;
    // Wall-clock time, not the server's clock: other servers compare it with theirs (see push).
    ws.openedAt = Date.now();
    const set = this.sockets.get(userId) ?? new Set();
    const release = () => {
      if (ws.released) return;
      ws.released = true;
      this.caps.release(address, userId);
      set.delete(ws);
      if (set.size === 0 && this.sockets.get(userId) === set) this.sockets.delete(userId);
    };
    this.releasers.set(ws, release);
    set.add(ws);
    this.sockets.set(userId, set);
    ws.on('pong', () => (ws.isAlive = true));
    // ws answers a ping by itself: pings count like frames, so that a ping flood is cut as well.
    ws.on('ping', () => {
      const now = this.now();
      const verdict = this.userFlood.check(userId, now);
      if (verdict !== 'allow') this.flooded(ws, userId, address, verdict, now);
    });
    ws.on('message', (data, isBinary) => {
      try {
        this.received(ws, userId, address, data, isBinary);
      } catch (err) {
        this.options.logger.error({ err, userId }, 'websocket frame failed');
      }
    });
    ws.on('error', (err) => this.options.logger.warn({ userId, code: (err as NodeJS.ErrnoException).code }, 'websocket error'));
    ws.on('close', () => {
      release();
      if (ws.malformed) this.options.logger.info({ userId, frames: ws.malformed }, 'websocket closed after malformed frames');
    });
  }

  private received(ws: TrackedSocket, userId: string, address: string, data: RawData, isBinary: boolean): void {
    // Counted before anything else is done with the frame: a flood costs a map lookup a frame.
    // The address is charged only for what the identity may send, so that one flooding identity
    // does not use up the allowance of the others behind the same address.
    const now = this.now();
    const byUser = this.userFlood.check(userId, now);
    const verdict = byUser === 'allow' ? this.addressFlood.check(address, now) : byUser;
    if (verdict !== 'allow') return this.flooded(ws, userId, address, verdict, now);
    ws.dropped = 0;
    let frame: InboundFrame;
    try {
      if (isBinary) throw new Error('binary');
      frame = InboundFrame.parse(JSON.parse(data.toString()));
    } catch {
      ws.malformed = (ws.malformed ?? 0) + 1;
      // Once per socket, without the frame's content: a log must not hold what a stranger typed.
      if (ws.malformed === 1) this.options.logger.warn({ userId, bytes: rawLength(data), binary: isBinary }, 'malformed websocket frame');
      send(ws, { type: 'message', text: this.options.replies.malformed(), error: 'malformed' });
      return;
    }
    const activity: Partial<Activity> = {
      timestamp: new Date(this.now()),
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

  private flooded(ws: TrackedSocket, userId: string, address: string, verdict: FloodVerdict, now: number): void {
    if (verdict === 'warn') this.options.logger.warn({ userId, address }, 'websocket flood: frames dropped for a few seconds');
    // Each page is told once (not more than every 10 s) why it gets no answer.
    if (now - (ws.floodNoticeAt ?? -Infinity) > 10_000) {
      ws.floodNoticeAt = now;
      send(ws, { type: 'message', text: this.options.replies.flood(), error: 'flood' });
    }
    ws.dropped = (ws.dropped ?? 0) + 1;
    if (ws.dropped === CLOSE_AFTER_DROPS) {
      // Closed, and the identity may not reconnect for a while: reconnecting is no way round.
      this.options.logger.warn({ userId, address }, 'websocket closed: it keeps flooding');
      this.cooling.set(userId, now + COOL_DOWN_MS);
      ws.close(CLOSE_FLOOD, 'flood');
    }
  }

  private closeOldest(userId: string): void {
    const oldest = this.sockets.get(userId)?.values().next().value;
    if (!oldest) return;
    send(oldest, { type: 'message', text: this.options.replies.replaced(), error: 'replaced' });
    oldest.close(CLOSE_REPLACED, 'replaced by a newer tab');
    // Counted free now: the close handshake may take a moment, the new tab should not wait for it.
    this.releasers.get(oldest)?.();
  }

  override async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const userId = context.activity.from.id;
    const open = this.openSockets(userId);
    if (open.length === 0) this.options.logger.debug({ userId }, 'no open websocket for reply');
    // A turn's frames leave together: one write to the socket, not one per frame.
    for (const ws of open) corked(ws, () => {
      for (const activity of activities) send(ws, { type: activity.type, text: activity.text, ...(activity.channelData ?? {}) });
    });
    if (this.ending.delete(userId)) this.renewSessions(userId);
    return [];
  }

  /**
   * Ends this identity's conversations once the current turn's replies are sent: the pages get
   * a new identity. Used after « supprimer mes données ».
   */
  endSession(userId: string): void {
    this.ending.add(userId);
  }

  /** Ends this identity's conversations now, outside any turn (a browser moved to another identity by a resume link). */
  endSessionNow(userId: string): void {
    this.renewSessions(userId);
  }

  private renewSessions(userId: string): void {
    for (const ws of this.openSockets(userId)) {
      send(ws, { type: 'session', action: 'renew' });
      ws.close(CLOSE_SESSION_ENDED, 'session ended');
    }
  }

  /**
   * Sends messages to every open page of a user, outside any turn (a proactive prompt); false if
   * none is open. `openedBefore` (wall-clock milliseconds): only the pages opened before then (a
   * turn's replies from another server go to the pages that were open when it replied, not to
   * one opened since, which shows them in its history already).
   */
  push(userId: string, frames: Array<Record<string, unknown>>, openedBefore?: number): boolean {
    const open = this.openSockets(userId).filter((ws) => openedBefore === undefined || (ws.openedAt ?? 0) <= openedBefore);
    for (const ws of open) corked(ws, () => frames.forEach((frame) => send(ws, frame)));
    return open.length > 0;
  }

  private openSockets(userId: string): TrackedSocket[] {
    return [...(this.sockets.get(userId) ?? [])].filter((ws) => ws.readyState === ws.OPEN);
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
    return this.caps.open;
  }

  /** Stops the heartbeat and closes every socket (code 1001, "going away": the page reconnects). */
  async close(): Promise<void> {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.httpServer?.off('upgrade', this.onUpgrade);
    for (const set of this.sockets.values()) for (const ws of set) ws.close(1001, 'server shutting down');
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private beat(): void {
    const now = this.now();
    for (const [userId, until] of this.cooling) if (until <= now) this.cooling.delete(userId);
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

/**
 * A browser always sends Origin on a websocket; a page of this server sends its own host. `null`
 * (a sandboxed frame, a file) and anything unreadable are foreign. No Origin at all is a
 * non-browser client, which the identity cookie still has to convince.
 */
function sameOrigin(origin: string | undefined, host: string | undefined): boolean {
  if (origin === undefined) return true;
  if (!host || !URL.canParse(origin)) return false;
  return new URL(origin).host === host;
}

/**
 * Runs `write` with the socket corked, so that the frames it sends go out in one system call.
 * `ws` keeps its socket private; without it (another ws version), frames simply go one by one.
 */
function corked(ws: WebSocket, write: () => void): void {
  const socket = (ws as unknown as { _socket?: { cork?: () => void; uncork?: () => void } })._socket;
  socket?.cork?.();
  try {
    write();
  } finally {
    socket?.uncork?.();
  }
}

function send(ws: WebSocket, message: Record<string, unknown>): void {
  if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
}

function rawLength(data: RawData): number {
  return Array.isArray(data) ? data.reduce((n, b) => n + b.length, 0) : (data as Buffer | ArrayBuffer).byteLength;
}

function refuse(socket: Duplex, status: number, reason: string, headers: Record<string, string> = {}): void {
  const extra = Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join('');
  if (!socket.destroyed) socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\n${extra}Content-Length: 0\r\n\r\n`);
}
