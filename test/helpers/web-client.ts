import WebSocket from 'ws';
import { content } from './content.js';

export interface BotFrame {
  type: string;
  text?: string;
  quick_replies?: Array<{ title: string; payload: string }>;
  cards?: Array<{ title: string; text?: string; url?: string; detail?: string }>;
  detail?: string;
  progress?: { label: string; position: number; total: number };
  error?: string;
}

/** Loads the page as a browser would and returns the identity cookie it was given. */
export async function fetchCookie(baseUrl: string): Promise<string> {
  const res = await fetch(baseUrl);
  const setCookie = res.headers.get('set-cookie');
  if (!setCookie) throw new Error('no identity cookie issued');
  return setCookie.split(';')[0]!;
}

/** The user id a cookie (`odd17_id=v2.<id>.<issued>.<signature>`) carries. */
export function cookieUserId(cookie: string): string {
  return decodeURIComponent(cookie.split('=')[1] ?? '').split('.')[1] ?? '';
}

/** A websocket client of the web chat, as the page speaks to the server. */
export class WebChatClient {
  readonly frames: BotFrame[] = [];
  private waiters: Array<() => void> = [];
  closed: { code: number } | undefined;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      // Plain spaces: tests assert wording; French no-break spaces have their own test.
      this.frames.push(JSON.parse(data.toString().replace(/\\u00a0|\u00a0/g, ' ')) as BotFrame);
      this.waiters.forEach((w) => w());
    });
    ws.on('close', (code) => {
      this.closed = { code };
      this.waiters.forEach((w) => w());
    });
  }

  static connect(baseUrl: string, headers: Record<string, string> = {}): Promise<WebChatClient> {
    const url = baseUrl.replace(/^http/, 'ws').replace(/\/$/, '') + '/ws';
    const ws = new WebSocket(url, { headers });
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(new WebChatClient(ws)));
      ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
      ws.once('error', reject);
    });
  }

  send(frame: unknown): void {
    this.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  messages(): BotFrame[] {
    return this.frames.filter((f) => f.type === 'message');
  }

  /** Waits until `count` messages more than `after` have arrived and the last one offers buttons or the deadline passes. */
  async waitFor(predicate: (frames: BotFrame[]) => boolean, timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this.messages())) {
      if (this.closed) throw new Error(`socket closed (${this.closed.code})`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timeout; last messages: ${this.messages().slice(-2).map((m) => m.text).join(' | ')}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
      this.waiters = [];
    }
  }

  /** Sends a message and waits for the reply that ends with a question (buttons) or settles. */
  async ask(text: string, value?: string): Promise<BotFrame[]> {
    const before = this.messages().length;
    this.send({ type: 'message', text, ...(value ? { value } : {}) });
    await this.waitFor((m) => m.length > before && (m.at(-1)!.quick_replies?.length ?? 0) > 0);
    return this.messages().slice(before);
  }

  /** Presses a button of the last message, by label. */
  press(label: string | RegExp): Promise<BotFrame[]> {
    const replies = [...this.messages()].reverse().find((m) => m.quick_replies?.length)?.quick_replies ?? [];
    const choice = replies.find((c) => (typeof label === 'string' ? c.title === label : label.test(c.title)));
    if (!choice) throw new Error(`no button ${String(label)} among ${replies.map((r) => r.title).join(' | ')}`);
    return this.ask(choice.title, choice.payload);
  }

  close(): void {
    this.ws.close();
  }

  /** Closes the socket and waits until it is closed (2 s at most: a test's clean-up never hangs). */
  async closeAndWait(): Promise<void> {
    if (this.closed) return;
    const closed = new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 2000);
      this.ws.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    this.ws.close();
    await closed;
  }
}

/**
 * Sends the page's first frame (`hello` for a new page, `welcome_back` for a returning one) and
 * waits for the question the bot answers with.
 */
export async function greet(client: WebChatClient, type: 'hello' | 'welcome_back' = 'hello'): Promise<WebChatClient> {
  client.send({ type });
  await client.waitFor((m) => (m.at(-1)?.quick_replies?.length ?? 0) > 0);
  return client;
}

/** A visitor of the web chat: the page's websocket, and the identity cookie the page gave. */
export interface WebVisitor {
  client: WebChatClient;
  cookie: string;
}

/** A new visitor: loads the page (cookie), opens the websocket and waits for the welcome question. */
export async function newWebVisitor(url: string): Promise<WebVisitor> {
  const cookie = await fetchCookie(url);
  const client = await WebChatClient.connect(url, { cookie });
  await greet(client);
  return { client, cookie };
}

/** Answers the profile: an employing association of the Rhône (69). */
export async function onboardOnWeb(client: WebChatClient): Promise<void> {
  await client.press(/^Association/);
  await client.press(/employeuse/i);
  await client.ask('1');
  await client.ask('69');
}

/**
 * Over the websocket: the profile (an employing association of intérêt général, Rhône), the 7
 * needs (« Évaluer sa pertinence » weakest, « Définir sa stratégie » next), step 1 (weights 1, 1,
 * 5, 2) and step 2 (the recommended category, the « Échanger » model).
 */
export async function throughStep2OnWeb(client: WebChatClient): Promise<void> {
  await client.press(/^Association/);
  await client.press(/employeuse/i);
  await client.press(/intérêt général/);
  await client.ask('69');
  await client.press(/Diagnostic/);
  for (let i = 0; i < 7; i++) await client.press(i === 6 ? /^1 ·/ : i === 2 ? /^2 ·/ : /^4 ·/);
  await client.ask('méthode');
  await client.press(/Étape 1/);
  for (const w of ['1', '1', '5', '2']) await client.press(w);
  await client.press('Continuer');
  await client.press(/recommandée/);
  await client.press(/Échanger/);
}

/** Subscribes to the Thursday prompts at 9 h, from the chat. */
export async function subscribeToJeudisOnWeb(client: WebChatClient): Promise<void> {
  await client.ask('jeudis');
  await client.press(new RegExp(content.ui.labels.jeudisSubscribe));
  await client.press(/^9 h$/);
}
