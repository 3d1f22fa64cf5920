/** One child as a whole: the detail screen, and everything stored about them when they leave school. */
import type { ChildDetail } from './archive';

export interface ChildExport {
  childId: string;
  exportedAt: string;
  /** Every collection that holds the child's data, with the child's documents in it. */
  collections: Record<string, unknown[]>;
}

export interface ChildrenActions {
  /** The child detail screen in one call: archive, contact card, care network, consent, history (ChildDetail in ./archive.ts). */
  'children.get': { input: { childId: string }; output: ChildDetail };
  'children.export': { input: { childId: string }; output: ChildExport };
  'children.purge': { input: { childId: string; confirmName: string }; output: { deleted: Record<string, number> } };
}
