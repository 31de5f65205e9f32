/**
 * Where a tile read goes: `node --cpu-prof -r tsx/cjs bench/raster-read-profile.ts <scene.tif> [tiles]`
 * reads tiles through the engine's tile reader (no model) and prints ms/tile; the .cpuprofile says
 * which functions take it. A helper of bench:raster, not run by it.
 */
import { createTileGrid } from '../src/geo/tile-grid';
import { createTileReader, openRaster } from '../src/sources/raster';

async function main(): Promise<void> {
  const [scene, count = '80'] = process.argv.slice(2);
  if (!scene) throw new Error('usage: raster-read-profile.ts <scene.tif> [tiles]');
  const raster = await openRaster(scene);
  try {
    const reader = await createTileReader(raster);
    const grid = createTileGrid({ sceneWidthPx: raster.info.width, sceneHeightPx: raster.info.height, tileSizePx: 416, overlapPx: 128 });
    const tiles = grid.tiles.slice(0, Number(count));
    let windowMs = 0;
    const t0 = performance.now();
    for (const t of tiles) {
      const a = performance.now();
      await raster.readWindow(t.window, { bands: [1, 2, 3] });
      windowMs += performance.now() - a;
    }
    const t1 = performance.now();
    for (const t of tiles) await reader.readTile(t.window);
    const t2 = performance.now();
    console.log(JSON.stringify({ tiles: tiles.length, readWindowMs: windowMs / tiles.length, readTileMs: (t2 - t1) / tiles.length, firstPassMs: (t1 - t0) / tiles.length }));
  } finally {
    await raster.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
