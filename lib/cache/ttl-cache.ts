/** A small in-process cache whose entries expire; bounded so a flood of keys cannot grow it forever. */
export class TtlCache<V> {
  private readonly entries = new Map<string, { value: V; expires: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 1000,
  ) {}

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expires <= Date.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  set(key: string, value: V): void {
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(key, { value, expires: Date.now() + this.ttlMs });
  }

  clear(): void {
    this.entries.clear();
  }
}

/**
 * The process's one cache named `name`, kept on globalThis because Next.js may load a module once
 * per route bundle: a page and an API route reading the same figures must share their entries.
 */
export function sharedTtlCache<V>(name: string, ttlMs: number, maxEntries?: number): TtlCache<V> {
  const holder = globalThis as unknown as { __openctoCaches?: Map<string, TtlCache<unknown>> };
  holder.__openctoCaches ??= new Map();
  const existing = holder.__openctoCaches.get(name);
  if (existing) return existing as TtlCache<V>;
  const cache = new TtlCache<V>(ttlMs, maxEntries);
  holder.__openctoCaches.set(name, cache as TtlCache<unknown>);
  return cache;
}
