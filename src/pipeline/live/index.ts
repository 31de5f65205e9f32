/** Per-subscriber delivery of live streams: bounded queues, pumping into transports, per-subscriber views. */
export { createSubscriberQueue, type DropCount, type QueueEntry, type QueuePolicy, type SubscriberQueue } from './subscriber-queue';
export { pumpToSink, type Pump, type PumpSink } from './pump-to-sink';
export { toSubscriberView, type SubscriberView } from './subscriber-view';
