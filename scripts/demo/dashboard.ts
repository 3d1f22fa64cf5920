/**
 * The demo school in mid-term as its dashboard shows it, entered through the real actions: most left-behind
 * children's archives complete (consent, address, the parents' phones, a guardian), 罗思琪's still without a contact
 * card and 孙浩然's without an address; every child's 学籍状态 (孙浩然 transferred in this term) and 计划免疫
 * record (罗思琪's unknown); mentors for two pupils of 三年级(1)班 and buddies for most; a 家长会 that four guardians came to. And the county: the demo county admin
 * (demo-county, 县教育局) over the demo school and a second, smaller school it created and whose admin it invited.
 */
import type tcb from '@cloudbase/node-sdk';
import { PRIVACY_NOTICE } from '../../cloudfunctions/core/consent';
import { COLLECTION } from '../../cloudfunctions/core/collections';
import { beijing } from '../../cloudfunctions/core/time';
import type { DemoCall } from '../demo-data';

type Db = ReturnType<ReturnType<typeof tcb.init>['database']>;

export const DEMO_COUNTY_ID = 'demo-county';
const COUNTY = 'demo-county';
const ADMIN = 'demo-admin';
const SECOND_ADMIN = 'demo-admin-xiling';

/** The county (县), the demo school in it, and its admin (县教育局). */
export async function seedDemoCounty(db: Db, schoolId: string, now: Date): Promise<void> {
  await db.collection(COLLECTION.counties).add({ _id: DEMO_COUNTY_ID, name: '青山县（演示）', createdAt: now });
  await db.collection(COLLECTION.schools).doc(schoolId).update({ countyId: DEMO_COUNTY_ID });
  await db.collection(COLLECTION.users).add({ _id: COUNTY, openid: COUNTY, nickname: '演示·县教育局', createdAt: now });
  await db.collection(COLLECTION.bindings).add({
    openid: COUNTY,
    role: 'county',
    schoolId: null,
    classId: null,
    childId: null,
    communityId: null,
    countyId: DEMO_COUNTY_ID,
    label: '青山县教育局（演示）',
    createdAt: now,
    revokedAt: null,
  });
  await seedEarlierMonths(db, schoolId, now);
}

const guardian = (name: string, relation: string, phone: string) => ({
  name,
  relation,
  occupation: '务农',
  address: '青山村',
  phone,
  health: '良好',
  age: 62,
  capable: true,
});
const parent = (name: string, relation: string, phone: string) => ({
  name,
  relation,
  phone,
  workCity: '浙江宁波',
  workUnit: '宁波某服装厂',
  workAddress: null,
  workPhone: null,
});

/** Per left-behind child: the card (none for 罗思琪), the address (none for 孙浩然), enrolment and vaccination. */
const FILES: Record<string, { card?: [string, string, string, string]; address?: string; vaccination: string; transferredIn?: boolean; unable?: string }> = {
  'demo-child-02': { card: ['周大勇', '父亲', '周桂兰', '外婆'], address: '青山村二组', vaccination: 'complete', unable: '母亲长期患病' },
  'demo-child-03': { card: ['陈海', '父亲', '陈福', '爷爷'], address: '青山村七组', vaccination: 'complete' },
  'demo-child-05': { card: ['郑丽', '母亲', '郑秀云', '外婆'], address: '青山村一组', vaccination: 'complete' },
  'demo-child-06': { card: ['孙强', '父亲', '孙德明', '爷爷'], vaccination: 'incomplete', transferredIn: true },
  'demo-child-08': { card: ['何平', '父亲', '何桂英', '奶奶'], address: '河西村三组', vaccination: 'complete', unable: '母亲残疾，行动不便' },
  'demo-child-09': { address: '河西村六组', vaccination: 'unknown' },
  'demo-child-01': { address: '青山村五组', vaccination: 'complete' },
};

