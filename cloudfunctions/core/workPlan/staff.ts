/**
 * The school's staff a plan can name (an item's owner, a group member, a class's duty holder): the live admin and
 * teacher bindings of the school, one per person, with the name they are known by (nickname, else the binding's label).
 */
import type { BindingRecord } from '../../../typings/domain';
import type { StaffOption } from '../../../typings/actions/workPlan';
import type { Database } from '../cloud';
import { COLLECTION } from '../collections';
import { fetchAllRows } from '../familyCalls/load';
import { nicknames } from '../talks/people';

export interface Staff {
  bindings: BindingRecord[];
  /** By binding id. */
  byBinding: Map<string, BindingRecord>;
  /** A person's name by OPENID: 李老师, else 三年级(1)班 班主任. */
  nameOf(openid: string | null): string;
  options: StaffOption[];
}

export async function loadStaff(db: Database, schoolId: string): Promise<Staff> {
  const bindings = await fetchAllRows<BindingRecord>((skip) =>
    db
      .collection(COLLECTION.bindings)
      .where({ schoolId, role: db.command.in(['admin', 'teacher']), revokedAt: null })
      .orderBy('_id', 'asc')
      .skip(skip)
      .limit(1000)
      .get(),
  );
  const names = await nicknames(
    db,
    bindings.map((b) => b.openid),
  );
  return staffOf(bindings, names);
}

export function staffOf(bindings: BindingRecord[], names: Map<string, string>): Staff {
  // A mentor's binding for one child stands beside their class binding: the class or admin binding names the person.
  const ranked = [...bindings].sort((a, b) => Number(!!a.childId) - Number(!!b.childId));
  const firstOf = new Map<string, BindingRecord>();
  for (const b of ranked) if (!firstOf.has(b.openid)) firstOf.set(b.openid, b);
  const nameOf = (openid: string | null) => (openid ? (names.get(openid) ?? firstOf.get(openid)?.label ?? '已离开的老师') : '');
  return {
    bindings,
    byBinding: new Map(bindings.map((b) => [b._id, b])),
    nameOf,
    options: [...firstOf.values()].map((b) => ({ bindingId: b._id, name: names.has(b.openid) ? `${names.get(b.openid)} · ${b.label}` : b.label })),
  };
}
