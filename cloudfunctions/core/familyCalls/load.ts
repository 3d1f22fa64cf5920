/** Who acts, and the reads every family-call service shares: parents, children's names, the names views need. */
import { fetchAll } from '../paging';
import type { BindingRecord, FamilyCallOccurrence, Room } from '../../../typings/domain';
import type { Role } from '../../../typings/roles';
import type { Database, Invocation } from '../cloud';
import { COLLECTION } from '../collections';
import { actorOf } from '../audit';
import { loadRooms } from './rooms';
import type { CallChange } from './store';
import type { ViewContext } from './views';

/**
 * The caller of a service: the database, their OPENID (from the cloud context), the invocation's clock, and the
 * action and role a change is audited under.
 */
export type Caller = Pick<Invocation, 'db' | 'openid' | 'now'> & { action: string; grant: { role: Role } | null };

/** The caller's change to a child's calls, for its audit entry (`note` says what was done). */
export function changeBy(caller: Caller, note: string): CallChange {
  return { actor: actorOf(caller), note };
}

/** The live parent/guardian bindings of a child. */
export async function parentBindings(db: Database, childId: string): Promise<BindingRecord[]> {
  const _ = db.command;
  const res = await db
    .collection(COLLECTION.bindings)
    .where({ childId, role: _.in(['parent', 'guardian']), revokedAt: null })
    .limit(100)
    .get();
  return res.data as BindingRecord[];
}

/** A person's live parent/guardian binding for a child, if they still have one. */
export async function parentBindingOf(db: Database, openid: string, childId: string): Promise<BindingRecord | null> {
  const _ = db.command;
  const res = await db
    .collection(COLLECTION.bindings)
    .where({ openid, childId, role: _.in(['parent', 'guardian']), revokedAt: null })
    .limit(1)
    .get();
  return (res.data[0] as BindingRecord | undefined) ?? null;
}

/** A child's name for messages ("孩子" when the record is gone). */
export async function childName(db: Database, childId: string): Promise<string> {
  const res = await db.collection(COLLECTION.children).doc(childId).field({ name: true }).get();
  return (res.data[0] as { name?: string } | undefined)?.name ?? '孩子';
}

/** Children's names, parents' bindings and the school's rooms for these calls: three reads at once. */
export async function viewContext(
  db: Database,
  schoolId: string,
  calls: FamilyCallOccurrence[],
  now: Date,
  known: { rooms?: Room[]; childNames?: Map<string, string>; childIds?: string[] } = {},
): Promise<ViewContext> {
  const _ = db.command;
  const childIds = [...new Set([...calls.map((c) => c.childId), ...(known.childIds ?? [])])].filter((id) => !known.childNames?.has(id));
  const bindingIds = [...new Set(calls.flatMap((c) => c.parentBindingIds))];
  const [children, bindings, rooms] = await Promise.all([
    childIds.length
      ? db
          .collection(COLLECTION.children)
          .where({ _id: _.in(childIds) })
          .field({ name: true })
          .limit(1000)
          .get()
      : Promise.resolve({ data: [] }),
    bindingIds.length
      ? db
          .collection(COLLECTION.bindings)
          .where({ _id: _.in(bindingIds) })
          .field({ label: true, role: true })
          .limit(1000)
          .get()
      : Promise.resolve({ data: [] }),
    known.rooms ? Promise.resolve(known.rooms) : loadRooms(db, schoolId),
  ]);
  const childNames = new Map(known.childNames ?? []);
  for (const c of children.data as { _id: string; name: string }[]) childNames.set(c._id, c.name);
  return {
    now,
    childNames,
    bindings: new Map((bindings.data as Pick<BindingRecord, '_id' | 'label' | 'role'>[]).map((b) => [b._id, b])),
    rooms,
  };
}

/** Every row of a query, however many (paging.ts's fetchAll without its cap); `page(skip)` runs one get. */
export function fetchAllRows<T>(page: (skip: number) => Promise<{ data: unknown[] }>): Promise<T[]> {
  return fetchAll<T>(page, Infinity);
}
