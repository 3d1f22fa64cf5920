/**
 * Demo of community work through the real actions: the 儿童主任 of 青山村 has visited three of the village's children
 * in the last months (one with a next step), and the assistance ledger holds school supplies and a referral.
 */
import { beijing } from '../../cloudfunctions/core/time';
import type { DemoCall } from '../demo-data';

const DIRECTOR = 'demo-community';

export async function seedCommunityDemo(call: DemoCall, now: Date): Promise<void> {
  const must = async (action: string, input: Record<string, unknown>) => {
    const res = await call(DIRECTOR, action, input, now);
    if (!res.ok) throw new Error(`演示数据：${action} 失败：${res.error?.message}`);
  };
  const daysAgo = (n: number) => beijing(now).subtract(n, 'day').format('YYYY-MM-DD');
  await must('visits.record', {
    visitId: 'demo-visit-linxiaohe-01',
    childId: 'demo-child-01',
    date: daysAgo(20),
    method: 'home',
    met: '奶奶',
    situation: { living: '与奶奶同住，家里干净', schooling: '按时上学', health: '良好', mood: '想妈妈，说起视频很开心' },
    guardianCondition: '奶奶 68 岁，身体还好，腿脚不便',
    nextSteps: [{ text: '帮奶奶申请冬季棉被', due: daysAgo(-10) }],
  });
  await must('visits.record', {
    visitId: 'demo-visit-zhouzimo-001',
    childId: 'demo-child-02',
    date: daysAgo(45),
    method: 'home',
    met: '外婆',
    situation: { living: '与外婆同住', schooling: '按时上学', mood: '开朗' },
  });
  await must('visits.record', {
    visitId: 'demo-visit-chenyinuo-01',
    childId: 'demo-child-03',
    date: daysAgo(8),
    method: 'phone',
    met: '爸爸（电话）',
    findings: '爸爸春节前回家，之前由叔叔照看',
  });
  await must('assistance.add', {
    entryId: 'demo-entry-supplies-0001',
    childId: 'demo-child-01',
    kind: 'material',
    date: daysAgo(20),
    item: '书包和文具',
    quantity: 1,
    source: 'donor',
    party: '县爱心商会',
  });
  await must('assistance.add', {
    entryId: 'demo-entry-referral-0001',
    childId: 'demo-child-03',
    kind: 'referral',
    date: daysAgo(8),
    party: '草根爱心公益团队',
  });
}
