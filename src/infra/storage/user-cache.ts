import type { UserRecord } from '../../domain/user-record.js';

/** A user as the store last knew them: their record (null: none stored), and for a shared database the row version read. */
export interface CachedUser {
  record: UserRecord | null;
  version?: number;
}

/**
 * The users a store holds in memory: at most `capacity`, the least recently used going first,
 * except those pinned (a turn under way reads and writes them in one tick). A load in progress
 * is told when the user changed meanwhile (`stale`), so that an older read never replaces a
 * newer write.
 */
export class UserCache {
  private readonly entries = new Map<string, CachedUser>();
  private readonly pins = new Map<string, number>();
  /** Users being read from storage → whether they changed since the read began. */
  private readonly loading = new Map<string, { stale: boolean; readers: number }>();

  constructor(private readonly capacity: number) {}

  get size(): number {
    return this.entries.size;
  }

  /** The entry, marked as the most recently used. */
  get(id: string): CachedUser | undefined {
    const entry = this.entries.get(id);
    if (entry) {
      this.entries.delete(id);
      this.entries.set(id, entry);
    }
    return entry;
  }

  /** Whether the store holds this user without touching their place in the order. */
  peek(id: string): CachedUser | undefined {
    return this.entries.get(id);
  }

  set(id: string, entry: CachedUser): void {
    this.entries.delete(id);
    this.entries.set(id, entry);
    this.changed(id);
    this.evict();
  }

  /** Forgets a user (changed elsewhere, erased): the next read goes to storage. */
  delete(id: string): void {
    this.entries.delete(id);
    this.changed(id);
  }

  /** Keeps these users in memory until the returned function is called. */
  pin(ids: readonly string[]): () => void {
    for (const id of ids) this.pins.set(id, (this.pins.get(id) ?? 0) + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      for (const id of ids) {
        const left = (this.pins.get(id) ?? 1) - 1;
        if (left > 0) this.pins.set(id, left);
        else this.pins.delete(id);
      }
      this.evict();
    };
  }

  /** A read of this user from storage starts: see `finishLoad`. */
  startLoad(id: string): void {
    const load = this.loading.get(id);
    if (load) load.readers += 1;
    else this.loading.set(id, { stale: false, readers: 1 });
  }

  /** The read is over: false when the user changed while it ran (what it read may be older). */
  finishLoad(id: string): boolean {
    const load = this.loading.get(id);
    if (!load) return true;
    load.readers -= 1;
    if (load.readers === 0) this.loading.delete(id);
    return !load.stale;
  }

  ids(): string[] {
    return [...this.entries.keys()];
  }

  private changed(id: string): void {
    const load = this.loading.get(id);
    if (load) load.stale = true;
  }

  private evict(): void {
    if (this.entries.size <= this.capacity) return;
    for (const id of this.entries.keys()) {
      if (this.entries.size <= this.capacity) return;
      if (!this.pins.has(id)) this.entries.delete(id);
    }
  }
}
