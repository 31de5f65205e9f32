import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isGroundstreamError } from '../../../../src/core/errors';
import { createSpecCatalog } from '../../../../src/models/spec/create-spec-catalog';
import { loadModelSpec } from '../../../../src/models/spec/load-model-spec';
import { parseModelSpec } from '../../../../src/models/spec/parse-model-spec';
import { verifySpecModel } from '../../../../src/models/spec/verify-spec-model';
import { REPO_ROOT } from '../../../support/paths';

const FIXTURES = path.join(REPO_ROOT, 'test/fixtures/model-specs');
const GOOD = JSON.parse(readFileSync(path.join(FIXTURES, 'my-light-person.model.json'), 'utf8')) as Record<string, unknown>;

/** GOOD with `field` (dotted) set to `value`, or removed when `value` is undefined. */
function edit(field: string, value: unknown): Record<string, unknown> {
  const spec = structuredClone(GOOD) as Record<string, unknown>;
  const keys = field.split('.');
  let o = spec as Record<string, unknown>;
  for (const k of keys.slice(0, -1)) o = o[k] as Record<string, unknown>;
  if (value === undefined) delete o[keys[keys.length - 1]];
  else o[keys[keys.length - 1]] = value;
  return spec;
}

describe('parseModelSpec', () => {
  it('reads a valid spec and fills the defaults', () => {
    const s = parseModelSpec(GOOD, '/specs/p.model.json');
    assert.equal(s.id, 'my-light-person');
    assert.deepEqual(s.labels, ['person']);
    assert.equal(s.input.padValue, 114);
    assert.deepEqual(s.output, { layout: 'yolox', name: undefined, strides: undefined, scoreThreshold: 0.3, iouThreshold: 0.45 });
    assert.equal(s.domain, 'ground-level');
  });

  const bad: { name: string; spec: unknown; message: RegExp }[] = [
    { name: 'not an object', spec: [], message: /: the spec must be a JSON object, got \[\]/ },
    { name: 'a missing id', spec: edit('id', undefined), message: /"id" must be a non-empty string, but it is missing/ },
    { name: 'an id with spaces', spec: edit('id', 'my model'), message: /"id" must be letters, digits/ },
    { name: 'a missing file', spec: edit('file', undefined), message: /"file" must be a non-empty string, but it is missing/ },
    { name: 'an unknown task', spec: edit('task', 'segmentation'), message: /"task" must be one of "detection", got "segmentation"/ },
    { name: 'an unknown domain', spec: edit('domain', 'aerial'), message: /"domain" must be one of "ground-level", "overhead", got "aerial"/ },
    { name: 'both labels and labelsFile', spec: { ...GOOD, labelsFile: 'x.txt' }, message: /exactly one of "labels"/ },
    { name: 'neither labels nor labelsFile', spec: edit('labels', undefined), message: /exactly one of "labels"/ },
    { name: 'empty labels', spec: edit('labels', []), message: /"labels" must be a non-empty array/ },
    { name: 'a label that is not a string', spec: edit('labels', ['person', 3]), message: /"labels\[1\]" must be a non-empty string, got 3/ },
    { name: 'a missing input', spec: edit('input', undefined), message: /"input" must be an object, but it is missing/ },
    { name: 'a missing input width', spec: edit('input.width', undefined), message: /"input.width" must be an integer in \[1, 16384\], but it is missing/ },
    { name: 'a fractional height', spec: edit('input.height', 191.5), message: /"input.height" must be an integer/ },
    { name: 'an unknown input layout', spec: edit('input.layout', 'CHW'), message: /"input.layout" must be one of "NCHW", "NHWC", got "CHW"/ },
    { name: 'an unknown colour order', spec: edit('input.colorOrder', 'GRAY'), message: /"input.colorOrder" must be one of "RGB", "BGR"/ },
    { name: 'a mean of two values', spec: edit('input.mean', [0, 0]), message: /"input.mean" must be an array of 3 numbers/ },
    { name: 'a zero std', spec: edit('input.std', [1, 0, 1]), message: /"input.std" must be an array of 3 positive numbers/ },
    { name: 'an unknown resize', spec: edit('input.resize', 'letterbox-top-left'), message: /"input.resize" must be one of "letterbox", "stretch"/ },
    { name: 'a pad value over 255', spec: edit('input.padValue', 300), message: /"input.padValue" must be a number in \[0, 255\], got 300/ },
    { name: 'an unknown output layout', spec: edit('output.layout', 'yolov9-seg'), message: /"output.layout" must be one of "yolox", "yolov5", "yolov8", got "yolov9-seg"/ },
    { name: 'a missing output layout', spec: edit('output.layout', undefined), message: /"output.layout" must be one of .*but it is missing/ },
    { name: 'strides on a yolov8 layout', spec: edit('output', { layout: 'yolov8', strides: [8, 16] }), message: /"output.strides" applies to layout "yolox" only/ },
    { name: 'a zero stride', spec: edit('output.strides', [8, 0]), message: /"output.strides\[1\]" must be an integer in \[1, 1024\], got 0/ },
    { name: 'a score threshold over 1', spec: edit('output.scoreThreshold', 30), message: /"output.scoreThreshold" must be a number in \[0, 1\]/ },
    { name: 'a sha256 that is not hex', spec: edit('sha256', 'abc'), message: /"sha256" must be 64 hex digits, got "abc"/ },
    { name: 'an unknown top-level field', spec: { ...GOOD, labelz: ['x'] }, message: /unknown field "labelz"; known: id, file/ },
    { name: 'an unknown input field', spec: edit('input.scale', 1), message: /unknown field "input.scale"/ },
  ];
  for (const c of bad) {
    it(`refuses ${c.name}, naming the spec file and the field`, () => {
      assert.throws(() => parseModelSpec(c.spec, '/specs/p.model.json'), (e: unknown) =>
        isGroundstreamError(e, 'invalid_argument') && e.input === '/specs/p.model.json' && e.message.startsWith('model spec /specs/p.model.json') && c.message.test(e.message));
    });
  }
});

