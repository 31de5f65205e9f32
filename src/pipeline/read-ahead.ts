/**
 * Reads items ahead of the consumer: at most `depth` reads run or wait beyond the item being
 * consumed, so I/O and decoding of the next tiles overlap the work on the current one (inference
 * runs on its own thread) while memory stays bounded. Results come in item order; a read error
 * surfaces when its item is reached; leaving early stops further reads.
 *
 * @example
 * for await (const [tile, frame] of readAhead(grid.tiles, (t) => source.readTile(t.window), 2)) await detect(frame);
 */
export async function* readAhead<T, R>(items: Iterable<T>, read: (item: T) => Promise<R>, depth = 1): AsyncGenerator<[T, R]> {
  if (!Number.isInteger(depth) || depth < 0) throw new RangeError(`depth must be an integer ≥ 0, got ${depth}`);
  const iterator = items[Symbol.iterator]();
  const pending: { item: T; result: Promise<R> }[] = [];
  // Before each await of the head, the head plus `depth` reads are under way; while the consumer
  // works on an item, exactly `depth` are.
  const fill = (): void => {
    while (pending.length < depth + 1) {
      const next = iterator.next();
      if (next.done) return;
      const result = read(next.value);
      result.catch(() => undefined); // surfaced in order, when its item is reached
      pending.push({ item: next.value, result });
    }
  };
  for (fill(); pending.length > 0; fill()) {
    const head = pending.shift()!;
    yield [head.item, await head.result];
  }
}
