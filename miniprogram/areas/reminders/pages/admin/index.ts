/**
 * 提醒模板与发送记录（管理员）：
 *   - 发送记录（reminders.outbox）：本校提醒的微信订阅消息发到哪一步了（待发送、已发送、失败及微信错误码、
 *     未发送只进消息中心……），可按状态筛选。这是首屏（一次调用）。
 *   - 提醒设置（<reminder-settings>）：第一次打开这一页签时读取当前设置（reminders.settings），每次只保存改动的一项。
 * 从首页进入时 url 带 ?schoolId=；不带时先用 whoami 找到管理员身份的学校。
 */
import type { OutboxView } from '../../../../../typings/actions/reminders';
import { call, errorMessage } from '../../../../services/api';
import { maskOpenid } from '../../../../services/format';
import { privacyReady } from '../../../../services/privacy';
import { TEMPLATE_TITLE } from '../../services/templates';
import { roleLabel } from '../../../../services/roles';
import { loadAdminScreen } from '../../../../services/screen';
import { beijingDateTime } from '../../../../services/time';

type State = 'loading' | 'error' | 'forbidden' | 'ready';
type OutboxStatus = OutboxView['status'];

const STATUS: Record<OutboxStatus, { label: string; theme: string }> = {
  pending: { label: '待发送', theme: 'primary' },
  sending: { label: '发送中', theme: 'primary' },
  sent: { label: '已发送', theme: 'success' },
  failed: { label: '发送失败', theme: 'danger' },
  skipped: { label: '未发微信', theme: 'default' },
  cancelled: { label: '已撤回', theme: 'default' },
};

const FILTERS: { value: '' | OutboxStatus; label: string }[] = [
  { value: '', label: '全部' },
  { value: 'pending', label: '待发送' },
  { value: 'sent', label: '已发送' },
  { value: 'failed', label: '发送失败' },
  { value: 'skipped', label: '未发微信' },
  { value: 'cancelled', label: '已撤回' },
];

/** What WeChat's errcodes mean, for the person reading the log. */
const ERRCODES: Record<string, string> = {
  '43101': '用户拒收或订阅次数已用完',
  '40037': '模板 ID 不正确',
  '47003': '模板参数不正确，请检查字段对应',
  '47001': '数据格式不正确',
  '40003': '用户 OPENID 不正确',
  '41030': '跳转页面不存在或小程序未发布',
  '43107': '用户未订阅该模板',
  '45009': '调用太频繁，稍后重试',
  '-1': '微信系统繁忙，稍后重试',
};

const SKIP_REASONS: Record<string, string> = {
  no_subscription: '对方没有订阅，只进了消息中心',
  no_template: '没有设置模板，只进了消息中心',
};

const LOG_LIMIT = 50;

interface LogRow {
  id: string;
  title: string;
  to: string;
  due: string;
  statusLabel: string;
  statusTheme: string;
  status: OutboxStatus;
  /** 微信错误码 40037：模板 ID 不正确 / 对方没有订阅… / 发送于 … */
  detail: string;
  errcode: string;
}

function logRows(entries: OutboxView[]): LogRow[] {
  return entries.map((e) => {
    const errcode = e.lastErrcode !== null && e.lastErrcode !== 0 ? String(e.lastErrcode) : '';
    let detail = '';
    if (errcode) detail = `微信错误码 ${errcode}${ERRCODES[errcode] ? `：${ERRCODES[errcode]}` : ''}${e.status === 'pending' ? '，将自动重试' : ''}`;
    else if (e.status === 'skipped') detail = SKIP_REASONS[e.skipReason ?? ''] ?? '只进了消息中心';
    else if (e.status === 'sent' && e.sentAt) detail = `发送于 ${beijingDateTime(e.sentAt)}`;
    return {
      id: e.id,
      title: e.title,
      to: `${roleLabel(e.role)} ${maskOpenid(e.to)} · ${TEMPLATE_TITLE[e.template] ?? ''}`,
      due: `计划 ${beijingDateTime(e.dueAt)}${e.attempts > 1 ? ` · 已尝试 ${e.attempts} 次` : ''}`,
      statusLabel: STATUS[e.status]?.label ?? '',
      statusTheme: STATUS[e.status]?.theme ?? 'default',
      status: e.status,
      detail,
      errcode,
    };
  });
}

type ValueEvent = WechatMiniprogram.BaseEvent<WechatMiniprogram.IAnyObject, { value?: string }>;

Component({
  data: {
    state: 'loading' as State,
    errorMessage: '',
    schoolId: '',
    tab: 'log' as 'log' | 'settings',
    filters: FILTERS,
    status: '' as '' | OutboxStatus,
    log: [] as LogRow[],
    logLoading: false,
    logError: '',
    logLimit: LOG_LIMIT,
    /** the settings tab, once opened, stays (hidden when the log shows) */
    settingsOpened: false,
  },

  methods: {
    onLoad(query: Record<string, string | undefined> = {}) {
      this.setData({ schoolId: query.schoolId ?? '' });
      this.load();
    },

    onPullDownRefresh() {
      this.loadLog().then(() => wx.stopPullDownRefresh());
    },

    /** The delivery log can name children: nothing is asked before the privacy authorization. */
    load() {
      return loadAdminScreen(this, async (_schoolId, screen) => {
        await privacyReady();
        const res = await call('reminders.outbox', this.outboxInput());
        if (screen.current()) this.setData({ state: 'ready', log: logRows(res.entries) });
      });
    },

    outboxInput() {
      return { schoolId: this.data.schoolId, limit: LOG_LIMIT, ...(this.data.status ? { status: this.data.status } : {}) };
    },

    /** The log again (a filter picked, pulled down): the page stays, a failure is said above the list. */
    async loadLog() {
      this.setData({ logLoading: true, logError: '' });
      try {
        const res = await call('reminders.outbox', this.outboxInput());
        this.setData({ log: logRows(res.entries) });
      } catch (err) {
        this.setData({ logError: errorMessage(err) });
      } finally {
        this.setData({ logLoading: false });
      }
    },

    onRetry() {
      this.load();
    },

    onTab(e: WechatMiniprogram.BaseEvent<WechatMiniprogram.IAnyObject, { tab?: string }>) {
      const tab = e.currentTarget.dataset.tab === 'settings' ? 'settings' : 'log';
      this.setData({ tab, settingsOpened: this.data.settingsOpened || tab === 'settings' });
    },

    onFilter(e: ValueEvent) {
      const value = (e.currentTarget.dataset.value ?? '') as '' | OutboxStatus;
      if (value === this.data.status) return;
      this.setData({ status: value });
      this.loadLog();
    },
  },
});
