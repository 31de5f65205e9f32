import assert from 'node:assert/strict';
import type { PixelLayout } from '../../../../src/core/frame';
import { COLOUR_PALETTE, dominantColourName, nearestColourName, type ColourName, type PixelImage } from '../../../../src/grounding/captions';

type Rgb = readonly [number, number, number];

describe('nearestColourName', () => {
  const cases: { name: string; rgb: Rgb; expected: ColourName }[] = [
    // pure colours
    { name: 'pure red', rgb: [255, 0, 0], expected: 'red' },
    { name: 'pure green', rgb: [0, 255, 0], expected: 'green' },
    { name: 'pure blue', rgb: [0, 0, 255], expected: 'blue' },
    { name: 'pure yellow', rgb: [255, 255, 0], expected: 'yellow' },
    { name: 'cyan', rgb: [0, 255, 255], expected: 'teal' },
    { name: 'magenta', rgb: [230, 0, 230], expected: 'pink' },
    { name: 'black', rgb: [0, 0, 0], expected: 'black' },
    { name: 'white', rgb: [255, 255, 255], expected: 'white' },
    { name: 'mid gray', rgb: [140, 140, 140], expected: 'gray' },
    // dark variants
    { name: 'dark red (maroon)', rgb: [120, 0, 0], expected: 'red' },
    { name: 'dark green', rgb: [0, 60, 0], expected: 'green' },
    { name: 'dark blue', rgb: [0, 0, 100], expected: 'navy' },
    { name: 'dark orange', rgb: [200, 100, 0], expected: 'orange' },
    { name: 'dark teal', rgb: [0, 90, 90], expected: 'teal' },
    { name: 'dark purple', rgb: [70, 0, 90], expected: 'purple' },
    { name: 'dark brown', rgb: [70, 40, 20], expected: 'brown' },
    { name: 'charcoal', rgb: [40, 40, 40], expected: 'black' },
    { name: 'dark gray', rgb: [90, 90, 90], expected: 'gray' },
    // light variants
    { name: 'light red', rgb: [255, 90, 90], expected: 'red' },
    { name: 'light blue', rgb: [173, 216, 230], expected: 'blue' },
    { name: 'sky blue', rgb: [100, 180, 255], expected: 'blue' },
    { name: 'light green', rgb: [150, 240, 150], expected: 'green' },
    { name: 'light yellow', rgb: [255, 255, 180], expected: 'yellow' },
    { name: 'light pink', rgb: [255, 182, 193], expected: 'pink' },
    { name: 'lavender', rgb: [200, 160, 230], expected: 'purple' },
    { name: 'light orange', rgb: [255, 190, 120], expected: 'orange' },
    { name: 'silver', rgb: [192, 192, 192], expected: 'gray' },
    { name: 'off-white', rgb: [235, 235, 235], expected: 'white' },
    // between names
    { name: 'crimson', rgb: [220, 20, 60], expected: 'red' },
    { name: 'gold', rgb: [230, 190, 40], expected: 'yellow' },
    { name: 'olive', rgb: [128, 128, 0], expected: 'green' },
    { name: 'mid brown', rgb: [120, 70, 30], expected: 'brown' },
    { name: 'tan', rgb: [210, 180, 140], expected: 'beige' },
    { name: 'cream', rgb: [240, 230, 200], expected: 'beige' },
    { name: 'blue-gray', rgb: [110, 120, 135], expected: 'gray' },
  ];
  for (const { name, rgb, expected } of cases) {
    it(`${name} (${rgb.join(', ')}) is ${expected}`, () => assert.equal(nearestColourName(...rgb), expected));
  }

  it('names every palette shade by its own name', () => {
    for (const { name, shades } of COLOUR_PALETTE) for (const shade of shades) assert.equal(nearestColourName(...shade), name, `shade ${shade.join(', ')}`);
  });
});

/** An image of `width × height` whose pixel colours come from `colourAt`, in the given layout. */
function image(width: number, height: number, layout: PixelLayout, colourAt: (x: number, y: number) => Rgb): PixelImage {
  const pixels = new Uint8Array(width * height * 3);
  const plane = width * height;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const [r, g, b] = colourAt(x, y);
      const i = y * width + x;
      if (layout === 'rgb24') pixels.set([r, g, b], 3 * i);
      else if (layout === 'bgr24') pixels.set([b, g, r], 3 * i);
      else [pixels[i], pixels[plane + i], pixels[2 * plane + i]] = [g, b, r];
    }
  }
  return { width, height, layout, pixels };
}

const RED: Rgb = [220, 20, 20];
const BLUE: Rgb = [20, 40, 230];
const WHITE: Rgb = [250, 250, 250];
// 10 × 10: columns 0–5 red, 6–9 blue
const halves = (x: number): Rgb => (x < 6 ? RED : BLUE);

