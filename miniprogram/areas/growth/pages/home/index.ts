/**
 * 孩子动态 (parent, guardian): one child's home in one call (parent.home): what to do first, the latest posts with
 * their photos, the next family call, study progress the teacher shares, the care network, the family's contact
 * details, the month's talk summary, the birthday cards (tap: the child's wall) and the next birthday, each with words
 * that say what will appear while empty. Several children: a switch at the top. ?childId= opens that child.
 */
import type { ParentHome } from '../../../../../typings/actions/growth';
import { call, errorMessage } from '../../../../services/api';
import { instanceState } from '../../../../services/instance';
import { privacyReady } from '../../../../services/privacy';
import { linkUrl, pageUrl } from '../../../../services/routes';
import { loadScreen } from '../../../../services/screen';
import { beijingDateTime, dayLabel } from '../../../../services/time';
import { postRow, type PostRow } from '../../services/posts';

type State = 'loading' | 'error' | 'forbidden' | 'ready';
type Tap<T extends WechatMiniprogram.IAnyObject> = WechatMiniprogram.CustomEvent<T, Record<string, never>, T>;

const own = instanceState(() => ({ childId: '', before: '' }));

function birthdayText(b: NonNullable<ParentHome['birthday']>): string {
  const lunar = b.lunar ? '（过农历生日）' : '';
  return b.daysLeft === 0 ? `今天是孩子的生日${lunar}` : `下次生日：${dayLabel(b.date)}${lunar}，还有 ${b.daysLeft} 天`;
}

function view(home: ParentHome) {
  return {
    child: home.child,
    children: home.children.map((c) => ({ ...c, active: c.childId === home.child.id })),
    todo: home.todo,
    posts: home.posts.map((p) => postRow(p)),
    morePosts: home.morePosts,
    nextCall: home.nextCall ? { id: home.nextCall.id, when: home.nextCall.when, status: home.nextCall.statusLabel } : null,
    study: home.study.map((e) => ({ ...e, day: dayLabel(e.date), line: e.scores.map((s) => `${s.subject} ${s.score}`).join('　') })),
    mentor: home.care.mentor,
    buddies: home.care.buddies.join('、'),
    talkSummary: home.talkSummary,
    wishes: home.wishes,
    birthday: home.birthday ? { text: birthdayText(home.birthday) } : null,
    contact: home.contact && {
      entries: home.contact.entries.map((e) => ({
        label: e.label,
        lines: [e.phone, e.workCity, e.workUnit, e.workAddress ?? e.address].filter(Boolean).join(' · '),
      })),
      confirmed: home.contact.confirmedAt ? beijingDateTime(home.contact.confirmedAt) : '',
      pending: home.contact.pending.length,
    },
  };
}

Component({
  data: {
    state: 'loading' as State,
    errorMessage: '',
    message: '',
    child: null as ParentHome['child'] | null,
    children: [] as { childId: string; name: string; active: boolean }[],
    todo: [] as ParentHome['todo'],
    posts: [] as PostRow[],
    morePosts: false,
    loadingMore: false,
    nextCall: null as null | { id: string; when: string; status: string },
    study: [] as unknown[],
    mentor: null as string | null,
    buddies: '',
    talkSummary: null as ParentHome['talkSummary'],
    wishes: { count: 0, latest: [] } as ParentHome['wishes'],
    birthday: null as null | { text: string },
    contact: null as null | { entries: { label: string; lines: string }[]; confirmed: string; pending: number },
    exporting: false,
  },

  methods: {
    onLoad(query: { childId?: string }) {
      own(this).childId = query.childId ?? '';
      this.load();
    },

    onShow() {
      if (this.data.state === 'ready') this.load(true);
    },

    onPullDownRefresh() {
      this.load(true).then(() => wx.stopPullDownRefresh());
    },

    load(refresh = false) {
      return loadScreen(
        this,
        async (screen) => {
          await privacyReady();
          const home = await call('parent.home', own(this).childId ? { childId: own(this).childId } : {});
          if (!screen.current()) return;
          own(this).childId = home.child.id;
          own(this).before = home.posts.length ? home.posts[home.posts.length - 1].at : '';
          this.setData({ state: 'ready', message: '', ...view(home) });
        },
        { refresh },
      );
    },

    onRetry() {
      this.load();
    },

    onSwitch(e: Tap<{ id: string }>) {
      const id = e.currentTarget.dataset.id;
      if (id === own(this).childId) return;
      own(this).childId = id;
      this.load();
    },

    onTodo(e: Tap<{ page: string }>) {
      wx.navigateTo({ url: linkUrl(e.currentTarget.dataset.page) });
    },

    onOpenPost(e: WechatMiniprogram.CustomEvent<{ id: string }>) {
      wx.navigateTo({ url: pageUrl('growthPost', { id: e.detail.id, childId: own(this).childId }) });
    },

    async onLike(e: WechatMiniprogram.CustomEvent<{ id: string; liked: boolean }>) {
      const { id, liked } = e.detail;
      const index = this.data.posts.findIndex((p) => p.id === id);
      if (index < 0) return;
      try {
        const res = await call('posts.like', { postId: id, childId: own(this).childId, liked });
        this.setData({ [`posts[${index}]`]: { ...this.data.posts[index], liked: res.liked, likes: res.likes } });
      } catch (err) {
        this.setData({ message: errorMessage(err) });
      }
    },

    async onMore() {
      if (this.data.loadingMore || !own(this).before) return;
      this.setData({ loadingMore: true });
      try {
        const res = await call('posts.feed', { childId: own(this).childId, before: own(this).before });
        own(this).before = res.posts.length ? res.posts[res.posts.length - 1].at : '';
        this.setData({ posts: [...this.data.posts, ...res.posts.map((p) => postRow(p))], morePosts: !!res.next, loadingMore: false });
      } catch (err) {
        this.setData({ loadingMore: false, message: errorMessage(err) });
      }
    },

    onNextCall() {
      const next = this.data.nextCall;
      wx.navigateTo({ url: next ? pageUrl('nextCall', { id: next.id }) : pageUrl('nextCall') });
    },

    onWishes() {
      wx.navigateTo({ url: pageUrl('wall', { childId: own(this).childId }) });
    },

    onContact() {
      wx.navigateTo({ url: pageUrl('growthContact', { childId: own(this).childId }) });
    },

    onChildFile() {
      wx.navigateTo({ url: pageUrl('child', { childId: own(this).childId }) });
    },

    async onExport() {
      this.setData({ exporting: true });
      try {
        const file = await call('parent.export', { childId: own(this).childId });
        const filePath = `${wx.env.USER_DATA_PATH}/${file.fileName}`;
        wx.getFileSystemManager().writeFileSync(filePath, file.data, 'base64');
        wx.openDocument({ filePath, fileType: 'xlsx', showMenu: true });
        this.setData({ exporting: false, message: `已保存 ${file.rows} 条动态和留言，可以转发给家人` });
      } catch (err) {
        this.setData({ exporting: false, message: errorMessage(err) });
      }
    },
  },
});
