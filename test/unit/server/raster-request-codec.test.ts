import assert from 'node:assert/strict';
import type { MethodDefinition } from '@grpc/proto-loader';
import { isGroundstreamError } from '../../../src/core/errors';
import { BboxCrs, MergeMode } from '../../../src/core/events';
import { GROUNDING_SERVICE_NAME, loadGroundstreamProtos, serviceDefinition } from '../../../src/server/proto-definitions';
import {
  decodeBoundingBox,
  decodeGroundRasterRequest,
  decodeQueryRegionRequest,
  type RasterCallRequest,
  type RasterRequestMessage,
} from '../../../src/server/raster-request-codec';

/** What proto-loader hands the server for `request`, after a trip through the wire format. */
function overTheWire(method: 'GroundRaster' | 'QueryRegion', request: Record<string, unknown>): RasterRequestMessage {
  const m = serviceDefinition(loadGroundstreamProtos(), GROUNDING_SERVICE_NAME)[method] as MethodDefinition<unknown, unknown>;
  return m.requestDeserialize(m.requestSerialize(request)) as RasterRequestMessage;
}

function invalidArgument(input: string, message: RegExp) {
  return (e: unknown) => isGroundstreamError(e, 'invalid_argument') && e.input === input && message.test(e.message);
}

describe('raster request codec', () => {
  describe('decodeGroundRasterRequest', () => {
    const cases: [string, Record<string, unknown>, RasterCallRequest][] = [
      ['only a source: every default left to the engine', { source: 'scene.tif' }, { source: 'scene.tif', query: '', model: '', sceneId: '' }],
      [
        'every field set',
        {
          source: 'https://example.com/cog.tif', query: 'cars', tileSizePx: 512, overlapPx: 64, scoreThreshold: 0.4, model: 'yolox-s',
          bands: [3, 2, 1], merge: MergeMode.MERGE_MODE_NMM, sceneId: 's1', bandRoles: 'blue,green,red,nir', sensor: 'landsat7', headers: { Authorization: 'Bearer t' },
        },
        {
          source: 'https://example.com/cog.tif', query: 'cars', tileSizePx: 512, overlapPx: 64, scoreThreshold: 0.4, model: 'yolox-s',
          bands: [3, 2, 1], merge: 'nmm', sceneId: 's1', bandRoles: 'blue,green,red,nir', sensor: 'landsat7', headers: { Authorization: 'Bearer t' },
        },
      ],
      ['overlap 0 set explicitly is kept (no overlap)', { source: 'a.tif', overlapPx: 0 }, { source: 'a.tif', query: '', model: '', sceneId: '', overlapPx: 0 }],
      ['MERGE_MODE_NMS', { source: 'a.tif', merge: MergeMode.MERGE_MODE_NMS }, { source: 'a.tif', query: '', model: '', sceneId: '', merge: 'nms' }],
      ['MERGE_MODE_UNSPECIFIED leaves the engine default', { source: 'a.tif', merge: MergeMode.MERGE_MODE_UNSPECIFIED }, { source: 'a.tif', query: '', model: '', sceneId: '' }],
      ['QueryRegion fields are ignored by GroundRaster', { source: 'a.tif', bbox: { west: 0, south: 0, east: 1, north: 1 } }, { source: 'a.tif', query: '', model: '', sceneId: '' }],
    ];
    for (const [name, request, expected] of cases) {
      it(`${name} (over the wire)`, () => {
        assert.deepStrictEqual(decodeGroundRasterRequest(overTheWire('GroundRaster', request)), expected);
      });
    }

    it('decodes a plain object with fields missing (not from proto-loader)', () => {
      assert.deepStrictEqual(decodeGroundRasterRequest({ source: 'a.tif' }), { source: 'a.tif', query: '', model: '', sceneId: '' });
    });

    const refused: [string, RasterRequestMessage, string, RegExp][] = [
      ['no source', {}, 'source', /source is required/],
      ['band 0 (bands are 1-based)', { source: 'a.tif', bands: [0, 1, 2] }, 'bands', /1-based/],
      ['an unknown merge mode number', { source: 'a.tif', merge: 7 }, 'merge', /merge 7 is not one of/],
    ];
    for (const [name, message, input, pattern] of refused) {
      it(`refuses ${name} with invalid_argument`, () => {
        assert.throws(() => decodeGroundRasterRequest(message), invalidArgument(input, pattern));
      });
    }

    it('an unknown merge number survives the wire as a number and is refused', () => {
      const message = overTheWire('GroundRaster', { source: 'a.tif', merge: 9 });
      assert.equal(message.merge, 9);
      assert.throws(() => decodeGroundRasterRequest(message), invalidArgument('merge', /merge 9/));
    });
  });

  describe('decodeQueryRegionRequest', () => {
    const base = { source: 'a.tif', query: 'cars', model: '', sceneId: '' };
    const cases: [string, Record<string, unknown>, RasterCallRequest][] = [
      ['a WGS84 box (crs unspecified)', { source: 'a.tif', query: 'cars', bbox: { west: -105.1, south: 39.9, east: -105, north: 40 } }, { ...base, bbox: [-105.1, 39.9, -105, 40], bboxCrs: 'wgs84' }],
      ['BBOX_CRS_WGS84', { source: 'a.tif', query: 'cars', bbox: { west: 0, south: 0, east: 1, north: 1 }, bboxCrs: BboxCrs.BBOX_CRS_WGS84 }, { ...base, bbox: [0, 0, 1, 1], bboxCrs: 'wgs84' }],
      [
        'a native box in metres (beyond WGS84 ranges)',
        { source: 'a.tif', query: 'cars', bbox: { west: 500000, south: 4400000, east: 501000, north: 4401000 }, bboxCrs: BboxCrs.BBOX_CRS_NATIVE },
        { ...base, bbox: [500000, 4400000, 501000, 4401000], bboxCrs: 'native' },
      ],
    ];
    for (const [name, request, expected] of cases) {
      it(`${name} (over the wire)`, () => {
        assert.deepStrictEqual(decodeQueryRegionRequest(overTheWire('QueryRegion', request)), expected);
      });
    }

    const refused: [string, Record<string, unknown>, string, RegExp][] = [
      ['a missing bbox', { source: 'a.tif' }, 'bbox', /needs a bbox/],
      ['an all-zero bbox (what an empty message decodes to)', { source: 'a.tif', bbox: {} }, 'bbox', /degenerate/],
      ['west == east', { source: 'a.tif', bbox: { west: 1, south: 0, east: 1, north: 1 } }, 'bbox', /degenerate/],
      ['south > north', { source: 'a.tif', bbox: { west: 0, south: 2, east: 1, north: 1 } }, 'bbox', /degenerate/],
      ['west > east (antimeridian not supported)', { source: 'a.tif', bbox: { west: 179, south: 0, east: -179, north: 1 } }, 'bbox', /degenerate/],
      ['NaN', { source: 'a.tif', bbox: { west: Number.NaN, south: 0, east: 1, north: 1 } }, 'bbox', /not a finite number/],
      ['latitude beyond 90 in WGS84', { source: 'a.tif', bbox: { west: 0, south: 0, east: 1, north: 91 } }, 'bbox', /not in WGS84 degrees/],
      ['an unknown bbox_crs number', { source: 'a.tif', bbox: { west: 0, south: 0, east: 1, north: 1 }, bboxCrs: 5 }, 'bbox_crs', /bbox_crs 5/],
      ['no source (checked first)', { bbox: { west: 0, south: 0, east: 1, north: 1 } }, 'source', /source is required/],
    ];
    for (const [name, request, input, pattern] of refused) {
      it(`refuses ${name} with invalid_argument`, () => {
        assert.throws(() => decodeQueryRegionRequest(overTheWire('QueryRegion', request)), invalidArgument(input, pattern));
      });
    }
  });

  describe('decodeBoundingBox', () => {
    it('returns [west, south, east, north]', () => {
      assert.deepEqual(decodeBoundingBox({ west: -1, south: -2, east: 3, north: 4 }, 'wgs84'), [-1, -2, 3, 4]);
    });
    it('refuses undefined and null alike', () => {
      assert.throws(() => decodeBoundingBox(undefined, 'wgs84'), invalidArgument('bbox', /needs a bbox/));
      assert.throws(() => decodeBoundingBox(null, 'native'), invalidArgument('bbox', /needs a bbox/));
    });
  });
});
