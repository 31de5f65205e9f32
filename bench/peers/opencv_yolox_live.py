#!/usr/bin/python3
"""Peer for `npm run bench:live`: a camera-paced loop as people write it with OpenCV: frame i of the
video "arrives" at t0 + i / (fps * speed); the loop reads the next frame (waiting for it when it is
early), runs the same YOLOX-nano with cv2.dnn and records lag = result time - arrival time. It
grounds every frame, dropping none, as a plain VideoCapture loop does. Prints one JSON line."""
import json
import sys
import time

import cv2
import numpy as np

from opencv_yolox import decode, grids, letterbox


def main():
    video, model, seconds, threads, speed = sys.argv[1], sys.argv[2], float(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5])
    cv2.setNumThreads(threads)
    net = cv2.dnn.readNetFromONNX(model)
    grid, stride = grids()
    cap = cv2.VideoCapture(video)
    fps = cap.get(cv2.CAP_PROP_FPS) * speed
    ok, img = cap.read()
    if ok:  # warm-up, untimed
        net.setInput(cv2.dnn.blobFromImage(letterbox(img)[0]))
        net.forward()
    cap.set(cv2.CAP_PROP_POS_FRAMES, 0)
    lags = []
    t0 = time.perf_counter()
    i = 0
    while True:
        arrival = t0 + i / fps
        if arrival - t0 > seconds:
            break
        ok, img = cap.read()
        if not ok:
            break
        now = time.perf_counter()
        if now < arrival:
            time.sleep(arrival - now)
        lb, r = letterbox(img)
        net.setInput(cv2.dnn.blobFromImage(lb))
        decode(net.forward(), r, grid, stride)
        lags.append(time.perf_counter() - arrival)
        i += 1
    lags_ms = np.array(lags) * 1000
    print(json.dumps({"peer": "opencv-dnn paced loop", "opencv": cv2.__version__, "frames": len(lags),
                      "p50Ms": float(np.percentile(lags_ms, 50)), "p95Ms": float(np.percentile(lags_ms, 95)),
                      "maxMs": float(lags_ms.max()), "lastMs": float(lags_ms[-1])}))


if __name__ == "__main__":
    main()
