/**
 * Media time for people: `mm:ss.d` (tenths of a second), `h:mm:ss.d` from one hour on. Rounds to the
 * nearest tenth first, so 59.96 s reads `01:00.0`, never `00:60.0`. Negative times (a stream whose
 * clock starts before zero) get a leading `-`.
 *
 * @example
 * formatMediaTime(3.2);    // '00:03.2'
 * formatMediaTime(3725.04); // '1:02:05.0'
 */
export function formatMediaTime(sec: number): string {
  if (!Number.isFinite(sec)) throw new RangeError(`media time must be finite, got ${sec}`);
  // The nudge makes halves round up even where binary floats land just below (0.15 * 10 = 1.4999…).
  const tenths = Math.round(Math.abs(sec) * 10 + 1e-7);
  const sign = sec < 0 && tenths > 0 ? '-' : '';
  const h = Math.floor(tenths / 36000);
  const m = Math.floor(tenths / 600) % 60;
  const s = Math.floor(tenths / 10) % 60;
  const d = tenths % 10;
  const mmss = `${pad2(m)}:${pad2(s)}.${d}`;
  return h > 0 ? `${sign}${h}:${mmss}` : `${sign}${mmss}`;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');
