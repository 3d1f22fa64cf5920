/** Reading calls with the caller's access, and the names their views need. */
import type { Role } from '../../../typings/roles';
import type { BindingRecord, FamilyCallOccurrence, Room } from '../../../typings/domain';
import type { Database } from '../cloud';
import { AppError } from '../errors';
import { grantFor, type Grant, type Principal } from '../access';
import { CALLS } from './store';
import { loadRooms } from './rooms';
import type { ViewContext } from './views';

/**
 * A call and the caller's grant over its child. An unknown id answers like someone else's (FORBIDDEN), so ids
 * cannot be probed.
 */
export async function loadCall(db: Database, principal: Principal, callId: string, roles: Role[]): Promise<{ call: FamilyCallOccurrence; grant: Grant }> {
  const res = await db.collection(CALLS).doc(callId).get();
  const call = res.data[0] as FamilyCallOccurrence | undefined;
  if (!call) throw new AppError('FORBIDDEN', '无权访问该范围的数据');
  const grant = grantFor(principal, roles, { schoolId: call.schoolId, classId: call.classId, childId: call.childId, communityId: null });
  return { call, grant };
}

/** The live parent/guardian bindings of a child. */
export async function parentBindings(db: Database, childId: string): Promise<BindingRecord[]> {
  const _ = db.command;
  const res = await db.collection('bindings').where({ childId, role: _.in(['parent', 'guardian']), revokedAt: null }).limit(100).get();
  return res.data as BindingRecord[];
}

/** Children's names, parents' bindings and the school's rooms for these calls: three reads at once. */
export async function viewContext(db: Database, schoolId: string, calls: FamilyCallOccurrence[], now: Date, known: { rooms?: Room[]; childNames?: Map<string, string>; childIds?: string[] } = {}): Promise<ViewContext> {
  const _ = db.command;
  const childIds = [...new Set([...calls.map((c) => c.childId), ...(known.childIds ?? [])])].filter((id) => !known.childNames?.has(id));
  const bindingIds = [...new Set(calls.flatMap((c) => c.parentBindingIds))];
  const [children, bindings, rooms] = await Promise.all([
    childIds.length ? db.collection('children').where({ _id: _.in(childIds) }).field({ name: true }).limit(1000).get() : Promise.resolve({ data: [] }),
    bindingIds.length ? db.collection('bindings').where({ _id: _.in(bindingIds) }).field({ label: true, role: true }).limit(1000).get() : Promise.resolve({ data: [] }),
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

/** Every row of a query, 1000 at a time (CloudBase returns at most 1000 per get); `page(skip)` runs one get. */
export async function fetchAllRows<T>(page: (skip: number) => Promise<{ data: unknown[] }>): Promise<T[]> {
  const out: T[] = [];
  for (let skip = 0; ; skip += 1000) {
    const res = await page(skip);
    out.push(...(res.data as T[]));
    if (res.data.length < 1000) return out;
  }
}
