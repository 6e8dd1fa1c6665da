/**
 * A minimal observable value and the hook that re-renders a component when
 * it changes: shared client state (the signed-in user, the theme, the live
 * stream's status) without a state library.
 *
 * @module
 */
import { useEffect, useState } from "preact/hooks";

/** A value that notifies its subscribers when it is set. */
export interface Store<T> {
  get(): T;
  set(value: T): void;
  /** Calls `fn` after every change; returns the function that stops it. */
  subscribe(fn: (value: T) => void): () => void;
}

/**
 * Creates a store holding `initial`.
 *
 * @example
 * const count = createStore(0);
 * count.set(count.get() + 1);
 */
export function createStore<T>(initial: T): Store<T> {
  let value = initial;
  const listeners = new Set<(value: T) => void>();
  return {
    get: () => value,
    set(next) {
      if (Object.is(next, value)) return;
      value = next;
      for (const fn of [...listeners]) fn(value);
    },
    subscribe(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
  };
}

/** The store's current value; the component re-renders when it changes. */
export function useStore<T>(store: Store<T>): T {
  const [value, setValue] = useState(store.get());
  useEffect(() => {
    setValue(store.get());
    return store.subscribe(setValue);
  }, [store]);
  return value;
}
