/**
 * Records named by an id the phone made (a visit, a ledger entry) are stored once: the first arrival writes, and
 * every later one — a retry after a lost answer, or the same request arriving twice at the same moment — answers
 * what the first stored.
 */
import { isDuplicate, type Database, type Transaction } from '../cloud';
import { docOf } from '../archive/store';

const collided = (err: unknown) => isDuplicate(err) || (err as { code?: string } | null)?.code === 'DATABASE_TRANSACTION_CONFLICT';

export async function storeOnce<T, R>(
  db: Database,
  collection: string,
  id: string,
  write: (tx: Transaction) => Promise<R>,
  again: (existing: T) => R,
): Promise<R> {
  try {
    return await db.runTransaction(async (tx: Transaction) => {
      const existing = docOf<T>(await tx.collection(collection).doc(id).get());
      return existing ? again(existing) : write(tx);
    });
  } catch (err) {
    // Two arrivals at once: one transaction stored it, the other collided and finds it now.
    if (!collided(err)) throw err;
    const existing = docOf<T>(await db.collection(collection).doc(id).get());
    if (!existing) throw err;
    return again(existing);
  }
}
