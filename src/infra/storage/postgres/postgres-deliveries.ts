import type pg from 'pg';
import { KEEP_DAYS, type Delivery, type DeliveryLedger, type DeliveryState } from '../delivery-journal.js';

interface Row {
  key: string;
  state: DeliveryState;
  at: string;
  attempts: number;
  detail: string | null;
}

const toDelivery = (r: Row): Delivery => ({ state: r.state, at: r.at, attempts: r.attempts, ...(r.detail ? { detail: r.detail } : {}) });

/**
 * The Thursday deliveries in PostgreSQL (the `deliveries` table), for servers sharing a database.
 * A claim is one conditional statement, committed before the send: of two servers (the leader,
 * and one taking over after it stopped), one only takes a delivery, and one under way when its
 * server died stays « sending » for the next leader to settle with the usual rules. Outcomes are
 * written in order behind the claims; this server's copy is read again when it comes to lead.
 */
export class PostgresDeliveries implements DeliveryLedger {
  private readonly entries = new Map<string, Delivery>();
  private chain: Promise<void> = Promise.resolve();

  private constructor(
    private readonly pool: pg.Pool,
    private readonly onError: (err: unknown) => void,
  ) {}

  /** `now`: deliveries older than KEEP_DAYS before it are deleted. */
  static async open(pool: pg.Pool, now: Date, onError: (err: unknown) => void): Promise<PostgresDeliveries> {
    const ledger = new PostgresDeliveries(pool, onError);
    const cutoff = new Date(now.getTime() - KEEP_DAYS * 86_400_000).toISOString().slice(0, 10);
    await pool.query('DELETE FROM deliveries WHERE thursday < $1', [cutoff]);
    await ledger.refresh();
    return ledger;
  }

  get(key: string): Delivery | undefined {
    const d = this.entries.get(key);
    return d ? { ...d } : undefined;
  }

  async claim(key: string, at: Date): Promise<boolean> {
    const current = this.entries.get(key);
    if (current && current.state !== 'deferred') return false;
    const [thursday, userId] = [key.slice(0, 10), key.slice(11)];
    const { rows } = await this.pool.query<Row>(
      `INSERT INTO deliveries (key, user_id, thursday, state, at, attempts) VALUES ($1, $2, $3, 'sending', $4, 1)
       ON CONFLICT (key) DO UPDATE SET state = 'sending', at = EXCLUDED.at, attempts = deliveries.attempts + 1, detail = NULL
       WHERE deliveries.state = 'deferred'
       RETURNING key, state, at, attempts, detail`,
      [key, userId, thursday, at.toISOString()],
    );
    if (rows[0]) {
      this.entries.set(key, toDelivery(rows[0]));
      return true;
    }
    // Another server has it (sent, under way, given up): this copy learns it.
    const { rows: theirs } = await this.pool.query<Row>('SELECT key, state, at, attempts, detail FROM deliveries WHERE key = $1', [key]);
    if (theirs[0]) this.entries.set(key, toDelivery(theirs[0]));
    return false;
  }

  record(key: string, state: Exclude<DeliveryState, 'sending'>, at: Date, detail?: string): void {
    const current = this.entries.get(key);
    if (!current) return;
    this.entries.set(key, { state, at: at.toISOString(), attempts: current.attempts, ...(detail ? { detail } : {}) });
    this.enqueue('UPDATE deliveries SET state = $2, at = $3, detail = $4 WHERE key = $1', [key, state, at.toISOString(), detail ?? null]);
  }

  interrupted(): string[] {
    return [...this.entries].filter(([, d]) => d.state === 'sending').map(([k]) => k);
  }

  entriesFor(userId: string): Array<{ thursday: string } & Delivery> {
    return [...this.entries].filter(([k]) => k.slice(11) === userId).map(([k, d]) => ({ thursday: k.slice(0, 10), ...d }));
  }

  forget(userId: string): void {
    for (const key of [...this.entries.keys()]) if (key.slice(11) === userId) this.entries.delete(key);
    this.enqueue('DELETE FROM deliveries WHERE user_id = $1', [userId]);
  }

  async refresh(): Promise<void> {
    await this.chain;
    const { rows } = await this.pool.query<Row>('SELECT key, state, at, attempts, detail FROM deliveries');
    this.entries.clear();
    for (const row of rows) this.entries.set(row.key, toDelivery(row));
  }

  async settled(): Promise<void> {
    await this.chain;
  }

  async close(): Promise<void> {
    await this.chain;
  }

  /** Outcomes and erasures in order, behind the claims; a failure is logged (the claim stays, as after a crash). */
  private enqueue(sql: string, params: unknown[]): void {
    this.chain = this.chain.then(() => this.pool.query(sql, params)).then(
      () => undefined,
      (err: unknown) => this.onError(err),
    );
  }
}
