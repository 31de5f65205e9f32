// The event contract is defined once, in proto/: lint it, and check that the generated types in
// src/core/gen are what `buf generate` makes from it now.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const buf = path.join(root, 'node_modules', '.bin', 'buf');
execFileSync(buf, ['lint'], { cwd: root, stdio: 'inherit' });
const tmp = mkdtempSync(path.join(os.tmpdir(), 'gs-proto-'));
try {
  execFileSync(buf, ['generate', '-o', tmp], { cwd: root, stdio: 'inherit' });
  const list = (dir) => readdirSync(dir).flatMap((f) => (statSync(path.join(dir, f)).isDirectory() ? list(path.join(dir, f)).map((g) => path.join(f, g)) : [f]));
  const fresh = path.join(tmp, 'src', 'core', 'gen');
  const committed = path.join(root, 'src', 'core', 'gen');
  const a = list(fresh).sort();
  const b = list(committed).sort();
  const stale = a.filter((f) => !b.includes(f) || readFileSync(path.join(fresh, f), 'utf8') !== readFileSync(path.join(committed, f), 'utf8'));
  const extra = b.filter((f) => !a.includes(f));
  if (stale.length || extra.length) {
    console.error(`proto: src/core/gen is out of date (${[...stale, ...extra].join(', ')}); run npm run proto:generate`);
    process.exit(1);
  }
  console.log(`proto: lint clean, ${a.length} generated files up to date`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
