/**
 * The logical subscribe-message templates and the fields each carries, for the admin's template form (the same as
 * the server's TEMPLATE_CATALOG in cloudfunctions/core/reminders/templates.ts: pages may not import runtime values
 * from outside miniprogram/; tests/pages/reminder-admin.test.ts checks the two agree).
 */
import type { ReminderTemplateKey } from '../../typings/actions/reminders';

export interface TemplateSpec {
  key: ReminderTemplateKey;
  title: string;
  /** logical field name and what it holds */
  fields: { key: string; label: string }[];
}

export const TEMPLATE_SPECS: TemplateSpec[] = [
  {
    key: 'schedule',
    title: '日程提醒',
    fields: [
      { key: 'title', label: '事项' },
      { key: 'time', label: '时间' },
      { key: 'child', label: '孩子姓名' },
      { key: 'note', label: '备注' },
    ],
  },
  {
    key: 'birthday',
    title: '生日提醒',
    fields: [
      { key: 'name', label: '姓名' },
      { key: 'date', label: '生日' },
      { key: 'note', label: '备注' },
    ],
  },
  {
    key: 'notice',
    title: '工作提醒',
    fields: [
      { key: 'title', label: '事项' },
      { key: 'note', label: '说明' },
      { key: 'time', label: '时间' },
      { key: 'count', label: '数量' },
    ],
  },
];
