/** A colour in CIE L*a*b* (D65 white): `l` in [0, 100], `a` green(−)…red(+), `b` blue(−)…yellow(+). */
export interface Lab {
  l: number;
  a: number;
  b: number;
}

// D65 reference white (2° observer), Y normalised to 1, as sRGB defines it.
const WHITE_X = 0.95047;
const WHITE_Y = 1;
const WHITE_Z = 1.08883;

// CIE constants of the cube-root part of the Lab transfer function: ε = (6/29)³, the linear
// segment below it has slope 1/(3·(6/29)²) and offset 4/29.
const DELTA = 6 / 29;
const EPSILON = DELTA * DELTA * DELTA;

/**
 * Converts an 8-bit sRGB colour to CIE L*a*b* under the D65 white: sRGB companding undone, the
 * IEC 61966-2-1 sRGB→XYZ matrix, then the CIE 1976 L*a*b* formula.
 *
 * @example
 * srgbToLab(255, 0, 0) // { l: 53.24, a: 80.09, b: 67.20 } (rounded)
 */
export function srgbToLab(r: number, g: number, b: number): Lab {
  const rl = toLinear(r);
  const gl = toLinear(g);
  const bl = toLinear(b);
  const x = 0.4124564 * rl + 0.3575761 * gl + 0.1804375 * bl;
  const y = 0.2126729 * rl + 0.7151522 * gl + 0.072175 * bl;
  const z = 0.0193339 * rl + 0.119192 * gl + 0.9503041 * bl;
  const fx = labF(x / WHITE_X);
  const fy = labF(y / WHITE_Y);
  const fz = labF(z / WHITE_Z);
  return { l: 116 * fy - 16, a: 500 * (fx - fy), b: 200 * (fy - fz) };
}

function toLinear(channel8: number): number {
  const c = channel8 / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

function labF(t: number): number {
  return t > EPSILON ? Math.cbrt(t) : t / (3 * DELTA * DELTA) + 4 / 29;
}

const POW25_7 = 25 ** 7;
const RAD = Math.PI / 180;

/**
 * The CIEDE2000 colour difference ΔE₀₀ between two Lab colours (kL = kC = kH = 1), after Sharma,
 * Wu & Dalal (2005), whose test pairs it reproduces to 4 decimals. Unlike CIE76 (plain Euclidean
 * distance) it weighs hue differences more than chroma differences among saturated colours and
 * corrects the blue region, which is what keeps e.g. a dark orange from being named red.
 *
 * @example
 * deltaE2000({ l: 50, a: 2.6772, b: -79.7751 }, { l: 50, a: 0, b: -82.7485 }) // 2.0425
 */
export function deltaE2000(p: Lab, q: Lab): number {
  const cBar = (Math.hypot(p.a, p.b) + Math.hypot(q.a, q.b)) / 2;
  const cBar7 = cBar ** 7;
  const g = 0.5 * (1 - Math.sqrt(cBar7 / (cBar7 + POW25_7)));
  const a1 = (1 + g) * p.a;
  const a2 = (1 + g) * q.a;
  const c1 = Math.hypot(a1, p.b);
  const c2 = Math.hypot(a2, q.b);
  const h1 = hueDegrees(p.b, a1);
  const h2 = hueDegrees(q.b, a2);

  const dL = q.l - p.l;
  const dC = c2 - c1;
  // A grey has no hue: the hue difference (and the mean hue's weighting) then does not apply.
  const achromatic = c1 * c2 === 0;
  let dh = achromatic ? 0 : h2 - h1;
  if (dh > 180) dh -= 360;
  else if (dh < -180) dh += 360;
  const dH = 2 * Math.sqrt(c1 * c2) * Math.sin((dh / 2) * RAD);

  const lMean = (p.l + q.l) / 2;
  const cMean = (c1 + c2) / 2;
  let hMean: number;
  if (achromatic) hMean = h1 + h2;
  else if (Math.abs(h1 - h2) <= 180) hMean = (h1 + h2) / 2;
  else hMean = h1 + h2 < 360 ? (h1 + h2 + 360) / 2 : (h1 + h2 - 360) / 2;

  const t =
    1 -
    0.17 * Math.cos((hMean - 30) * RAD) +
    0.24 * Math.cos(2 * hMean * RAD) +
    0.32 * Math.cos((3 * hMean + 6) * RAD) -
    0.2 * Math.cos((4 * hMean - 63) * RAD);
  const dTheta = 30 * Math.exp(-(((hMean - 275) / 25) ** 2));
  const cMean7 = cMean ** 7;
  const rC = 2 * Math.sqrt(cMean7 / (cMean7 + POW25_7));
  const l50 = (lMean - 50) ** 2;
  const sL = 1 + (0.015 * l50) / Math.sqrt(20 + l50);
  const sC = 1 + 0.045 * cMean;
  const sH = 1 + 0.015 * cMean * t;
  const rT = -Math.sin(2 * dTheta * RAD) * rC;

  const lTerm = dL / sL;
  const cTerm = dC / sC;
  const hTerm = dH / sH;
  return Math.sqrt(lTerm * lTerm + cTerm * cTerm + hTerm * hTerm + rT * cTerm * hTerm);
}

function hueDegrees(b: number, aPrime: number): number {
  if (b === 0 && aPrime === 0) return 0;
  const h = Math.atan2(b, aPrime) / RAD;
  return h < 0 ? h + 360 : h;
}
