/**
 * 绑定身份：输入邀请码（或扫小程序码带入：scene=i=CODE；或链接带入：code=CODE），兑换为一个身份。
 * 首屏一次 setup.status 调用：学校还没有管理员时，另给出初始化表单（初始化码 + 学校名称 → setup.claimAdmin）。
 * 错误照服务端的中文提示显示：邀请码不正确（还可尝试 N 次）、输错过多已锁定、已过期、已被使用、已撤销。
 * 成功后显示身份和范围，把新身份设为当前身份，并回到首页。
 */
import type { Role } from '../../../typings/roles';
import { call, errorMessage } from '../../services/api';
import { instanceState } from '../../services/instance';
import { loadScreen } from '../../services/screen';
import { codeFromScene, formatCodeInput } from '../../services/format';
import { roleLabel } from '../../services/roles';
import { setActiveBindingId } from '../../services/session';
import { PAGES } from '../../services/routes';

type State = 'loading' | 'error' | 'form' | 'done';

/** How long the success screen stays before going home. */
const GO_HOME_AFTER_MS = 1500;

/** The pending trip home (cleared when the page goes away). */
const own = instanceState(() => ({ homeTimer: null as ReturnType<typeof setTimeout> | null }));

type InputEvent = WechatMiniprogram.CustomEvent<{ value: string }>;

Component({
  data: {
    state: 'loading' as State,
    errorMessage: '',
    initialized: true,
    code: '',
    codeError: '',
    submitting: false,
    bootCode: '',
    schoolName: '',
    bootError: '',
    bootSubmitting: false,
    result: null as { role: Role; roleLabel: string; label: string } | null,
  },

  lifetimes: {
    detached() {
      const { homeTimer } = own(this);
      if (homeTimer) clearTimeout(homeTimer);
    },
  },

  methods: {
    onLoad(query: Record<string, string | undefined> = {}) {
      const code = codeFromScene(query.scene) || query.code || '';
      if (code) this.setData({ code: formatCodeInput(code) });
      this.load();
    },

    load() {
      return loadScreen(this, async () => {
        const status = await call('setup.status', {});
        this.setData({ state: 'form', initialized: status.initialized });
      });
    },

    onRetry() {
      this.load();
    },

    onCodeInput(e: InputEvent) {
      this.setData({ code: formatCodeInput(e.detail.value), codeError: '' });
    },

    async onRedeem() {
      if (this.data.submitting) return;
      const code = this.data.code.replace(/-/g, '');
      if (!code) {
        this.setData({ codeError: '请输入邀请码' });
        return;
      }
      if (code.length !== 8) {
        this.setData({ codeError: '邀请码是 8 位字母或数字，请检查后再输入' });
        return;
      }
      this.setData({ submitting: true, codeError: '' });
      try {
        const res = await call('invites.redeem', { code: this.data.code });
        setActiveBindingId(res.bindingId);
        this.succeed(res.role, res.label);
      } catch (err) {
        this.setData({ codeError: errorMessage(err) });
      } finally {
        this.setData({ submitting: false });
      }
    },

    onBootCodeInput(e: InputEvent) {
      this.setData({ bootCode: String(e.detail.value ?? ''), bootError: '' });
    },

    onSchoolNameInput(e: InputEvent) {
      this.setData({ schoolName: String(e.detail.value ?? ''), bootError: '' });
    },

    async onClaim() {
      if (this.data.bootSubmitting) return;
      const code = this.data.bootCode.trim();
      const schoolName = this.data.schoolName.trim();
      if (!code || !schoolName) {
        this.setData({ bootError: !code ? '请输入初始化码' : '请输入学校名称' });
        return;
      }
      this.setData({ bootSubmitting: true, bootError: '' });
      try {
        await call('setup.claimAdmin', { code, schoolName });
        setActiveBindingId(null);
        this.succeed('admin', schoolName);
      } catch (err) {
        this.setData({ bootError: errorMessage(err) });
      } finally {
        this.setData({ bootSubmitting: false });
      }
    },

    succeed(role: Role, label: string) {
      this.setData({ state: 'done', result: { role, roleLabel: roleLabel(role), label } });
      own(this).homeTimer = setTimeout(() => this.onGoHome(), GO_HOME_AFTER_MS);
    },

    onGoHome() {
      const record = own(this);
      if (record.homeTimer) clearTimeout(record.homeTimer);
      record.homeTimer = null;
      wx.reLaunch({ url: PAGES.home });
    },
  },
});