export async function seedDashboardDemo(call: DemoCall, now: Date): Promise<void> {
  const must = async (openid: string, action: string, input: Record<string, unknown>) => {
    const res = await call(openid, action, input);
    if (!res.ok) throw new Error(`演示数据：${action} 失败：${res.error?.message}`);
    return res.data as Record<string, unknown>;
  };
  const daysAgo = (n: number) => beijing(now).subtract(n, 'day').format('YYYY-MM-DD');

  for (const childId of ['demo-child-06', 'demo-child-08', 'demo-child-09']) {
    await must(ADMIN, 'consent.record', {
      childId,
      decision: 'granted',
      noticeVersion: PRIVACY_NOTICE.version,
      method: 'paper',
      signerName: '家长',
      signerRelation: '父亲',
    });
  }
  let phone = 13512340000;
  for (const [childId, file] of Object.entries(FILES)) {
    if (file.card) {
      const [p, pr, g, gr] = file.card;
      await must(ADMIN, 'contactCards.save', {
        childId,
        expectedVersion: 0,
        parents: [parent(p, pr, String(phone++))],
        guardian: guardian(g, gr, String(phone++)),
        emergency: null,
      });
    }
    const detail = (await must(ADMIN, 'children.get', { childId })) as { child: { archiveVersion?: number } };
    await must(ADMIN, 'archive.update', {
      childId,
      expectedVersion: detail.child.archiveVersion ?? 0,
      changes: {
        ...(file.address ? { address: file.address } : {}),
        ...(file.unable ? { otherParentUnableReason: file.unable } : {}),
        enrolment: file.transferredIn
          ? { status: 'transferred_in', date: daysAgo(20), note: '随祖父母返乡，从宁波转入' }
          : { status: 'enrolled', date: daysAgo(365), note: null },
        vaccination: file.vaccination,
      },
    });
  }
  // The care network of mid-term: the class teacher mentors two of their own pupils (a teacher mentors children they
  // teach: the demo has no teacher yet in the other classes), and buddies in the other classes (吴星辰 already
  // holds 林小禾's hand in 三年级(1)班).
  const { people } = (await must(ADMIN, 'people.list', { schoolId: 'demo-school' })) as {
    people: { openid: string; role: string; childId: string | null; bindingId: string }[];
  };
  const teacher = people.find((p) => p.openid === 'demo-teacher' && p.role === 'teacher' && !p.childId)!;
  for (const childId of ['demo-child-02', 'demo-child-03']) {
    await must(ADMIN, 'care.pair', { childId, kind: 'mentor', teacherBindingId: teacher.bindingId, name: '演示·班主任' });
  }
  const buddies: [string, string][] = [
    ['demo-child-05', 'demo-child-07'],
    ['demo-child-06', 'demo-child-07'],
    ['demo-child-08', 'demo-child-10'],
  ];
  for (const [childId, buddyChildId] of buddies) await must(ADMIN, 'care.pair', { childId, kind: 'buddy', buddyChildId });
  await must(ADMIN, 'symposiums.record', {
    schoolId: 'demo-school',
    date: daysAgo(3),
    topic: '家长会：怎样陪伴父母不在身边的孩子',
    place: '学校会议室',
    participants: ['demo-child-01', 'demo-child-02', 'demo-child-03', 'demo-child-05'].map((refId) => ({ kind: 'guardian', refId })),
    others: '各班班主任',
    minutes: '校长讲了留守儿童的心理特点，班主任介绍了每周亲情视频和每月谈心；监护人交流了辅导作业的难处。',
    decisions: ['每月第一个周五开放关爱室给监护人', '作业有困难的孩子安排午间辅导'],
  });

  const school = await must(COUNTY, 'county.createSchool', { countyId: DEMO_COUNTY_ID, name: '青山县西岭小学（演示）' });
  const invite = await must(COUNTY, 'invites.create', { role: 'admin', schoolId: school.schoolId, label: '西岭小学 校长' });
  await must(SECOND_ADMIN, 'invites.redeem', { code: invite.code });
  const schoolClass = await must(SECOND_ADMIN, 'classes.create', { schoolId: school.schoolId, grade: 4, name: '四年级(1)班' });
  const pupils = [
    { name: '杨小满', gender: 'female', birthDate: '2016-04-09', leftBehindType: 'both_away' },
    { name: '刘子轩', gender: 'male', birthDate: '2016-07-21', leftBehindType: 'both_away' },
    { name: '黄诗涵', gender: 'female', birthDate: '2016-01-30', leftBehindType: 'one_away_other_unable' },
    { name: '谢文博', gender: 'male', birthDate: '2016-10-02', leftBehindType: 'not_left_behind' },
  ];
  for (const p of pupils) await must(SECOND_ADMIN, 'archive.create', { classId: schoolClass.id, ...p });
}

/** The five months before the demo was loaded, as the dashboard would have kept them (the trend's past). */
async function seedEarlierMonths(db: Db, schoolId: string, now: Date): Promise<void> {
  const start = { archive: 28.6, enrolment: 100, retention: 100, vaccination: 57.1, parentEducation: 0, pairing: 0, contact: 14.3, talks: 42.9 };
  await Promise.all(
    [5, 4, 3, 2, 1].map((back, i) => {
      const month = beijing(now).startOf('month').subtract(back, 'month').format('YYYY-MM');
      const rates = Object.fromEntries(Object.entries(start).map(([k, v]) => [k, v === 100 ? v : Math.round((v + 8 * i) * 10) / 10]));
      return db.collection(COLLECTION.dashboardSnapshots).doc(`${schoolId}_${month}`).set({ schoolId, classId: null, month, rates, updatedAt: now });
    }),
  );
}
