/**
 * <report-form>: one step of the mandatory report (强制报告) — the report to 公安, 民政, 教育 or 妇联, or a
 * follow-up after it: who, when (Beijing day and time), the case number if one was given, what happened. Sends
 * alerts.report and emits `saved`, or `cancel`.
 *
 *   <report-form alert-id="{{alert.id}}" has-report="{{reports.length > 0}}" bind:saved="onReported" bind:cancel="onCloseReport" />
 */
import type { ReportAuthority } from '../../../../../typings/domain';
import { call, errorMessage } from '../../../../services/api';
import { beijingClock, beijingToday, dayLabel } from '../../../../services/time';
import { AUTHORITY_LABELS, options } from '../../services/labels';
import props from './props';

type Field = WechatMiniprogram.CustomEvent<{ value: string }, Record<string, never>, { field: string }>;

Component({
  properties: props,

  data: {
    kind: 'report' as 'report' | 'followUp',
    kindOptions: [
      { label: '向部门报告', value: 'report' },
      { label: '报告后的跟进', value: 'followUp' },
    ],
    authority: '' as ReportAuthority | '',
    authorityOptions: options(AUTHORITY_LABELS),
    by: '',
    date: beijingToday(),
    dateText: dayLabel(beijingToday()),
    time: beijingClock(),
    today: beijingToday(),
    caseNumber: '',
    note: '',
    error: '',
    saving: false,
  },

  lifetimes: {
    attached() {
      const today = beijingToday();
      this.setData({ date: today, dateText: dayLabel(today), today, time: beijingClock() });
    },
  },

  methods: {
    onField(e: Field) {
      const field = e.currentTarget.dataset.field;
      const value = String(e.detail.value ?? '');
      this.setData({ [field]: value, error: '', ...(field === 'date' ? { dateText: dayLabel(value) } : {}) });
    },

    async onSave() {
      if (this.data.saving) return;
      const { kind, authority, by, date, time, caseNumber, note } = this.data;
      if (kind === 'report' && !authority) return this.setData({ error: '请选择报告的部门' });
      if (!by.trim()) return this.setData({ error: '请填写报告人' });
      if (kind === 'followUp' && !note.trim()) return this.setData({ error: '请写明跟进情况' });
      const at = `${date}T${time}:00+08:00`;
      const common = { alertId: this.data.alertId, by: by.trim(), at, caseNumber: caseNumber.trim() || null };
      this.setData({ saving: true, error: '' });
      try {
        await call(
          'alerts.report',
          kind === 'report'
            ? { ...common, kind, authority: authority as ReportAuthority, note: note.trim() || null }
            : { ...common, kind, authority: (authority as ReportAuthority) || null, note: note.trim() },
        );
        this.triggerEvent('saved');
      } catch (err) {
        this.setData({ error: errorMessage(err) });
      } finally {
        this.setData({ saving: false });
      }
    },

    onCancel() {
      this.triggerEvent('cancel');
    },
  },
});
