/** Chinese names of the ledger's codes (the pages read the same tables, generated into miniprogram/generated/). */
import type { AidSource, AssistanceKind, ReliefStatus } from '../../../../typings/domain';

export const KIND_LABELS: Record<AssistanceKind, string> = {
  relief: '临时救助',
  allowance: '低保',
  recurring: '按月代付',
  payment: '代付',
  material: '物资',
  referral: '转介',
};

export const SOURCE_LABELS: Record<AidSource, string> = {
  school: '学校领导小组',
  community: '社区',
  donor: '爱心人士',
  charity: '公益组织',
  government: '政府部门',
};

export const RELIEF_STATUS_LABELS: Record<ReliefStatus, string> = { applied: '已申请', approved: '已批准', paid: '已发放', refused: '未批准' };
