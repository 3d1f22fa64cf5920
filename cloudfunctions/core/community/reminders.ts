/**
 * What the scheduler reminds 儿童主任s of, each morning (07:30 Beijing), in their inbox:
 *   - a child whose visit falls due (last visit + the interval, on the Beijing calendar; never visited: once),
 *     once per due day;
 *   - a recurring payment for a child (寄宿费 to the tutoring centre each month) on its day of the month, once per
 *     month, until that month's payment is recorded.
 * Pages per community through the directors' bindings; reminders are idempotent, so a run repeated tells nobody twice.
 */
import type { AssistanceEntry, BindingRecord, Community } from '../../../typings/domain';
import type { Database } from '../cloud';
import { COLLECTION } from '../collections';
import { beijingDate } from '../time';
import { pages, type ReminderDraft, type ReminderSource, type SourceContext } from '../reminders';
import { byIds, childrenOfCommunities, lastVisits } from './load';
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

export async function* visitDueDrafts({ db, now }: SourceContext): AsyncGenerator<ReminderDraft[]> {
  const today = beijingDate(now);
  for await (const directors of directorsByCommunity(db)) {
    const communities = await byIds<Community>(db, COLLECTION.communities, '_id', [...directors.keys()]);
    for (const community of communities) {
      const children = await childrenOfCommunities(db, [community._id]);
      const { last } = await lastVisits(
        db,
        children.map((c) => c._id),
      );
      const policy = policyOf(community);
      const drafts: ReminderDraft[] = [];
      for (const child of children) {
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
      if (drafts.length) yield drafts;
    }
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
