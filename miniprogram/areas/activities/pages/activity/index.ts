/**
 * 一项活动与点名：活动的类别、日期、地点、组织者，每个被邀请的孩子（培训专班是老师）点一下出席 / 缺席 / 请假，
 * 「全部出席」一键，「保存点名」一次保存（activities.attend）；活动当天起才能点名。首屏一次 activities.get。
 * 点名后给出席的孩子登记发放的物资（书包、文具…，activities.handOut：记入每个孩子的帮扶台账，可点开台账）。
 * 活动照片请用「成长动态」发给家长（照片授权在那里把关），发到活动所在的班级。
 */
import type { ActivityView, AttendanceStatus } from '../../../../../typings/actions/activities';
import type { AidSource } from '../../../../../typings/domain';
import { call, errorMessage } from '../../../../services/api';
import { instanceState } from '../../../../services/instance';
import { privacyReady } from '../../../../services/privacy';
import { loadScreen } from '../../../../services/screen';
import { pageUrl } from '../../../../services/routes';
import { dayLabel } from '../../../../services/time';

type State = 'loading' | 'error' | 'forbidden' | 'ready';
type Row = { id: string; name: string; note: string; status: string; extra: string };
type HandOut = { item: string; quantity: number; source: AidSource; childIds: string[] };

const own = instanceState(() => ({ id: '', marks: {} as Record<string, AttendanceStatus> }));

const rowsOf = (a: ActivityView, marks: Record<string, AttendanceStatus>): Row[] =>
  a.people.map((p) => ({
    id: p.personId,
    name: p.name,
    note: p.note,
    status: marks[p.personId] ?? p.status ?? '',
    extra: p.materials ? `领到：${p.materials}` : '',
  }));

Component({
  data: {
    state: 'loading' as State,
    errorMessage: '',
    activity: null as ActivityView | null,
    line: '',
    summary: '',
    people: [] as Row[],
    changed: 0,
    present: [] as { id: string; name: string; note: string }[],
    handDone: null as { text: string; children: { id: string; name: string }[] } | null,
    handError: '',
    busy: false,
    message: '',
    formError: '',
  },

  methods: {
    onLoad(query: Record<string, string | undefined> = {}) {
      own(this).id = query.id ?? '';
      this.load();
    },

    load(options: { refresh?: boolean } = {}) {
      return loadScreen(
        this,
        async (screen) => {
          await privacyReady();
          const res = await call('activities.get', { activityId: own(this).id });
          if (screen.current()) this.show(res);
        },
        options,
      );
    },

    show(a: ActivityView) {
      own(this).marks = {};
      wx.setNavigationBarTitle?.({ title: a.title });
      this.setData({
        state: 'ready',
        activity: a,
        line: `${a.kindLabel} · ${dayLabel(a.date)} · ${a.place} · ${a.organiser}`,
        summary: a.taken
          ? `出席 ${a.present} 人，共邀请 ${a.invited} 人`
          : a.canTake
            ? `共邀请 ${a.invited} 人，还没有点名`
            : `共邀请 ${a.invited} 人，活动当天再点名`,
        people: rowsOf(a, {}),
        changed: 0,
        // materials are handed to the children marked present (as saved)
        present: a.people
          .filter((p) => p.kind === 'child' && p.status === 'present')
          .map((p) => ({ id: p.personId, name: p.name, note: p.materials ? `已领${p.materials}` : '' })),
      });
    },

    onRetry() {
      this.load();
    },

    onMark(e: WechatMiniprogram.CustomEvent<{ id: string; status: AttendanceStatus }>) {
      const marks = { ...own(this).marks, [e.detail.id]: e.detail.status };
      own(this).marks = marks;
      this.setData({ people: rowsOf(this.data.activity!, marks), changed: Object.keys(marks).length, message: '', formError: '' });
    },

    onAllPresent() {
      const marks = Object.fromEntries(this.data.activity!.people.map((p) => [p.personId, 'present' as AttendanceStatus]));
      own(this).marks = marks;
      this.setData({ people: rowsOf(this.data.activity!, marks), changed: Object.keys(marks).length, message: '', formError: '' });
    },

    async onSave() {
      const marks = Object.entries(own(this).marks).map(([personId, status]) => ({ personId, status }));
      if (!marks.length) return this.setData({ formError: '请先为孩子点名：点出席、缺席或请假' });
      if (this.data.busy) return;
      this.setData({ busy: true, formError: '' });
      try {
        const saved = await call('activities.attend', { activityId: own(this).id, marks });
        this.show(saved);
        this.setData({ message: `点名已保存：出席 ${saved.present} 人` });
      } catch (err) {
        this.setData({ formError: errorMessage(err) });
      } finally {
        this.setData({ busy: false });
      }
    },

    async onHandOut(e: WechatMiniprogram.CustomEvent<HandOut>) {
      if (this.data.busy) return;
      this.setData({ busy: true, handError: '', handDone: null });
      try {
        const res = await call('activities.handOut', { activityId: own(this).id, ...e.detail });
        const names = new Map(this.data.present.map((c) => [c.id, c.name]));
        const again = res.existing ? `（${res.existing} 个孩子之前已登记过，没有重复记入）` : '';
        this.show(await call('activities.get', { activityId: own(this).id }));
        this.setData({
          handDone: {
            text: `已登记 ${res.recorded} 个孩子领到${e.detail.item}，记入帮扶台账${again}`,
            children: e.detail.childIds.map((id) => ({ id, name: names.get(id) ?? '' })),
          },
        });
      } catch (err) {
        this.setData({ handError: errorMessage(err) });
      } finally {
        this.setData({ busy: false });
      }
    },

    onLedger(e: WechatMiniprogram.CustomEvent<{ childId: string }>) {
      wx.navigateTo({ url: pageUrl('ledger', { childId: e.detail.childId }) });
    },

    onPhotos() {
      // the composer opens on the activity's class (a school-wide activity: the teacher's own class)
      wx.navigateTo({ url: pageUrl('growthCompose', { classId: this.data.activity!.classId }) });
    },
  },
});
