/**
 * 家长会 / 座谈会。?id=：一次会议——邀请的家庭，会议当天起逐个签到（出席 / 缺席 / 请假，一次保存 meetings.signIn：
 * 出席的家庭计入家长家教知识普及率），会后写纪要和决定事项（meetings.minutes）。无 id（?classId= / ?schoolId=）：
 * 安排一次会议并通过消息中心邀请家长（meetings.schedule）。?id=&childId=（家长从邀请打开）：这次会议的时间、地点、
 * 议题和自己家的签到，会议当天点「签到」（meetings.checkIn），看不到别的家庭。首屏一次调用：meetings.get、
 * meetings.family 或 activities.invitable。
 */
import type { AttendanceStatus, FamilyMeetingView, Invitable, MeetingView } from '../../../../../typings/actions/activities';
import { call, errorMessage } from '../../../../services/api';
import { instanceState } from '../../../../services/instance';
import { privacyReady } from '../../../../services/privacy';
import { loadScreen } from '../../../../services/screen';
import { pageUrl } from '../../../../services/routes';
import { beijingToday, dayLabel } from '../../../../services/time';
import { placeOf, scopePlace, type Place } from '../../services/place';

type State = 'loading' | 'error' | 'forbidden' | 'ready';
type Row = { id: string; name: string; note: string; status: string; extra: string };

const own = instanceState(() => ({ id: '', childId: '', place: {} as Place, marks: {} as Record<string, AttendanceStatus> }));

const rowsOf = (m: MeetingView, marks: Record<string, AttendanceStatus>): Row[] =>
  m.families.map((f) => ({
    id: f.childId,
    name: f.childName,
    note: f.family,
    status: marks[f.childId] ?? (f.status === 'invited' ? '' : f.status),
    extra: f.signedNote,
  }));

Component({
  data: {
    state: 'loading' as State,
    errorMessage: '',
    mode: 'view' as 'view' | 'schedule' | 'family',
    meeting: null as MeetingView | null,
    family: null as FamilyMeetingView | null,
    when: '',
    line: '',
    summary: '',
    families: [] as Row[],
    minutes: '',
    decisions: '',
    reason: '',
    children: [] as Invitable['children'],
    scopeName: '',
    today: '',
    busy: false,
    message: '',
    formError: '',
  },

  methods: {
    onLoad(query: Record<string, string | undefined> = {}) {
      own(this).id = query.id ?? '';
      own(this).childId = query.childId ?? '';
      own(this).place = placeOf(query);
      this.load();
    },

    load() {
      return loadScreen(this, async (screen) => {
        await privacyReady();
        if (!own(this).id) {
          const res = await call('activities.invitable', own(this).place);
          if (!screen.current()) return;
          own(this).place = scopePlace(res.scope);
          wx.setNavigationBarTitle?.({ title: '安排家长会' });
          return this.setData({ state: 'ready', mode: 'schedule', children: res.children, scopeName: res.scope.name, today: beijingToday() });
        }
        if (own(this).childId) {
          const family = await call('meetings.family', { meetingId: own(this).id, childId: own(this).childId });
          if (screen.current()) this.showFamily(family);
          return;
        }
        const res = await call('meetings.get', { meetingId: own(this).id });
        if (screen.current()) this.show(res);
      });
    },

    show(m: MeetingView) {
      own(this).marks = {};
      wx.setNavigationBarTitle?.({ title: m.kindLabel });
      this.setData({
        state: 'ready',
        mode: 'view',
        meeting: m,
        line: `${dayLabel(m.date)} ${m.time} · ${m.place}`,
        summary: `邀请 ${m.invited} 个家庭（${m.notified} 个在小程序里收到邀请），出席 ${m.present} 个`,
        families: rowsOf(m, {}),
        minutes: m.minutes,
        decisions: m.decisions.join('\n'),
      });
    },

    showFamily(f: FamilyMeetingView) {
      wx.setNavigationBarTitle?.({ title: f.kindLabel });
      this.setData({ state: 'ready', mode: 'family', family: f, when: `${dayLabel(f.date)} ${f.time}` });
    },

    async onCheckIn() {
      if (this.data.busy) return;
      this.setData({ busy: true, formError: '' });
      try {
        this.showFamily(await call('meetings.checkIn', { meetingId: own(this).id, childId: own(this).childId }));
      } catch (err) {
        this.setData({ formError: errorMessage(err) });
      } finally {
        this.setData({ busy: false });
      }
    },

    onRetry() {
      this.load();
    },

    async onSchedule(
      e: WechatMiniprogram.CustomEvent<{
        kind: 'parent_meeting' | 'symposium';
        topic: string;
        date: string;
        time: string;
        place: string;
        agenda: string[];
        childIds: string[];
      }>,
    ) {
      if (this.data.busy) return;
      this.setData({ busy: true, formError: '' });
      try {
        const made = await call('meetings.schedule', { ...own(this).place, ...e.detail });
        wx.redirectTo({ url: pageUrl('meeting', { id: made.id }) });
      } catch (err) {
        this.setData({ formError: errorMessage(err) });
      } finally {
        this.setData({ busy: false });
      }
    },

    onMark(e: WechatMiniprogram.CustomEvent<{ id: string; status: AttendanceStatus }>) {
      own(this).marks = { ...own(this).marks, [e.detail.id]: e.detail.status };
      this.setData({ families: rowsOf(this.data.meeting!, own(this).marks), message: '', formError: '' });
    },

    async onSignIn() {
      const marks = Object.entries(own(this).marks).map(([childId, status]) => ({ childId, status }));
      if (!marks.length) return this.setData({ formError: '请先为家庭签到：点出席、缺席或请假' });
      await this.save(() => call('meetings.signIn', { meetingId: own(this).id, marks }), '签到已保存');
    },

    onText(e: WechatMiniprogram.CustomEvent<{ value: string }, Record<string, never>, { field: string }>) {
      this.setData({ [e.currentTarget.dataset.field]: e.detail.value, formError: '', message: '' });
    },

    async onCancel() {
      if (!this.data.reason.trim()) return this.setData({ formError: '请填写取消的原因（会告诉受邀的家长）' });
      await this.save(() => call('meetings.cancel', { meetingId: own(this).id, reason: this.data.reason.trim() }), '会议已取消，已通知受邀的家长');
    },

    async onMinutes() {
      if (!this.data.minutes.trim()) return this.setData({ formError: '请填写会议纪要' });
      const decisions = this.data.decisions
        .split('\n')
        .map((d) => d.trim())
        .filter(Boolean);
      await this.save(() => call('meetings.minutes', { meetingId: own(this).id, minutes: this.data.minutes.trim(), decisions }), '纪要已保存');
    },

    async save(run: () => Promise<MeetingView>, done: string) {
      if (this.data.busy) return;
      this.setData({ busy: true, formError: '' });
      try {
        this.show(await run());
        this.setData({ message: done });
      } catch (err) {
        this.setData({ formError: errorMessage(err) });
      } finally {
        this.setData({ busy: false });
      }
    },
  },
});
