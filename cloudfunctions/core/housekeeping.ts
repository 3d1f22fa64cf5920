/**
 * Temporary data does not outlive its use: uploaded spreadsheet pieces (children's names and family details),
 * export pieces and abandoned uploads are removed once expired, and a child's deletion that was cut short is
 * finished. Run by the scheduler's morning trigger.
 */
import type { Database } from './cloud';
import { COLLECTION } from './collections';
import { finishPurges } from './children';

export async function removeExpired(db: Database, now: Date): Promise<Record<string, number>> {
  const _ = db.command;
  const [importChunks, exportChunks, importBatches] = await Promise.all([
    db.collection(COLLECTION.importChunks).where({ expiresAt: _.lt(now) }).remove(),
    db.collection(COLLECTION.exportChunks).where({ expiresAt: _.lt(now) }).remove(),
    // A committed batch stays as the record of the import (it holds no rows of data).
    db.collection(COLLECTION.importBatches).where({ status: 'uploading', expiresAt: _.lt(now) }).remove(),
  ]);
  return { importChunks: importChunks.deleted ?? 0, exportChunks: exportChunks.deleted ?? 0, importBatches: importBatches.deleted ?? 0 };
}

/** The morning's tidying up: expired temporary pieces, and children whose deletion is to be finished. */
export async function tidyUp(db: Database, now: Date): Promise<{ removed: Record<string, number>; purgesFinished: number }> {
  return { removed: await removeExpired(db, now), purgesFinished: await finishPurges(db) };
}
