/**
 * <report-form>: one step of the mandatory report (强制报告) — the report to 公安, 民政, 教育局, 妇联 or another
 * body, or a follow-up after it: who, when (Beijing day and time), the case number if one was given, what happened.
 * Sends mandatoryReport.addStep and emits `saved`, or `cancel`.
 *
 *   <report-form alert-id="{{alert.id}}" has-report="{{reports.length > 0}}" bind:saved="onReported" bind:cancel="onCloseReport" />
 */
import type { ReportAgency } from '../../../../../typings/domain';
import { call, errorMessage } from '../../../../services/api';
import { beijingClock, beijingToday, dayLabel } from '../../../../services/time';
import { AGENCY_LABELS, options } from '../../services/labels';
import props from './props';

type Field = WechatMiniprogram.CustomEvent<{ value: string }, Record<string, never>, { field: string }>;

Component({
  properties: props,

  data: {
    kind: 'report' as 'report' | 'follow_up',
    kindOptions: [
      { label: '向部门报告', value: 'report' },
      { label: '报告后的跟进', value: 'follow_up' },
    ],
    agency: '' as ReportAgency | '',
    agencyOptions: options(AGENCY_LABELS),
    agencyName: '',
    actor: '',
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
      const { kind, agency, agencyName, actor, date, time, caseNumber, note } = this.data;
      if (kind === 'report' && !agency) return this.setData({ error: '请选择报告的部门' });
      if (agency === 'other' && !agencyName.trim()) return this.setData({ error: '请填写报告的部门名称' });
      if (!actor.trim()) return this.setData({ error: '请填写报告人' });
      if (kind === 'follow_up' && !note.trim()) return this.setData({ error: '请写明跟进情况' });
      const step = {
        kind,
        actor: actor.trim(),
        agency: agency || null,
        agencyName: agencyName.trim() || null,
        date,
        time,
        caseNumber: caseNumber.trim() || null,
        note: note.trim() || null,
      };
      this.setData({ saving: true, error: '' });
      try {
        await call('mandatoryReport.addStep', { alertId: this.data.alertId, step });
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
