/**
 * Temporary data does not outlive its use: uploaded spreadsheet pieces (children's names and family details),
 * export pieces and abandoned uploads are removed once expired. Run by the scheduler's morning trigger.
 */
import type { Database } from './cloud';

export async function removeExpired(db: Database, now: Date): Promise<Record<string, number>> {
  const _ = db.command;
  const [importChunks, exportChunks, importBatches] = await Promise.all([
    db.collection('importChunks').where({ expiresAt: _.lt(now) }).remove(),
    db.collection('exportChunks').where({ expiresAt: _.lt(now) }).remove(),
    // A committed batch stays as the record of the import (it holds no rows of data).
    db.collection('importBatches').where({ status: 'uploading', expiresAt: _.lt(now) }).remove(),
  ]);
  return { importChunks: importChunks.deleted ?? 0, exportChunks: exportChunks.deleted ?? 0, importBatches: importBatches.deleted ?? 0 };
}
