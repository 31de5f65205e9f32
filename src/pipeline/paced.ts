/**
 * Wraps a pull source (e.g. a FrameSource's `frames()`) so that each item is pulled only after
 * `ready()` resolves: with a stream's `ready`, a slow client slows the decoder instead of filling a
 * queue. `return()` goes straight to the source (not through `ready()`), so cancelling a paused
 * stream still stops the source at once.
 *
 * @example
 * groundVideo({ frames: () => paced(source.frames(), flow.ready) }, detector, options)
 */
export function paced<T>(source: AsyncIterable<T>, ready: () => Promise<void>): AsyncIterable<T> {
  return {
    [Symbol.asyncIterator](): AsyncIterator<T> {
      const iterator = source[Symbol.asyncIterator]();
      return {
        async next() {
          await ready();
          return iterator.next();
        },
        async return(value?: unknown) {
          return (await iterator.return?.(value)) ?? { done: true, value: undefined };
        },
      };
    },
  };
}
