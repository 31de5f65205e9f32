/** A point as `[x, y]` in pixels (pixel-corner convention: pixel (i, j) has its centre at (i + 0.5, j + 0.5)). */
export type Point = [x: number, y: number];

/** Four corners of a text box, clockwise on screen from the top-left: top-left, top-right, bottom-right, bottom-left. */
export type Quad = [Point, Point, Point, Point];
