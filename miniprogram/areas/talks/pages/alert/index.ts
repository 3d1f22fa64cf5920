/**
 * 紧急预警 with its mandatory report (强制报告), for the admins and the child's mentor (?alertId=): what was found, the
 * steps recorded so far — reports (who, to whom, when, case number) and follow-ups, each with when it was recorded —
 * and the form to add a step while the alert is open. First screen: one mandatoryReport.get call.
 */
import type { AlertDetail } from '../../../../../typings/actions/mandatoryReport';
import type { ReportAgency } from '../../../../../typings/domain';
import { call } from '../../../../services/api';
import { instanceState } from '../../../../services/instance';
import { loadScreen } from '../../../../services/screen';
import { beijingClock, beijingDateTime, beijingToday, dayLabel } from '../../../../services/time';
import { refusal } from '../../services/form';
import { orNull } from '../../services/options';

type State = 'loading' | 'error' | 'forbidden' | 'ready';

const KINDS = [
  { value: 'report', label: '报告' },
  { value: 'follow_up', label: '跟进' },
];

const blank = () => {
  const date = beijingToday();
  return {
    kind: ['report'],
    actor: '',
    agency: [] as string[],
    agencyName: '',
    date,
    dateText: dayLabel(date),
    time: beijingClock(),
    caseNumber: '',
    note: '',
  };
};

const own = instanceState(() => ({ alertId: '' }));

Component({
  data: {
    state: 'loading' as State,
    errorMessage: '',
    alert: null as AlertDetail | null,
    created: '',
    closed: '',
    steps: [] as (NonNullable<AlertDetail['mandatoryReport']>['steps'][number] & { when: string; recorded: string })[],
    kinds: KINDS,
    agencies: [] as { value: string; label: string }[],
    form: blank(),
    message: '',
    formError: '',
    busy: false,
  },

  methods: {
    onLoad(query: Record<string, string | undefined> = {}) {
      own(this).alertId = query.alertId ?? '';
      this.load();
    },

    load() {
      return loadScreen(this, async (screen) => {
        const alert = await call('mandatoryReport.get', { alertId: own(this).alertId });
        if (screen.current()) this.show(alert);
      });
    },

    show(a: AlertDetail) {
      this.setData({
        state: 'ready',
        alert: a,
        created: beijingDateTime(a.createdAt),
        closed: a.resolvedAt ? `${beijingDateTime(a.resolvedAt)} 已处理：${a.resolution ?? ''}` : '',
        steps: (a.mandatoryReport?.steps ?? []).map((s) => ({
          ...s,
          when: beijingDateTime(s.at),
          recorded: `${beijingDateTime(s.recordedAt)} ${s.recordedByLabel ?? ''}记录`,
        })),
        agencies: a.agencies.map((g) => ({ value: g.value, label: g.label })),
      });
    },

    onRetry() {
      this.load();
    },

    onField(e: WechatMiniprogram.CustomEvent<{ value: string | string[] }, Record<string, never>, { field: string }>) {
      const field = e.currentTarget.dataset.field;
      const text = field === 'date' ? { 'form.dateText': dayLabel(String(e.detail.value)) } : {};
      this.setData({ [`form.${field}`]: e.detail.value, ...text, formError: '' });
    },

    async onAdd() {
      const f = this.data.form;
      const kind = f.kind[0] as 'report' | 'follow_up';
      const agency = (f.agency[0] as ReportAgency | undefined) ?? null;
      const problem = !f.actor.trim()
        ? '请填写报告人（或跟进的人）'
        : kind === 'report' && !agency
          ? '请选择向哪个部门报告'
          : agency === 'other' && !f.agencyName.trim()
            ? '请填写部门名称'
            : kind === 'follow_up' && !f.note.trim()
              ? '请填写跟进的情况'
              : '';
      if (problem) return this.setData({ formError: problem });
      if (this.data.busy) return;
      this.setData({ busy: true, formError: '', message: '' });
      try {
        const step = {
          kind,
          actor: f.actor.trim(),
          agency,
          agencyName: orNull(f.agencyName),
          date: f.date,
          time: f.time,
          caseNumber: orNull(f.caseNumber),
          note: orNull(f.note),
        };
        this.show(await call('mandatoryReport.addStep', { alertId: own(this).alertId, step }));
        this.setData({ form: blank(), message: '已记录' });
      } catch (err) {
        this.setData({ formError: refusal(err, () => 'form').form || '请按提示修改后再保存' });
      } finally {
        this.setData({ busy: false });
      }
    },
  },
});
