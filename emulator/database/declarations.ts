/**
 * The collections and indexes a deployment has, read from the project's declaration file (the same file the deploy
 * script turns into CloudBase collections and indexes). The emulator stays a generic CloudBase: it learns the
 * project's collections from data, never from the project's code.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface IndexDeclaration {
  collection: string;
  name: string;
  /** Field paths (dot notation) with direction. */
  keys: Record<string, 1 | -1>;
  unique?: boolean;
}

export interface Declarations {
  collections: string[];
  indexes: IndexDeclaration[];
}

export const DEFAULT_DECLARATIONS = path.resolve(__dirname, '../../cloudbase/collections.json');

export function readDeclarations(file: string = DEFAULT_DECLARATIONS): Declarations {
  const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as {
    collections: { name: string; indexes: Omit<IndexDeclaration, 'collection'>[] }[];
  };
  return {
    collections: parsed.collections.map((c) => c.name),
    indexes: parsed.collections.flatMap((c) => c.indexes.map((i) => ({ ...i, collection: c.name }))),
  };
}
