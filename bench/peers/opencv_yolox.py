#!/usr/bin/python3
"""Peer for `npm run bench:video`: OpenCV VideoCapture + cv2.dnn running the same YOLOX-nano ONNX
model with the same pre- and post-processing (letterbox 416 top-left, pad 114, BGR 0..255,
grid/stride decode, score = objectness x class, class-wise NMS). Prints one JSON line."""
import json
import sys
import time

import cv2
import numpy as np


def letterbox(img, size=416):
    h, w = img.shape[:2]
    r = min(size / w, size / h)
    nw, nh = int(w * r), int(h * r)
    out = np.full((size, size, 3), 114, dtype=np.uint8)
    out[:nh, :nw] = cv2.resize(img, (nw, nh), interpolation=cv2.INTER_LINEAR)
    return out, r


def grids(size=416, strides=(8, 16, 32)):
    g, s = [], []
    for st in strides:
        n = size // st
        yv, xv = np.meshgrid(np.arange(n), np.arange(n), indexing="ij")
        g.append(np.stack((xv, yv), 2).reshape(-1, 2))
        s.append(np.full((n * n, 1), st))
    return np.concatenate(g).astype(np.float32), np.concatenate(s).astype(np.float32)


def decode(out, r, grid, stride, thr=0.3, nms=0.45):
    out = out[0]
    xy = (out[:, :2] + grid) * stride
    wh = np.exp(out[:, 2:4]) * stride
    cls = out[:, 5:].argmax(1)
    score = out[:, 4] * out[np.arange(len(out)), 5 + cls]
    keep = score >= thr
    xy, wh, cls, score = xy[keep], wh[keep], cls[keep], score[keep]
    boxes = np.concatenate((xy - wh / 2, wh), 1) / r
    # class-wise NMS (OpenCV 4.6 has no NMSBoxesBatched): shift each class to its own region
    shifted = boxes.copy()
    shifted[:, :2] += cls[:, None] * 10000.0
    idx = cv2.dnn.NMSBoxes(shifted.tolist(), score.tolist(), thr, nms) if len(score) else []
    return [(int(cls[i]), float(score[i]), boxes[i]) for i in np.array(idx).reshape(-1)]


def main():
    video, model, frames = sys.argv[1], sys.argv[2], int(sys.argv[3])
    threads = int(sys.argv[4]) if len(sys.argv) > 4 else 2
    cv2.setNumThreads(threads)
    net = cv2.dnn.readNetFromONNX(model)
    grid, stride = grids()
    cap = cv2.VideoCapture(video)
    persons = 0
    n = 0
    ok, img = cap.read()
    if ok:  # warm-up, untimed
        net.setInput(cv2.dnn.blobFromImage(letterbox(img)[0]))
        net.forward()
    cap.release()
    cap = cv2.VideoCapture(video)
    t0 = time.perf_counter()
    while n < frames:
        ok, img = cap.read()
        if not ok:
            break
        lb, r = letterbox(img)
        net.setInput(cv2.dnn.blobFromImage(lb))
        dets = decode(net.forward(), r, grid, stride)
        persons += sum(1 for c, _, _ in dets if c == 0)
        n += 1
    elapsed = time.perf_counter() - t0
    print(json.dumps({"peer": "opencv-dnn", "opencv": cv2.__version__, "frames": n, "seconds": elapsed, "fps": n / elapsed, "personsPerFrame": persons / max(n, 1)}))


if __name__ == "__main__":
    main()
