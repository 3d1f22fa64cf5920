/**
 * The logical subscribe-message templates and the fields each carries, for the admin's template form: the server's
 * TEMPLATE_CATALOG (cloudfunctions/core/reminders/templates.ts, generated into miniprogram/generated/), as lists.
 */
import type { ReminderTemplateKey } from '../../../../typings/actions/reminders';
import { TEMPLATE_CATALOG } from '../../../generated/reminder-templates';

export interface TemplateSpec {
  key: ReminderTemplateKey;
  title: string;
  /** logical field name and what it holds */
  fields: { key: string; label: string }[];
}

export const TEMPLATE_SPECS: TemplateSpec[] = (Object.keys(TEMPLATE_CATALOG) as ReminderTemplateKey[]).map((key) => ({
  key,
  title: TEMPLATE_CATALOG[key].title,
  fields: Object.entries(TEMPLATE_CATALOG[key].fields).map(([field, label]) => ({ key: field, label })),
}));

/** 日程提醒, 生日提醒... by template key. */
export const TEMPLATE_TITLE: Record<string, string> = Object.fromEntries(TEMPLATE_SPECS.map((t) => [t.key, t.title]));
