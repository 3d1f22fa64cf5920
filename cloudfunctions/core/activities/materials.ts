/**
 * Materials handed out at an activity (书包、文具…) are material aid in each child's assistance ledger (帮扶台账):
 * the ledger's own addEntry records them (once per activity, child and item, however often this is sent), and the
 * child's invitation row keeps a line saying what they were given.
 */
import crypto from 'node:crypto';
import type { ActionInput, ActionOutput } from '../../../typings/actions';
import type { Child } from '../../../typings/domain';
import type { Database } from '../cloud';
import { invalid } from '../errors';
import { COLLECTION } from '../collections';
import type { Actor } from '../archive/store';
import { addEntry } from '../community/assistance/entries';
import { ACTIVITY_KIND_LABELS } from './labels';
import type { ActivityAttendance, ActivityRecord } from './records';

const entryId = (a: ActivityRecord, childId: string, item: string) =>
  'act-' + crypto.createHash('sha256').update([a._id, childId, item].join('\n')).digest('hex').slice(0, 40);

export async function handOut(
  db: Database,
  a: ActivityRecord,
  input: ActionInput<'activities.handOut'>,
  actor: Actor & { label: string },
): Promise<ActionOutput<'activities.handOut'>> {
  if (new Set(input.childIds).size !== input.childIds.length) throw invalid('孩子有重复', 'childIds');
  const _ = db.command;
  const [rowsRes, childRes] = await Promise.all([
    db
      .collection(COLLECTION.activityAttendance)
      .where({ activityId: a._id, childId: _.in(input.childIds) })
      .limit(1000)
      .get(),
    db
      .collection(COLLECTION.children)
      .where({ _id: _.in(input.childIds), deletedAt: null })
      .limit(1000)
      .get(),
  ]);
  const present = new Map((rowsRes.data as ActivityAttendance[]).filter((r) => r.status === 'present').map((r) => [r.childId!, r]));
  const children = new Map((childRes.data as Child[]).map((c) => [c._id, c]));
  input.childIds.forEach((id, i) => {
    if (!present.has(id) || !children.has(id)) throw invalid('只能给点名时出席的孩子登记发放的物资', `childIds.${i}`);
  });
  const line = `${input.item} ${input.quantity} 件`;
  const created = await Promise.all(
    input.childIds.map(async (childId) => {
      const entry = {
        entryId: entryId(a, childId, input.item),
        childId,
        kind: 'material' as const,
        date: a.date,
        item: input.item,
        quantity: input.quantity,
        source: input.source,
        note: `${ACTIVITY_KIND_LABELS[a.kind]}：${a.title}`,
      };
      const done = await addEntry(db, children.get(childId)!, entry, actor);
      const row = present.get(childId)!;
      if (done.created)
        await db
          .collection(COLLECTION.activityAttendance)
          .doc(row._id)
          .update({ materials: [...(row.materials ?? []), line] });
      return done.created;
    }),
  );
  const recorded = created.filter(Boolean).length;
  return { recorded, existing: input.childIds.length - recorded };
}
