/**
 * The 1st of each month (Beijing; the monthly trigger): each owner of an item of the month that is not done hears
 * what the plan has them do; an item of the leading group goes to its 组长 and 副组长 (or, with no group named yet,
 * to the school's admins). One reminder per item, month and person: a trigger fired twice sends nothing twice.
 */
import type { BindingRecord } from '../../../typings/domain';
import { COLLECTION } from '../collections';
import { pages, type ReminderDraft, type ReminderSource, type SourceContext } from '../reminders';
import { beijing, beijingMonth } from '../time';
import { schoolAdmins } from '../talks/people';
import type { WorkItemRecord, WorkPlanRecord } from './records';

export const KIND = 'workPlan.month';

const PLAN_PAGE = (schoolId: string) => `areas/workplan/pages/plan/index?schoolId=${schoolId}`;

/** Who hears of an item: its teacher, else the group's leaders, else the admins. */
function ownersOf(item: WorkItemRecord, plan: WorkPlanRecord, admins: BindingRecord[]): { openid: string; role: 'admin' | 'teacher' }[] {
  if (item.owner.kind === 'teacher' && item.owner.openid) return [{ openid: item.owner.openid, role: 'teacher' }];
  const leaders = plan.group.filter((m) => m.role !== 'member').map((m) => m.openid);
  const openids = leaders.length ? leaders : admins.map((a) => a.openid);
  const isAdmin = new Set(admins.map((a) => a.openid));
  return [...new Set(openids)].map((openid) => ({ openid, role: isAdmin.has(openid) ? 'admin' : 'teacher' }));
}

async function* monthStart({ db, now }: SourceContext): AsyncGenerator<ReminderDraft[]> {
  const month = beijingMonth(now);
  const label = beijing(now).format('M月');
  // The plans whose term reaches into this month.
  for await (const plans of pages<WorkPlanRecord>(db, COLLECTION.workPlans, { 'term.end': db.command.gte(`${month}-01`) })) {
    for (const plan of plans) {
      const items = plan.items.filter((i) => i.month === month && i.status !== 'done');
      if (!items.length) continue;
      const admins = plan.group.length ? [] : await schoolAdmins(db, plan.schoolId);
      const drafts = items.flatMap((item) =>
        ownersOf(item, plan, admins).map((to): ReminderDraft => ({
          kind: KIND,
          to: to.openid,
          role: to.role,
          subject: `${plan._id}-${item.id}`,
          occurrence: month,
          template: 'notice',
          fields: { title: `${label}工作安排`, note: item.title, time: now, count: '1' },
          title: `${label}工作安排：${item.title}`,
          body: `${plan.term.name}${label}的工作安排由您负责：${item.title}。完成后请在工作计划里标记并附上记录。`,
          page: PLAN_PAGE(plan.schoolId),
          at: now,
          schoolId: plan.schoolId,
          childId: null,
        })),
      );
      if (drafts.length) yield drafts;
    }
  }
}

export const workPlanSource: ReminderSource = { name: 'workPlanMonth', cadence: 'monthly', collect: monthStart };
