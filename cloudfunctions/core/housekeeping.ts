/**
 * Temporary data does not outlive its use: uploaded spreadsheet pieces (children's names and family details),
 * export pieces and abandoned uploads are removed once expired, and a child's deletion that was cut short is
 * finished. Run by the scheduler's morning trigger.
 */
import type { Database } from './cloud';
import { COLLECTION, childDataCollections } from './collections';

export async function removeExpired(db: Database, now: Date): Promise<Record<string, number>> {
  const _ = db.command;
  const [importChunks, exportChunks, importBatches] = await Promise.all([
    db
      .collection(COLLECTION.importChunks)
      .where({ expiresAt: _.lt(now) })
      .remove(),
    db
      .collection(COLLECTION.exportChunks)
      .where({ expiresAt: _.lt(now) })
      .remove(),
    // A committed batch stays as the record of the import (it holds no rows of data).
    db
      .collection(COLLECTION.importBatches)
      .where({ status: 'uploading', expiresAt: _.lt(now) })
      .remove(),
  ]);
  return { importChunks: importChunks.deleted ?? 0, exportChunks: exportChunks.deleted ?? 0, importBatches: importBatches.deleted ?? 0 };
}

/**
 * A class post is the class's, not the child's, but may show them: one about this child alone (an honour, their
 * photo) goes with them; from one that shows others too they are taken out. Returns how many posts went.
 */
async function removeFromClassPosts(db: Database, childId: string): Promise<number> {
  const alone = await db
    .collection(COLLECTION.growthPosts)
    .where({ childId: null, shows: [childId] })
    .remove();
  await db
    .collection(COLLECTION.growthPosts)
    .where({ shows: childId })
    .update({ shows: db.command.pull(childId) });
  return alone.deleted ?? 0;
}

/**
 * Remove every document of the child from every collection that holds a child's data (the audit trail holds ids and
 * field names only, and stays). The child record goes last, so an interrupted run can simply run again.
 */
export async function removeChildData(db: Database, childId: string): Promise<Record<string, number>> {
  const deleted: Record<string, number> = { classPosts: await removeFromClassPosts(db, childId) };
  const order = childDataCollections().sort((a, b) => Number(a.name === COLLECTION.children) - Number(b.name === COLLECTION.children));
  for (const c of order) {
    const res = await db
      .collection(c.name)
      .where({ [c.childKey]: childId })
      .remove();
    deleted[c.name] = res.deleted ?? 0;
  }
  return deleted;
}

/** Finish the deletions that were cut short (the child is marked, some of their data may remain). */
export async function finishPurges(db: Database): Promise<number> {
  const res = await db
    .collection(COLLECTION.children)
    // A range on the indexed time (it is always a Date) rather than `exists`: the index answers, not a scan of every child.
    .where({ purgeStartedAt: db.command.gt(new Date(0)) })
    .field({ _id: true })
    .limit(100)
    .get();
  for (const c of res.data as { _id: string }[]) await removeChildData(db, c._id);
  return res.data.length;
}

/** The morning's tidying up: expired temporary pieces, and children whose deletion is to be finished. */
export async function tidyUp(db: Database, now: Date): Promise<{ removed: Record<string, number>; purgesFinished: number }> {
  return { removed: await removeExpired(db, now), purgesFinished: await finishPurges(db) };
}
