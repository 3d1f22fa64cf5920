/**
 * The demo school's activities, through the real actions, relative to `now`: the class's 六一游园 (or any other day's
 * 主题班会) today with attendance (林小禾 and 陈一诺 came, 周子墨 was on leave) and a schoolbag handed to
 * 林小禾; the school's parent meeting today, scheduled (the families invited in WeChat) and held with sign-in
 * (林小禾's family came) and minutes; 林小禾's county 自强少年 honour.
 */
import { beijingDate } from '../../cloudfunctions/core/time';
import type { DemoCall } from '../demo-data';
import { demoActions } from './actions';

const TEACHER = 'demo-teacher';
const ADMIN = 'demo-admin';

export async function seedActivitiesDemo(call: DemoCall, now: Date): Promise<void> {
  const act = demoActions(call);
  const must = (openid: string, action: string, input: Record<string, unknown>) => act<{ id: string }>(openid, action, input);
  const day = beijingDate(now);
  const gala = day.endsWith('-06-01') ? '六一游园' : '主题班会：我的家乡我的爱';
  const activity = await must(TEACHER, 'activities.create', {
    classId: 'demo-class-3-1',
    kind: gala === '六一游园' ? 'holiday' : 'class_meeting',
    title: gala,
    date: day,
    place: '三年级(1)班教室',
    organiser: '班主任',
    childIds: ['demo-child-01', 'demo-child-02', 'demo-child-03'],
  });
  await must(TEACHER, 'activities.attend', {
    activityId: activity.id,
    marks: [
      { personId: 'demo-child-01', status: 'present' },
      { personId: 'demo-child-02', status: 'leave' },
      { personId: 'demo-child-03', status: 'present' },
    ],
  });
  await must(TEACHER, 'activities.handOut', { activityId: activity.id, item: '书包', quantity: 1, source: 'donor', childIds: ['demo-child-01'] });

  const meeting = await must(ADMIN, 'meetings.schedule', {
    schoolId: 'demo-school',
    kind: 'parent_meeting',
    date: day,
    time: '08:00',
    topic: '家庭教育讲座：怎样和孩子视频聊天',
    place: '学校会议室',
    agenda: ['校长讲每周亲情视频的意义', '老师介绍怎样在视频里多听孩子说', '家长交流陪伴作业的办法'],
    childIds: ['demo-child-01', 'demo-child-02', 'demo-child-05'],
  });
  await must(ADMIN, 'meetings.signIn', {
    meetingId: meeting.id,
    marks: [
      { childId: 'demo-child-01', status: 'present' },
      { childId: 'demo-child-02', status: 'absent' },
    ],
  });
  await must(ADMIN, 'meetings.minutes', {
    meetingId: meeting.id,
    minutes: '讲解每周亲情视频怎样多听孩子说；家长交流了陪伴作业的办法。',
    decisions: ['每周三晚亲情视频', '下学期开学再开一次家长会'],
  });
  await must(TEACHER, 'honours.add', { childId: 'demo-child-01', title: '自强少年', level: 'county', date: day, body: '青山县教育局', share: true });
}