describe('dominantColourName', () => {
  for (const layout of ['rgb24', 'bgr24', 'gbrp'] as const) {
    describe(layout, () => {
      const img = image(10, 10, layout, halves);
      it('a box over the red part is red', () => assert.equal(dominantColourName(img, [0, 0, 4, 10]), 'red'));
      it('a box over the blue part is blue', () => assert.equal(dominantColourName(img, [6, 2, 10, 8]), 'blue'));
      it('a box over both: the majority (6 of 10 columns red)', () => assert.equal(dominantColourName(img, [0, 0, 10, 10]), 'red'));
      it('a box mostly over blue', () => assert.equal(dominantColourName(img, [4, 0, 10, 10]), 'blue'));
      it('a mask of the blue pixels is blue', () => {
        const mask = new Uint8Array(100);
        for (let i = 0; i < 100; i++) mask[i] = i % 10 >= 6 ? 1 : 0;
        assert.equal(dominantColourName(img, mask), 'blue');
      });
    });
  }

  it('a tie goes to the earlier palette name', () => {
    const img = image(10, 1, 'rgb24', (x) => (x < 5 ? RED : BLUE));
    assert.equal(dominantColourName(img, [0, 0, 10, 1]), 'red');
  });

  it('fractional box: every pixel the box touches counts', () => {
    const img = image(10, 10, 'rgb24', halves);
    // [5.5, 6.5) touches columns 5 (red) and 6 (blue): a tie, red first; [5.9 … 9.1] is mostly blue.
    assert.equal(dominantColourName(img, [5.5, 0, 6.5, 10]), 'red');
    assert.equal(dominantColourName(img, [5.9, 0, 9.1, 10]), 'blue');
  });

  it('white and gray count like any colour (a white van with red lights is white)', () => {
    const img = image(20, 10, 'rgb24', (x, y) => (y === 5 && (x === 2 || x === 17) ? RED : WHITE));
    assert.equal(dominantColourName(img, [0, 0, 20, 10]), 'white');
  });

  it('the box is clipped to the image; off the image it names nothing', () => {
    const img = image(10, 10, 'rgb24', halves);
    assert.equal(dominantColourName(img, [-50, -50, 3, 3]), 'red');
    assert.equal(dominantColourName(img, [20, 20, 30, 30]), undefined);
    assert.equal(dominantColourName(img, [5, 5, 5, 9]), undefined);
    assert.equal(dominantColourName(img, [Number.NaN, 0, 5, 5]), undefined);
  });

  it('an empty mask names nothing', () => {
    assert.equal(dominantColourName(image(4, 4, 'rgb24', () => RED), new Uint8Array(16)), undefined);
  });

  it('samples large regions on a grid and still finds the majority', () => {
    // 400 × 300 (120 000 pixels, far above 2000): left two thirds green, the rest red.
    const img = image(400, 300, 'rgb24', (x) => (x < 267 ? [0, 150, 0] : RED));
    assert.equal(dominantColourName(img, [0, 0, 400, 300]), 'green');
    assert.equal(dominantColourName(img, [0, 0, 400, 300], { maxSamples: 1 }), 'green');
    assert.equal(dominantColourName(img, [300, 0, 400, 300], { maxSamples: 50 }), 'red');
  });

  it('a thin box is sampled along its length, at its middle', () => {
    // 3 × 6000, middle column blue: a box 3 px wide samples only the middle column once the step exceeds 1.
    const img = image(3, 6000, 'rgb24', (x) => (x === 1 ? BLUE : RED));
    assert.equal(dominantColourName(img, [0, 0, 3, 6000]), 'blue');
  });

  it('a sparse mask that slips between the grid points still gets a name', () => {
    // 100 × 100, mask on odd x and odd y (2500 pixels): a step of 2 from 0 hits none of them.
    const img = image(100, 100, 'rgb24', (x, y) => (x % 2 === 1 && y % 2 === 1 ? BLUE : RED));
    const mask = new Uint8Array(100 * 100);
    for (let y = 1; y < 100; y += 2) for (let x = 1; x < 100; x += 2) mask[y * 100 + x] = 1;
    assert.equal(dominantColourName(img, mask), 'blue');
  });

  it('rejects a wrong-sized mask, a malformed box, a short buffer and maxSamples < 1', () => {
    const img = image(4, 4, 'rgb24', () => RED);
    assert.throws(() => dominantColourName(img, new Uint8Array(15)), RangeError);
    assert.throws(() => dominantColourName(img, [0, 0, 4]), RangeError);
    assert.throws(() => dominantColourName({ ...img, pixels: new Uint8Array(47) }, [0, 0, 4, 4]), RangeError);
    assert.throws(() => dominantColourName(img, [0, 0, 4, 4], { maxSamples: 0 }), RangeError);
  });
});
