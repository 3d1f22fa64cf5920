/**
 * The demo school's work plan for the current term, entered through the real actions: created from the template,
 * the months before this one done (the parent meeting's item with the demo 家长会 as its evidence), this month's first
 * item under way; the archive and pairing items the demo class teacher's; and the leading group (领导小组) with the
 * demo admin as 组长, the demo class teacher as 副组长 and the other teachers as members, each with their duties.
 */
import type { WorkPlanView } from '../../typings/actions/workPlan';
import { beijingMonth } from '../../cloudfunctions/core/time';
import type { DemoCall } from '../demo-data';
import { demoActions } from './actions';

const ADMIN = 'demo-admin';
const TEACHER = 'demo-teacher';

export async function seedWorkPlanDemo(call: DemoCall, now: Date): Promise<void> {
  const act = demoActions(call);
  const must = <T>(action: string, input: Record<string, unknown>) => act<T>(ADMIN, action, input);
  const first = await must<WorkPlanView>('workPlan.get', {});
  const { planId } = await must<{ planId: string }>('workPlan.create', { term: first.term.name });
  const view = await must<WorkPlanView>('workPlan.get', { term: first.term.name });
  const people = await must<{ people: { bindingId: string; openid: string; role: string; childId: string | null }[] }>('people.list', {
    schoolId: view.schoolId,
  });
  const bindingOf = (openid: string, role: string) => people.people.find((p) => p.openid === openid && p.role === role && !p.childId)!.bindingId;
  const teacher = bindingOf(TEACHER, 'teacher');
  const others = [...new Set(people.people.filter((p) => p.role === 'teacher' && !p.childId && p.openid !== TEACHER).map((p) => p.bindingId))].slice(0, 3);

  const month = beijingMonth(now);
  const meeting = view.symposiums[view.symposiums.length - 1];
  for (const m of view.plan!.months) {
    for (const [i, item] of m.items.entries()) {
      const done = m.month < month;
      const status = done ? 'done' : m.month === month && i === 0 ? 'doing' : 'todo';
      const ours = item.evidence.some((e) => e.ref.kind === 'rate' && (e.ref.rate === 'archive' || e.ref.rate === 'pairing'));
      const isMeeting = item.title.includes('家长会') && meeting;
      if (status === 'todo' && !ours && !isMeeting) continue;
      await must('workPlan.saveItem', {
        planId,
        itemId: item.id,
        month: m.month,
        title: item.title,
        owner: ours ? { kind: 'teacher', bindingId: teacher } : { kind: 'group' },
        status: isMeeting ? 'done' : status,
        evidence: [...item.evidence.map((e) => e.ref), ...(isMeeting ? [{ kind: 'symposium', symposiumId: meeting.symposiumId }] : [])],
      });
    }
  }
  await must('workPlan.saveGroup', {
    planId,
    members: [
      { bindingId: bindingOf(ADMIN, 'admin'), role: 'leader', duties: '全面负责关爱留守儿童工作，主持领导小组会议' },
      { bindingId: teacher, role: 'deputy', duties: '留守儿童档案、结对帮扶和亲情视频的组织落实' },
      ...others.map((bindingId) => ({ bindingId, role: 'member', duties: '本班留守儿童谈心、家长会和活动' })),
    ],
    responsibilities: [],
  });
}
