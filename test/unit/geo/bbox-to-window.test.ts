import assert from 'node:assert/strict';
import { isGroundstreamError } from '../../../src/core/errors';
import { bboxToWindow, type Bbox } from '../../../src/geo/bbox-to-window';
import { toWgs84, type Crs } from '../../../src/geo/crs';
import { epsgToProj4 } from '../../../src/geo/crs-epsg';
import { pixelToCrs, type GeoTransform } from '../../../src/geo/geotransform';
import { offsetGeotransform } from '../../../src/geo/offset-geotransform';

describe('bboxToWindow', () => {
  const northUp: GeoTransform = [1000, 10, 0, 5000, 0, -10]; // 100 × 80 px scene: x 1000..2000, y 4200..5000
  const rad = (30 * Math.PI) / 180;
  // rotated 30°: pixel x runs along (cos, sin), pixel y along (sin, -cos), 10 m pixels
  const rotated: GeoTransform = [0, 10 * Math.cos(rad), 10 * Math.sin(rad), 0, 10 * Math.sin(rad), -10 * Math.cos(rad)];
  const native = (bbox: Bbox, gt: GeoTransform) => bboxToWindow(bbox, { width: 100, height: 80, geotransform: gt }, { bboxCrs: 'native' });
  const cases: { name: string; bbox: Bbox; gt: GeoTransform; want: { x0: number; y0: number; x1: number; y1: number } }[] = [
    { name: 'whole scene', bbox: [1000, 4200, 2000, 5000], gt: northUp, want: { x0: 0, y0: 0, x1: 100, y1: 80 } },
    { name: 'upper-left quarter', bbox: [1000, 4600, 1500, 5000], gt: northUp, want: { x0: 0, y0: 0, x1: 50, y1: 40 } },
    { name: 'rounded outwards', bbox: [1015, 4605, 1495, 4985], gt: northUp, want: { x0: 1, y0: 1, x1: 50, y1: 40 } },
    { name: 'clipped to the scene', bbox: [500, 4000, 1100, 4300], gt: northUp, want: { x0: 0, y0: 70, x1: 10, y1: 80 } },
    { name: 'rotated: a box around pixel (50, 40)', bbox: boxAround(pixelToCrs(rotated, 50, 40), 1), gt: rotated, want: { x0: 49, y0: 39, x1: 51, y1: 41 } },
  ];
  for (const c of cases) it(c.name, () => assert.deepEqual(native(c.bbox, c.gt), c.want));

  it('rotated: the window is the pixel hull of the bbox, wider than the bbox in pixels', () => {
    // a 100 m square in map units spans a 45°-ish rotated square in pixels: its hull is ~13.7 px a side
    const [cx, cy] = pixelToCrs(rotated, 50, 40);
    const w = native([cx - 50, cy - 50, cx + 50, cy + 50], rotated);
    assert.ok(w.x1 - w.x0 >= 13 && w.x1 - w.x0 <= 16, JSON.stringify(w));
    assert.ok(w.x0 < 50 && w.x1 > 50 && w.y0 < 40 && w.y1 > 40);
  });

  it('WGS 84 bbox on a UTM scene (stars_L7: EPSG:31985), edges densified', () => {
    const crs: Crs = { epsg: 31985, proj4: epsgToProj4(31985)!, geographic: false };
    const gt: GeoTransform = [288776.25000080315, 28.49999999927454, 0, 9120760.750028737, 0, -28.49999999927454];
    const scene = { width: 349, height: 352, geotransform: gt, crs };
    const ll = (x: number, y: number) => toWgs84(crs, ...pixelToCrs(gt, x, y));
    const [w, n] = ll(100, 50);
    const [e, s] = ll(200, 150);
    const win = bboxToWindow([w, s, e, n], scene);
    // lon/lat lines are slightly rotated against the UTM grid: the hull takes a pixel or two more
    for (const [k, v] of Object.entries({ x0: 100, y0: 50, x1: 200, y1: 150 })) {
      assert.ok(Math.abs(win[k as 'x0'] - v) <= 2, `${k}: ${win[k as 'x0']} vs ${v}`);
    }
  });

  it('offsetGeotransform puts window pixel (0, 0) on the scene pixel', () => {
    const g = offsetGeotransform(rotated, 7, 3);
    assert.deepEqual(pixelToCrs(g, 2, 5).map((v) => +v.toFixed(9)), pixelToCrs(rotated, 9, 8).map((v) => +v.toFixed(9)));
  });

  const bad: { name: string; run: () => unknown; says: RegExp }[] = [
    { name: 'outside the scene, naming both bboxes', run: () => bboxToWindow([3000, 3000, 4000, 4000], { width: 100, height: 80, geotransform: northUp, bboxWgs84: [1, 2, 3, 4] }, { bboxCrs: 'native' }), says: /\[3000, 3000, 4000, 4000\].*outside the scene.*WGS 84 bbox \[1, 2, 3, 4\].*native bbox \[1000, 4200, 2000, 5000\]/ },
    { name: 'west > east', run: () => native([2000, 4200, 1000, 5000], northUp), says: /xmin < xmax|min < max/ },
    { name: 'not degrees', run: () => bboxToWindow([1000, 4200, 2000, 5000], { width: 100, height: 80, geotransform: northUp, crs: { proj4: '', geographic: false } as Crs }), says: /not in WGS 84 degrees.*--bbox-crs native/ },
    { name: 'no georeferencing', run: () => bboxToWindow([0, 0, 1, 1], { width: 100, height: 80 }), says: /no geotransform/ },
    { name: 'NaN', run: () => native([0, 0, NaN, 1], northUp), says: /four finite numbers/ },
  ];
  for (const c of bad) it(`refuses: ${c.name}`, () => assert.throws(c.run, (e: unknown) => isGroundstreamError(e, 'invalid_argument') && c.says.test(e.message)));
});

function boxAround([x, y]: [number, number], r: number): Bbox {
  return [x - r, y - r, x + r, y + r];
}
