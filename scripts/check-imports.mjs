// Runs dependency-cruiser over src/ and fails when a rule is broken OR when it read no modules
// (a parser that cannot read the sources would otherwise pass silently).
import { execFileSync } from 'node:child_process';

const bin = new URL('../node_modules/.bin/depcruise', import.meta.url).pathname;
let raw;
try {
  raw = execFileSync(bin, ['src', '--config', '.dependency-cruiser.cjs', '--output-type', 'json'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
} catch (e) {
  // depcruise exits non-zero on violations; its JSON is still on stdout
  raw = e.stdout;
  if (!raw) throw e;
}
const { summary } = JSON.parse(raw);
for (const v of summary.violations) console.error(`import rule ${v.rule.name}: ${v.from} → ${v.to}`);
console.log(`import rules: ${summary.totalCruised} modules, ${summary.totalDependenciesCruised} dependencies cruised, ${summary.violations.length} violations`);
if (summary.totalCruised < 10) {
  console.error('import rules: dependency-cruiser read too few modules; is the TypeScript it uses able to parse the sources?');
  process.exit(1);
}
if (summary.error > 0 || summary.violations.length > 0) process.exit(1);
