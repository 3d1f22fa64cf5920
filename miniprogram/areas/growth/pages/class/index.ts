/**
 * 成长动态 (teacher): the class's posts, newest first, with the families waiting for an answer; 发动态; the families'
 * contact changes to confirm. First screen: posts.list (?classId=; none: the class teacher's class).
 */
import { call, errorMessage } from '../../../../services/api';
import { instanceState } from '../../../../services/instance';
import { pageUrl } from '../../../../services/routes';
import { loadScreen } from '../../../../services/screen';
import { postRow, type PostRow } from '../../services/posts';

type State = 'loading' | 'error' | 'forbidden' | 'ready';

const own = instanceState(() => ({ classId: '', next: null as string | null }));

Component({
  data: {
    state: 'loading' as State,
    errorMessage: '',
    className: '',
    posts: [] as PostRow[],
    waiting: 0,
    more: false,
    loadingMore: false,
    message: '',
  },

  methods: {
    onLoad(query: { classId?: string }) {
      own(this).classId = query.classId ?? '';
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
          const res = await call('posts.list', own(this).classId ? { classId: own(this).classId } : {});
          if (!screen.current()) return;
          own(this).classId = res.schoolClass.id;
          own(this).next = res.next;
          this.setData({ state: 'ready', className: res.schoolClass.name, posts: res.posts.map((p) => postRow(p)), waiting: res.waiting, more: !!res.next });
        },
        { refresh },
      );
    },

    onRetry() {
      this.load();
    },

    onCompose() {
      wx.navigateTo({ url: pageUrl('growthCompose', { classId: own(this).classId }) });
    },

    onChanges() {
      wx.navigateTo({ url: pageUrl('contactChanges', { classId: own(this).classId }) });
    },

    onOpen(e: WechatMiniprogram.CustomEvent<{ id: string }>) {
      wx.navigateTo({ url: pageUrl('growthPost', { id: e.detail.id }) });
    },

    async onMore() {
      if (!own(this).next || this.data.loadingMore) return;
      this.setData({ loadingMore: true });
      try {
        const res = await call('posts.list', { classId: own(this).classId, before: own(this).next as string });
        own(this).next = res.next;
        this.setData({ loadingMore: false, posts: [...this.data.posts, ...res.posts.map((p) => postRow(p))], more: !!res.next });
      } catch (err) {
        this.setData({ loadingMore: false, message: errorMessage(err) });
      }
    },
  },
});
