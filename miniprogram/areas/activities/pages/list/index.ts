/**
 * 活动与家长会：一个班（?classId=，老师默认本班）或全校（?schoolId=，管理员）某月的活动（主题班队会、六一游园、
 * 励志教育专题片、图书室开放、文体活动、送微笑、留守儿童之家、教师培训专班），每项出席几人；本月安排的家长会、座谈会。
 * 首屏一次 activities.list；点一项去点名，点会议去签到、写纪要。
 */
import type { ActivityList } from '../../../../../typings/actions/activities';
import { call } from '../../../../services/api';
import { instanceState } from '../../../../services/instance';
import { loadScreen } from '../../../../services/screen';
import { pageUrl } from '../../../../services/routes';
import { dayLabel, monthLabel } from '../../../../services/time';
import { placeOf, scopePlace, shiftMonth, type Place } from '../../services/place';

type State = 'loading' | 'error' | 'forbidden' | 'ready';
type TapEvent = WechatMiniprogram.BaseEvent<Record<string, never>, { id: string }>;

const own = instanceState(() => ({ place: {} as Place, month: '' }));

Component({
  data: {
    state: 'loading' as State,
    errorMessage: '',
    title: '',
    monthText: '',
    activities: [] as (ActivityList['activities'][number] & { line: string; count: string })[],
    meetings: [] as (ActivityList['meetings'][number] & { line: string })[],
  },

  methods: {
    onLoad(query: Record<string, string | undefined> = {}) {
      own(this).place = placeOf(query);
      own(this).month = query.month ?? '';
      this.load();
    },

    onShow() {
      if (this.data.state === 'ready') this.load({ refresh: true });
    },

    load(options: { refresh?: boolean } = {}) {
      return loadScreen(
        this,
        async (screen) => {
          const { place, month } = own(this);
          const res = await call('activities.list', { ...place, ...(month ? { month } : {}) });
          if (!screen.current()) return;
          own(this).place = scopePlace(res.scope);
          own(this).month = res.month;
          wx.setNavigationBarTitle?.({ title: `${res.scope.name} · 活动` });
          this.setData({
            state: 'ready',
            title: res.scope.name,
            monthText: monthLabel(res.month),
            activities: res.activities.map((a) => ({
              ...a,
              line: `${a.kindLabel} · ${dayLabel(a.date)} · ${a.place}`,
              count: a.taken ? `出席 ${a.present}/${a.invited}` : `未点名（${a.invited} 人）`,
            })),
            meetings: res.meetings.map((m) => ({ ...m, line: `${dayLabel(m.date)} ${m.time} · ${m.held ? '已召开' : '已安排'}` })),
          });
        },
        options,
      );
    },

    onRetry() {
      this.load();
    },

    onMonth(e: TapEvent) {
      own(this).month = shiftMonth(own(this).month, Number(e.currentTarget.dataset.id));
      this.load({ refresh: true });
    },

    onOpen(e: TapEvent) {
      wx.navigateTo({ url: pageUrl('activity', { id: e.currentTarget.dataset.id }) });
    },

    onOpenMeeting(e: TapEvent) {
      wx.navigateTo({ url: pageUrl('meeting', { id: e.currentTarget.dataset.id }) });
    },

    onNew() {
      wx.navigateTo({ url: pageUrl('activityEdit', own(this).place) });
    },

    onNewMeeting() {
      wx.navigateTo({ url: pageUrl('meeting', own(this).place) });
    },
  },
});
