import { parseQueryConstraints } from './src/grounding/query/parse-query-constraints';
const qs = process.argv.slice(2);
for (const q of qs) console.log(JSON.stringify(q), '=>', JSON.stringify(parseQueryConstraints(q)));
