import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Work that waits for its transaction to commit. While one try of an interactive transaction runs
 * (`retryContention` gives each try its own), code inside it may register a hook; the hooks run once
 * the try has committed and are dropped if it rolls back, so a try retried for contention runs only
 * the last try's. Outside such a transaction `onCommit` gives nothing, and the caller does without.
 */
export interface CommitHook {
  /** Called once, after the commit; it must not throw (what it starts, it looks after). */
  run(): void;
}

interface Hooks {
  open: boolean;
  byKey: Map<object, CommitHook>;
}

const current = new AsyncLocalStorage<Hooks>();

/**
 * The hook `key` holds in the transaction try running now, made by `make` the first time it is asked
 * for; undefined outside a transaction (or once its try has ended).
 */
export function onCommit<H extends CommitHook>(key: object, make: () => H): H | undefined {
  const hooks = current.getStore();
  if (!hooks?.open) return undefined;
  let hook = hooks.byKey.get(key) as H | undefined;
  if (!hook) {
    hook = make();
    hooks.byKey.set(key, hook);
  }
  return hook;
}

/** The hooks one committed try collected, to run once the transaction is done. */
export interface CommittedHooks {
  run(): void;
}

/**
 * Runs one try of a transaction with hooks of its own. If the try resolves (it committed), returns
 * its result with its hooks, for the caller to run once the transaction is over; if it throws, its
 * hooks are dropped.
 */
export async function collectingCommitHooks<R>(attempt: () => Promise<R>): Promise<{ result: R; hooks: CommittedHooks }> {
  const hooks: Hooks = { open: true, byKey: new Map() };
  try {
    const result = await current.run(hooks, attempt);
    return {
      result,
      hooks: {
        run: () => {
          for (const hook of hooks.byKey.values()) hook.run();
        },
      },
    };
  } finally {
    hooks.open = false;
  }
}
