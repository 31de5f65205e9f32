#!/usr/bin/python3
"""Peer for `npm run bench:raster`: GDAL windowed reads + OpenCV dnn YOLOX-nano over the same tile
grid as the engine (tile side and overlap in pixels, last column/row shifted back to the scene edge),
with the pre- and post-processing of opencv_yolox.py (imported, not copied), boxes shifted to scene
pixels and one class-wise NMS over the scene. Prints one JSON line.

    gdal_opencv_yolox.py <scene.tif> <model.onnx> <tile> <overlap> [threads]
"""
import json
import os
import sys
import time

import cv2
import numpy as np
from osgeo import gdal

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from opencv_yolox import decode, grids, letterbox  # noqa: E402


def axis_starts(length, tile, stride):
    # as src/geo/tile-grid.ts: a regular stride, the last tile shifted back to end at the edge
    if length <= tile:
        return [0]
    starts, x = [], 0
    while x + tile < length:
        starts.append(x)
        x += stride
    starts.append(length - tile)
    return starts


def read_tile(ds, x0, y0, w, h):
    rgb = ds.ReadAsArray(x0, y0, w, h, band_list=[1, 2, 3])  # (3, h, w), RGB
    return np.ascontiguousarray(rgb[::-1].transpose(1, 2, 0))  # HWC BGR, as the net takes


def scene_nms(dets, thr=0.3, nms=0.45):
    if not dets:
        return []
    cls = np.array([d[0] for d in dets])
    score = np.array([d[1] for d in dets], dtype=np.float32)
    boxes = np.array([d[2] for d in dets], dtype=np.float32)
    shifted = boxes.copy()
    shifted[:, :2] += cls[:, None] * 100000.0  # class-wise, as in decode()
    idx = cv2.dnn.NMSBoxes(shifted.tolist(), score.tolist(), thr, nms)
    return [dets[i] for i in np.array(idx).reshape(-1)]


def main():
    scene, model, tile, overlap = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    threads = int(sys.argv[5]) if len(sys.argv) > 5 else 2
    cv2.setNumThreads(threads)
    gdal.UseExceptions()
    net = cv2.dnn.readNetFromONNX(model)
    grid, stride = grids()
    ds = gdal.Open(scene)
    w, h = ds.RasterXSize, ds.RasterYSize
    xs = axis_starts(w, tile, tile - overlap)
    ys = axis_starts(h, tile, tile - overlap)
    # warm-up on the first tile, untimed (as the engine loads and warms its session first)
    net.setInput(cv2.dnn.blobFromImage(letterbox(read_tile(ds, 0, 0, min(tile, w), min(tile, h)))[0]))
    net.forward()
    ds = None
    ds = gdal.Open(scene)  # reopened so the timed part starts with a cold block cache
    t0 = time.perf_counter()
    all_dets = []
    n = 0
    for y0 in ys:
        for x0 in xs:
            img = read_tile(ds, x0, y0, min(tile, w - x0), min(tile, h - y0))
            lb, r = letterbox(img)
            net.setInput(cv2.dnn.blobFromImage(lb))
            for c, s, b in decode(net.forward(), r, grid, stride):
                all_dets.append((c, s, b + np.array([x0, y0, 0, 0], dtype=np.float32)))
            n += 1
    merged = scene_nms(all_dets)
    elapsed = time.perf_counter() - t0
    print(json.dumps({
        "peer": "gdal+opencv-dnn", "gdal": gdal.__version__, "opencv": cv2.__version__,
        "tiles": n, "seconds": elapsed, "tilesPerSec": n / elapsed, "sceneDetections": len(merged),
    }))


if __name__ == "__main__":
    main()
