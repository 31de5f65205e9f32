/**
 * The segmenter class that covers a detector label, for the label sets groundstream ships: COCO-80
 * detector labels onto PASCAL VOC (DeepLabV3). A label absent here has no class to take a mask
 * from. Names differ where the datasets do (motorcycle/motorbike, couch/sofa, tv/tvmonitor).
 */
export const COCO_TO_VOC: Readonly<Record<string, string>> = {
  person: 'person',
  bicycle: 'bicycle',
  car: 'car',
  motorcycle: 'motorbike',
  airplane: 'aeroplane',
  bus: 'bus',
  train: 'train',
  boat: 'boat',
  bird: 'bird',
  cat: 'cat',
  dog: 'dog',
  horse: 'horse',
  sheep: 'sheep',
  cow: 'cow',
  bottle: 'bottle',
  chair: 'chair',
  couch: 'sofa',
  'potted plant': 'pottedplant',
  'dining table': 'diningtable',
  tv: 'tvmonitor',
};

/**
 * The segmenter class index for a detector label: the same name, else its COCO → VOC name; -1
 * when the segmenter has no such class.
 *
 * @example segmenterClassOf('motorcycle', VOC_LABELS) // index of 'motorbike'
 */
export function segmenterClassOf(label: string, segmenterLabels: readonly string[]): number {
  const direct = segmenterLabels.indexOf(label);
  if (direct >= 0) return direct;
  const mapped = COCO_TO_VOC[label];
  return mapped === undefined ? -1 : segmenterLabels.indexOf(mapped);
}
