/** Progress of long work (imports) that the client polls while its request runs. */
export interface Progress {
  phase: 'reading' | 'checking' | 'saving' | 'done' | 'failed';
  processed: number;
  total: number | null;
  updatedAt: string;
}

export interface ProgressRegistry {
  set(ownerId: string, id: string, p: Omit<Progress, 'updatedAt'>): void;
  get(ownerId: string, id: string): Progress | null;
}

export function memoryProgress(ttlMs = 15 * 60_000): ProgressRegistry {
  const items = new Map<string, Progress & { at: number }>();
  const key = (owner: string, id: string) => `${owner}:${id}`;
  return {
    set(owner, id, p) {
      const now = Date.now();
      items.set(key(owner, id), { ...p, updatedAt: new Date(now).toISOString(), at: now });
      for (const [k, v] of items) if (now - v.at > ttlMs) items.delete(k);
    },
    get(owner, id) {
      const p = items.get(key(owner, id));
      if (!p) return null;
      const { at: _at, ...rest } = p;
      return rest;
    },
  };
}