describe('loadModelSpec, verifySpecModel and the spec catalog (files)', () => {
  let dir: string;
  let models: string;
  const write = (name: string, spec: unknown): string => {
    const p = path.join(dir, name);
    writeFileSync(p, typeof spec === 'string' ? spec : JSON.stringify(spec));
    return p;
  };
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'gs-spec-'));
    models = path.join(dir, 'models');
    mkdirSync(models);
    writeFileSync(path.join(models, 'light_person_detector.onnx'), 'not really onnx');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('resolves a bare file name on the search path and a labelsFile beside the spec', () => {
    writeFileSync(path.join(dir, 'dota.txt'), 'plane\nship\n\nsmall-vehicle\n');
    const { labels: _, ...noLabels } = GOOD;
    const s = loadModelSpec(write('a.model.json', { ...noLabels, labelsFile: 'dota.txt' }), { searchPath: [models] });
    assert.equal(s.file, path.join(models, 'light_person_detector.onnx'));
    assert.deepEqual(s.labels, ['plane', 'ship', 'small-vehicle']);
    assert.equal(s.specPath, path.join(dir, 'a.model.json'));
  });

  it('prefers the file beside the spec, and takes a path relative to it', () => {
    writeFileSync(path.join(dir, 'light_person_detector.onnx'), 'beside');
    assert.equal(loadModelSpec(write('a.model.json', GOOD), { searchPath: [models] }).file, path.join(dir, 'light_person_detector.onnx'));
    assert.equal(loadModelSpec(write('b.model.json', edit('file', 'models/light_person_detector.onnx'))).file, path.join(models, 'light_person_detector.onnx'));
  });

  const badFiles: { name: string; make: () => string; code: string; message: RegExp }[] = [
    { name: 'a spec that does not exist', make: () => path.join(dir, 'none.model.json'), code: 'invalid_argument', message: /none\.model\.json does not exist/ },
    { name: 'a spec that is not JSON', make: () => write('a.model.json', '{ "id": '), code: 'invalid_argument', message: /a\.model\.json is not valid JSON/ },
    { name: 'a missing model file', make: () => write('a.model.json', edit('file', 'gone.onnx')), code: 'model_not_found', message: /a\.model\.json: "file" gone\.onnx not found \(looked at .*gone\.onnx/ },
    { name: 'a missing labelsFile', make: () => write('a.model.json', { ...edit('labels', undefined), labelsFile: 'gone.txt' }), code: 'invalid_argument', message: /cannot read "labelsFile" .*gone\.txt \(no such file\)/ },
  ];
  for (const c of badFiles) {
    it(`refuses ${c.name}`, () => {
      assert.throws(() => loadModelSpec(c.make(), { searchPath: [models] }), (e: unknown) => isGroundstreamError(e, c.code as never) && c.message.test(e.message));
    });
  }

  it('checks the sha256 when the spec gives one, and returns the file\'s own either way', async () => {
    const spec = loadModelSpec(write('a.model.json', GOOD), { searchPath: [models] });
    const actual = await verifySpecModel(spec);
    assert.match(actual, /^[0-9a-f]{64}$/);
    assert.equal(await verifySpecModel({ ...spec, sha256: actual }), actual);
    await assert.rejects(verifySpecModel({ ...spec, sha256: '0'.repeat(64) }), (e: unknown) =>
      isGroundstreamError(e, 'model_checksum_mismatch') && /not the 0{64} its spec .*a\.model\.json gives/.test(e.message));
  });

  it('catalog: explicit specs load at once, *.model.json on the model path on first use', () => {
    const explicit = write('mine.json', edit('id', 'mine'));
    writeFileSync(path.join(models, 'found.model.json'), JSON.stringify(edit('id', 'found')));
    writeFileSync(path.join(models, 'ignored.json'), JSON.stringify(edit('id', 'ignored')));
    const catalog = createSpecCatalog({ specPaths: [explicit], searchPath: [models], isReserved: () => false });
    assert.deepEqual(catalog.ids(), ['mine', 'found']);
    assert.equal(catalog.find('found')!.specPath, path.join(models, 'found.model.json'));
    assert.equal(catalog.find('ignored'), undefined);
  });

  it('catalog: a broken explicit spec or one taking a registry id throws when the engine starts', () => {
    assert.throws(() => createSpecCatalog({ specPaths: [write('a.json', edit('output.layout', 'ssd'))], searchPath: [], isReserved: () => false }), /"output.layout" must be one of/);
    assert.throws(() => createSpecCatalog({ specPaths: [write('b.json', GOOD)], searchPath: [models], isReserved: (id) => id === 'my-light-person' }), /"id" "my-light-person" is a registry model/);
    assert.throws(() => createSpecCatalog({ specPaths: [write('c.json', GOOD), write('d.json', GOOD)], searchPath: [models], isReserved: () => false }), /also defined by .*c\.json/);
  });

  it('catalog: a broken spec on the model path is skipped, and its error shown when its id is asked for', () => {
    writeFileSync(path.join(models, 'broken.model.json'), JSON.stringify(edit('input.width', -1)));
    writeFileSync(path.join(models, 'garbage.model.json'), 'nope');
    const catalog = createSpecCatalog({ searchPath: [models], isReserved: () => false });
    assert.deepEqual(catalog.ids(), []);
    assert.equal(catalog.problems().length, 2);
    assert.throws(() => catalog.find('my-light-person'), (e: unknown) => isGroundstreamError(e, 'invalid_argument') && /broken\.model\.json: "input.width" must be an integer/.test(e.message));
  });
});
