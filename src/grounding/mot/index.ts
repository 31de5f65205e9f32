export { evaluateMot, type EvaluateMotOptions, type MotFrames, type MotMetrics } from './evaluate-mot';
export { formatMotMetrics, type FormatMotMetricsOptions } from './format-mot-metrics';
export { parseMotCsv, toMotCsvLine, type MotRow, type MotTrackFile, type ParseMotCsvOptions } from './mot-csv';
