/**
 * Records named by an id the phone made (a visit, a ledger entry) are stored once: the first arrival writes, and
 * every later one — a retry after a lost answer, or the same request arriving twice at the same moment — answers
 * what the first stored.
 */
import { isDuplicate, type Database, type Transaction } from '../cloud';
import { docOf } from '../archive/store';

const collided = (err: unknown) => isDuplicate(err) || (err as { code?: string } | null)?.code === 'DATABASE_TRANSACTION_CONFLICT';

/** Rounds of trying again when many arrive at once and every transaction collided before one stored it. */
const ROUNDS = 6;
const pause = (round: number) => new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * 2 ** round));

export async function storeOnce<T, R>(
  db: Database,
  collection: string,
  id: string,
  write: (tx: Transaction) => Promise<R>,
  again: (existing: T) => R,
): Promise<R> {
  for (let round = 0; ; round++) {
    try {
      return await db.runTransaction(async (tx: Transaction) => {
        const existing = docOf<T>(await tx.collection(collection).doc(id).get());
        return existing ? again(existing) : write(tx);
      });
    } catch (err) {
      // Two arrivals at once: one transaction stored it, the other collided and finds it now (or, when the first
      // is still committing or collided too, tries again a moment later).
      if (!collided(err)) throw err;
      const existing = docOf<T>(await db.collection(collection).doc(id).get());
      if (existing) return again(existing);
      if (round + 1 >= ROUNDS) throw err;
      await pause(round);
    }
  }
}
