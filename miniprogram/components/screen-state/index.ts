/**
 * <screen-state>: a page's first screen while it is not ready, the same on every page: 正在加载…, the Chinese error
 * with 重试 (emits `retry`), or the forbidden notice. In any other state it draws nothing and the page shows its own.
 *
 *   "usingComponents": { "screen-state": "/components/screen-state/index" }
 *   <screen-state class="screen" state="{{state}}" error-message="{{errorMessage}}" forbidden-text="只有管理员可以…" bind:retry="onRetry" />
 *   <block wx:if="{{state === 'ready'}}">…</block>
 */
import props from './props';

Component({
  properties: props,

  methods: {
    onRetry() {
      this.triggerEvent('retry');
    },
  },
});
