import assert from 'node:assert/strict';
import type { Region } from '../../../src/core/events';
import {
  annotateFrame,
  blurRegion,
  colourFor,
  drawBox,
  drawText,
  measureText,
  regionTag,
  textColourOn,
  type AnnotatedRegion,
} from '../../../src/render';
import { changedPixels, copyImage, patternImage, pixelAt, solidImage } from './images';

describe('regionTag', () => {
  const cases: { region: AnnotatedRegion; tag: string }[] = [
    { region: { box: [0, 0, 1, 1], label: 'person', trackId: 4, score: 0.871 }, tag: 'person 4 0.87' },
    { region: { box: [0, 0, 1, 1], label: 'car', trackId: 0, score: 0.5 }, tag: 'car 0.50' },
    { region: { box: [0, 0, 1, 1], label: 'text', score: 0.91, text: 'STOP' }, tag: 'text 0.91 "STOP"' },
    { region: { box: [0, 0, 1, 1], label: '' }, tag: 'region' },
  ];
  for (const c of cases) it(c.tag, () => assert.equal(regionTag(c.region), c.tag));
});

describe('annotateFrame', () => {
  const person: AnnotatedRegion = { box: [20, 30, 60, 90], label: 'person', trackId: 4, score: 0.87 };

  it('draws the box in its track colour at its place, the tag above it, and nothing else', () => {
    const img = solidImage(160, 120);
    const before = copyImage(img);
    annotateFrame(img, [person], { thicknessPx: 2, textScale: 1 });
    const colour = colourFor(4);
    for (const [x, y] of [[20, 30], [59, 89], [21, 60], [58, 31]]) assert.deepEqual(pixelAt(img, x, y), [...colour]);
    assert.deepEqual(pixelAt(img, 40, 60), [0, 0, 0], 'inside untouched');
    // Tag: 'person 4 0.87' on the track colour, its ink box bottom 1 px above the box top.
    const size = measureText('person 4 0.87', 1);
    const tag = { x0: 20, y0: 30 - size.heightPx - 2, x1: 20 + size.widthPx + 2, y1: 30 };
    assert.deepEqual(pixelAt(img, tag.x0, tag.y0), [...colour]);
    for (const [x, y] of changedPixels(before, img)) {
      const onBox = x >= 20 && x < 60 && y >= 30 && y < 90 && (x < 22 || x >= 58 || y < 32 || y >= 88);
      const onTag = x >= tag.x0 && x < tag.x1 && y >= tag.y0 && y < tag.y1;
      assert.ok(onBox || onTag, `pixel ${x},${y} changed outside the box outline and the tag`);
    }
  });

  it('puts the tag inside the box when there is no room above it', () => {
    const img = solidImage(100, 60);
    annotateFrame(img, [{ ...person, box: [10, 0, 90, 50] }], { thicknessPx: 1, textScale: 1 });
    // The tag background starts just under the top edge.
    assert.deepEqual(pixelAt(img, 11, 1), [...colourFor(4)]);
    assert.deepEqual(pixelAt(img, 12, 4), [...colourFor(4)], 'tag background');
  });

  it('moves a tag that would hide an earlier one (a face inside its person) to a free spot', () => {
    const img = solidImage(160, 120);
    const face: AnnotatedRegion = { box: [22, 30, 40, 50], label: 'face', trackId: 5, score: 0.7 };
    annotateFrame(img, [person, face], { thicknessPx: 1, textScale: 1, colourBy: 'track' });
    const h = measureText('x', 1).heightPx + 2;
    // The person's tag keeps its place above the box; the face's goes inside the face box's top.
    assert.deepEqual(pixelAt(img, 20, 30 - h), [...colourFor(4)]);
    assert.deepEqual(pixelAt(img, 22, 30), [...colourFor(5)]);
    assert.deepEqual(pixelAt(img, 22, 30 + h - 1), [...colourFor(5)]);
  });

  const redactCases: { name: string; label: string; redact: ('faces' | 'persons')[]; blurred: boolean }[] = [
    { name: 'faces are pixelated with redact faces', label: 'face', redact: ['faces'], blurred: true },
    { name: 'persons are pixelated with redact persons', label: 'person', redact: ['persons'], blurred: true },
    { name: 'faces are left alone without redact', label: 'face', redact: [], blurred: false },
    { name: 'persons are left alone by redact faces', label: 'person', redact: ['faces'], blurred: false },
    { name: 'labels match regardless of case', label: 'Face', redact: ['faces'], blurred: true },
  ];
  for (const c of redactCases) {
    it(c.name, () => {
      const region: AnnotatedRegion = { box: [16, 8, 48, 40], label: c.label, score: 0.9 };
      const img = patternImage(64, 48);
      annotateFrame(img, [region], { redact: c.redact, tags: false, thicknessPx: 1 });
      const expected = patternImage(64, 48);
      if (c.blurred) blurRegion(expected, region.box);
      drawBox(expected, region.box, colourFor(c.label), 1);
      assert.deepEqual(img.pixels, expected.pixels);
    });
  }

  it('redacts first: box and tag are drawn over the mosaic, no original pixel left under them', () => {
    const face: AnnotatedRegion = { box: [0, 0, 40, 32], label: 'face', trackId: 2, score: 0.95 };
    const img = patternImage(96, 64);
    annotateFrame(img, [face], { redact: ['faces'], thicknessPx: 2, textScale: 1 });
    const expected = patternImage(96, 64);
    blurRegion(expected, face.box);
    drawBox(expected, face.box, colourFor(2), 2);
    const size = measureText('face 2 0.95', 1);
    drawText(expected, 1, 1, 'face 2 0.95', textColourOn(colourFor(2)), { scale: 1, background: colourFor(2), paddingPx: 1 });
    assert.ok(size.widthPx < 96);
    assert.deepEqual(img.pixels, expected.pixels);
  });

  it('fills masks from decodeMask in the region colour, sized by the RLE size', () => {
    const region: Region = {
      regionId: 'r1', box: [0, 0, 8, 4], label: 'dog', classId: 16, score: 0.8, phrase: '', trackId: 0, modelId: '',
      nativeBox: [], tileId: '', mask: { size: [4, 8], counts: 'unused' }, text: '', polygon: [],
    };
    const data = new Uint8Array(32);
    data[2 * 8 + 3] = 1; // row 2, column 3 (row-major)
    const img = solidImage(8, 4);
    annotateFrame(img, [region], { decodeMask: (r) => (r.mask ? data : undefined), maskAlpha: 1, tags: false, thicknessPx: 1 });
    assert.deepEqual(pixelAt(img, 3, 2), [...colourFor('dog')]);
    assert.deepEqual(pixelAt(img, 4, 2), [0, 0, 0]);
  });

  it('maps source boxes and masks onto a scaled, letterboxed buffer with toSource', () => {
    // Source 200x100 shown in a 100x100 buffer at half size, 25 px of padding on top.
    const toSource = { scaleX: 0.5, scaleY: 0.5, offsetX: 0, offsetY: 25 };
    const mask = new Uint8Array(200 * 100);
    for (let y = 40; y < 60; y++) mask.fill(1, y * 200 + 100, y * 200 + 120); // source x 100..119, y 40..59
    const img = solidImage(100, 100);
    const region: AnnotatedRegion = { box: [40, 20, 160, 80], label: 'cat', mask: { size: [100, 200], counts: '' } };
    annotateFrame(img, [region], { toSource, tags: false, thicknessPx: 1, maskAlpha: 1, decodeMask: () => mask });
    const c = [...colourFor('cat')];
    assert.deepEqual(pixelAt(img, 20, 35), c, 'box corner at (40*0.5, 20*0.5+25)');
    assert.deepEqual(pixelAt(img, 79, 64), c, 'opposite corner');
    assert.deepEqual(pixelAt(img, 55, 50), c, 'mask pixel: source (110, 50)');
    assert.deepEqual(pixelAt(img, 45, 50), [0, 0, 0], 'outside the mask');
  });

  it('draws caption lines at the bottom on a dark band, wrapped to the width', () => {
    const img = solidImage(64, 64, [200, 200, 200]);
    const before = copyImage(img);
    annotateFrame(img, [], { captions: ['a person walks by the car'], textScale: 1 });
    const changed = changedPixels(before, img);
    // 64 px hold 10 characters a line: three lines of 8 px, 2 px margins → a band from y = 39.
    const top = Math.min(...changed.map(([, y]) => y));
    assert.equal(top, 64 - 3 * 8 - 4 + 1);
    assert.deepEqual(pixelAt(img, 0, 63), [80, 80, 80], 'band darkened (60 % black)');
    const white = changed.filter(([x, y]) => pixelAt(img, x, y).every((v) => v === 255));
    assert.ok(white.length > 20, 'caption ink');
    assert.ok(white.every(([, y]) => y >= top + 2), 'ink inside the band margins');
  });

  it('refuses a frame in another layout', () => {
    assert.throws(() => annotateFrame({ width: 2, height: 2, pixels: new Uint8Array(12), layout: 'bgr24' }, []), /rgb24/);
  });
});
