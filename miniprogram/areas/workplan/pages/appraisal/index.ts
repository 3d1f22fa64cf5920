/**
 * 工作考评：本学期每位老师负责的工作完成了多少（已完成/应完成）：所负责班级的建档、结对、亲情视频、家长会按统计
 * 看板的算法，谈心按本学期每月应谈的人次。完成率低的在前。首屏一次 workPlan.appraisal；只有管理员能看，只有计数。
 */
import type { AppraisalCell, AppraisalView } from '../../../../../typings/actions/workPlan';
import { call } from '../../../../services/api';
import { instanceState } from '../../../../services/instance';
import { loadScreen } from '../../../../services/screen';
import { beijingLabel, dayLabel } from '../../../../services/time';

type State = 'loading' | 'error' | 'forbidden' | 'ready';

interface Row {
  openid: string;
  name: string;
  role: string;
  totalText: string;
  percent: number;
  behind: boolean;
  cells: { key: string; label: string; text: string; behind: boolean }[];
}

const own = instanceState(() => ({ query: {} as Record<string, string | undefined> }));

const cellText = (c: AppraisalCell) => `${c.done}/${c.due}`;

function rowsOf(view: AppraisalView): Row[] {
  return view.rows.map((r) => ({
    openid: r.openid,
    name: r.name,
    role: r.role,
    totalText: r.total.rate === null ? '—' : `${r.total.rate}%（${cellText(r.total)}）`,
    percent: r.total.rate ?? 0,
    behind: (r.total.rate ?? 100) < 100,
    cells: view.duties.flatMap((d) => {
      const c = r.cells[d.key];
      return c ? [{ key: d.key, label: d.label, text: cellText(c), behind: c.done < c.due }] : [];
    }),
  }));
}

Component({
  data: {
    state: 'loading' as State,
    errorMessage: '',
    title: '',
    subtitle: '',
    rows: [] as Row[],
    bases: [] as string[],
  },

  methods: {
    onLoad(query: Record<string, string | undefined> = {}) {
      own(this).query = query;
      this.load();
    },

    load() {
      const query = own(this).query;
      return loadScreen(this, async (screen) => {
        const view = await call('workPlan.appraisal', { ...(query.schoolId ? { schoolId: query.schoolId } : {}), ...(query.term ? { term: query.term } : {}) });
        if (!screen.current()) return;
        this.setData({
          state: 'ready',
          title: `${view.term.name}工作考评`,
          subtitle: `统计到${dayLabel(view.asOf, { year: 'auto' })}${view.countedAt ? `（${beijingLabel(view.countedAt)}统计）` : ''} · ${view.rows.length} 位老师`,
          rows: rowsOf(view),
          bases: view.duties.map((d) => `${d.label}：${d.basis}`),
        });
      });
    },

    onRetry() {
      this.load();
    },
  },
});
