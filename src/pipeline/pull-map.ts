import { Observable } from 'rxjs';

/**
 * Turns a pull-based async source into an Observable that applies `work` to at most
 * `concurrency` items at a time, emitting results in source order, each as soon as it and those
 * before it are done (never held back waiting for the next item). The next item is pulled only
 * when a slot frees, so a slow consumer of `work` slows the source instead of filling a queue;
 * unsubscribing stops pulling and calls the iterator's `return()` (which lets sources clean up,
 * e.g. kill a decoder).
 *
 * @example
 * pullMap(() => source.frames(), (frame) => detector.detect(frame), 2).subscribe(console.log);
 */
export function pullMap<T, R>(open: () => AsyncIterable<T>, work: (item: T) => Promise<R>, concurrency = 1): Observable<R> {
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError(`concurrency must be a positive integer, got ${concurrency}`);
  return new Observable<R>((subscriber) => {
    const iterator = open()[Symbol.asyncIterator]();
    let stopped = false;
    const inFlight: Promise<R>[] = [];
    (async () => {
      let exhausted = false;
      // At most one pull is pending. A finished result is emitted at once, even while the next
      // item has not arrived: a live source's next frame may be a frame interval away.
      let pulling: Promise<IteratorResult<T>> | undefined;
      const take = (next: IteratorResult<T>): void => {
        pulling = undefined;
        if (next.done) {
          exhausted = true;
          return;
        }
        const p = work(next.value);
        p.catch(() => undefined); // surfaced in order below; avoids an unhandled rejection meanwhile
        inFlight.push(p);
      };
      while (!stopped) {
        if (!exhausted && !pulling && inFlight.length < concurrency) pulling = iterator.next();
        const head = inFlight[0];
        if (!head) {
          if (!pulling) break;
          take(await pulling);
          continue;
        }
        const headFirst = pulling
          ? await Promise.race([head.then(() => true, () => true), pulling.then(() => false, () => false)])
          : true;
        if (stopped) return;
        if (!headFirst) {
          take(await pulling!);
          continue;
        }
        inFlight.shift();
        const result = await head;
        if (stopped) return;
        subscriber.next(result);
      }
      if (!stopped) subscriber.complete();
    })().catch((err) => {
      if (!stopped) subscriber.error(err);
    });
    return () => {
      stopped = true;
      void iterator.return?.()?.catch(() => undefined);
    };
  });
}
