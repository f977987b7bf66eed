/**
 * A small typed event emitter (the part of Node's EventEmitter the mock uses: on, off, emit,
 * listenerCount), so that the event bus runs in a browser too. Listeners run in the order they were
 * added, over a copy of the list taken when the event is emitted.
 */
type Listener = (...args: never[]) => void;

export class Emitter<Events extends { [Name in keyof Events]: unknown[] }> {
  readonly #listeners = new Map<keyof Events, Listener[]>();

  on<Name extends keyof Events>(name: Name, listener: (...args: Events[Name]) => void): this {
    this.#listeners.set(name, [...(this.#listeners.get(name) ?? []), listener as unknown as Listener]);
    return this;
  }

  /** Removes the listener once (the last time it was added), as Node's `off` does. */
  off<Name extends keyof Events>(name: Name, listener: (...args: Events[Name]) => void): this {
    const list = this.#listeners.get(name) ?? [];
    const index = list.lastIndexOf(listener as unknown as Listener);
    if (index >= 0) this.#listeners.set(name, list.toSpliced(index, 1));
    return this;
  }

  /** Calls every listener of the event; answers whether there was any. */
  emit<Name extends keyof Events>(name: Name, ...args: Events[Name]): boolean {
    const list = this.#listeners.get(name) ?? [];
    for (const listener of list) (listener as unknown as (...args: Events[Name]) => void)(...args);
    return list.length > 0;
  }

  listenerCount(name: keyof Events): number {
    return this.#listeners.get(name)?.length ?? 0;
  }
}
