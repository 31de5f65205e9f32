export {
  createByteTracker,
  DEFAULT_BYTE_TRACK_OPTIONS,
  type ByteTracker,
  type ByteTrackOptions,
  type TrackState,
  type TrackUpdate,
} from './byte-tracker';
export {
  DEFAULT_KALMAN_WEIGHTS,
  initiateKalmanBox,
  predictKalmanBox,
  stateToXyxy,
  updateKalmanBox,
  xyxyToMeasurement,
  type KalmanBoxState,
  type KalmanNoiseWeights,
} from './kalman-box-filter';
