/**
 * What the scheduler reminds 儿童主任s of, each morning (07:30 Beijing), in their inbox:
 *   - a child whose visit falls due (last visit + the interval, on the Beijing calendar; never visited: once),
 *     once per due day;
 *   - a recurring payment for a child (寄宿费 to the tutoring centre each month) on its day of the month, once per
 *     month, until that month's payment is recorded.
 * Reads the communities' children a group of communities at a time; reminders are idempotent, so a run repeated tells nobody twice.
 */
import type { AssistanceEntry, BindingRecord, Child, Community } from '../../../typings/domain';
import type { Database } from '../cloud';
import { COLLECTION } from '../collections';
import { beijingDate } from '../time';
import { pages, type CheckpointBatch, type ReminderDraft, type ReminderSource, type SourceContext } from '../reminders';
import { byIds, CHILD_FIELDS, lastVisits } from './load';
import { isFocus, policyOf, visitDue } from './policy';
import { yuan } from './assistance/money';

const dayText = (d: string) => `${Number(d.slice(5, 7))}月${Number(d.slice(8))}日`;

/** The 儿童主任s of each community that has any, a page of bindings at a time. */
async function* directorsByCommunity(db: Database): AsyncGenerator<Map<string, BindingRecord[]>> {
  for await (const page of pages<BindingRecord>(db, COLLECTION.bindings, { role: 'community', revokedAt: null })) {
    const by = new Map<string, BindingRecord[]>();
    for (const b of page) if (b.communityId) by.set(b.communityId, [...(by.get(b.communityId) ?? []), b]);
    yield by;
  }
}

/** Communities whose children are read together (about a hundred children each). */
const COMMUNITY_GROUP = 25;

/**
 * The communities with a 儿童主任, in id order after `after`, COMMUNITY_GROUP at a time: a group's children and their
 * visits are read at once, and the group's last id is where a run stopped between invocations goes on from.
 */
export async function* visitDueDrafts({ db, now, after }: SourceContext): AsyncGenerator<CheckpointBatch> {
  const today = beijingDate(now);
  const directors = new Map<string, BindingRecord[]>();
  for await (const page of directorsByCommunity(db)) for (const [id, list] of page) directors.set(id, [...(directors.get(id) ?? []), ...list]);
  const ids = [...directors.keys()].filter((id) => after === null || id > after).sort();
  for (let i = 0; i < ids.length; i += COMMUNITY_GROUP) {
    const group = ids.slice(i, i + COMMUNITY_GROUP);
    // On the indexed field alone, so the database sorts and pages in its index; deleted children are left out here.
    const [communities, all] = await Promise.all([
      byIds<Community>(db, COLLECTION.communities, '_id', group),
      byIds<Child>(db, COLLECTION.children, 'communityId', group, {}, CHILD_FIELDS),
    ]);
    const children = all.filter((c) => !c.deletedAt);
    const { last } = await lastVisits(
      db,
      children.map((c) => c._id),
    );
    const byCommunity = new Map(communities.map((c) => [c._id, c]));
    const drafts: ReminderDraft[] = [];
    for (const child of children) {
      const community = byCommunity.get(child.communityId ?? '');
      if (!community) continue;
      const policy = policyOf(community);
      const lastVisit = last.get(child._id) ?? null;
      const { nextDue, due } = visitDue(child, lastVisit, policy, today);
      if (due !== 'never' && !(nextDue && nextDue <= today)) continue;
      const months = isFocus(child) ? policy.focusEveryMonths : policy.everyMonths;
      const body = lastVisit
        ? `${child.name}上次走访是${dayText(lastVisit)}，按每 ${months} 个月走访一次，${dayText(nextDue!)}该再去看看了。`
        : `${child.name}还没有走访记录，请安排一次入户走访。`;
      for (const d of directors.get(community._id) ?? []) {
        drafts.push({
          kind: 'visit.due',
          to: d.openid,
          role: 'community',
          subject: child._id,
          occurrence: nextDue ?? 'first',
          template: 'notice',
          fields: { title: `该走访${child.name}了`, note: body, time: now, count: '1' },
          title: `该走访${child.name}了`,
          body,
          page: `areas/community/pages/child/index?childId=${child._id}`,
          schoolId: community.schoolId,
          childId: child._id,
        });
      }
    }
    yield { drafts, cursor: group[group.length - 1] };
  }
}

export async function* recurringDueDrafts({ db, now }: SourceContext): AsyncGenerator<ReminderDraft[]> {
  const today = beijingDate(now);
  const month = today.slice(0, 7);
  const dayOfMonth = Number(today.slice(8));
  for await (const directors of directorsByCommunity(db)) {
    const running = (await byIds<AssistanceEntry>(db, COLLECTION.assistance, 'communityId', [...directors.keys()], { kind: 'recurring' })).filter(
      (r) => r.date.slice(0, 7) <= month && (!r.untilMonth || r.untilMonth >= month) && (r.dayOfMonth ?? 1) <= dayOfMonth,
    );
    if (!running.length) continue;
    const paid = new Set(
      (
        await byIds<AssistanceEntry>(
          db,
          COLLECTION.assistance,
          'recurringId',
          running.map((r) => r._id),
          { month, kind: 'payment' },
        )
      ).map((p) => p.recurringId),
    );
    const names = new Map(
      (await byIds<{ _id: string; name: string }>(db, COLLECTION.children, '_id', [...new Set(running.map((r) => r.childId))], {}, { name: true })).map((c) => [
        c._id,
        c.name,
      ]),
    );
    const drafts: ReminderDraft[] = running
      .filter((r) => !paid.has(r._id))
      .flatMap((r) => {
        const name = names.get(r.childId) ?? '';
        const title = `${Number(month.slice(5))}月${r.item}：${name}`;
        const body = `本月${r.item} ${yuan(r.amountFen ?? 0)} 元请送到${r.party}（每月${r.dayOfMonth}日），送到后在帮扶台账里登记这一笔。`;
        return (directors.get(r.communityId ?? '') ?? []).map((d): ReminderDraft => ({
          kind: 'assistance.recurring',
          to: d.openid,
          role: 'community',
          subject: r._id,
          occurrence: month,
          template: 'notice',
          fields: { title, note: body, time: now, count: '1' },
          title,
          body,
          page: `areas/community/pages/ledger/index?childId=${r.childId}`,
          schoolId: r.schoolId,
          childId: r.childId,
        }));
      });
    if (drafts.length) yield drafts;
  }
}

export const COMMUNITY_SOURCES: ReminderSource[] = [
  { name: 'visitDue', cadence: 'daily', collect: visitDueDrafts },
  { name: 'recurringPayments', cadence: 'daily', collect: recurringDueDrafts },
];
