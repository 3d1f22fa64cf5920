/**
 * <privacy-gate>: WeChat's privacy authorization dialog for pages that show child data. It stays hidden unless a
 * page's `await privacyReady()` finds that the user has not agreed to the privacy guide; then it shows a TDesign
 * dialog whose 同意 button is `<button open-type="agreePrivacyAuthorization">` (the only way WeChat records the
 * agreement), and agreeing lets the page load. 不同意 leaves a notice with a way back to the dialog.
 *
 *   "usingComponents": { "privacy-gate": "/components/privacy-gate/index" }
 *   <privacy-gate bind:agree="..." />   (the event is optional: privacyReady() already resolves)
 */
import { DEFAULT_CONTRACT_NAME, onPrivacyPrompt, openPrivacyContract, privacyAgreed } from '../../services/privacy';
import { instanceState } from '../../services/instance';

/** How to stop listening. */
const own = instanceState(() => ({ stopListening: null as (() => void) | null }));

Component({
  options: { multipleSlots: true },

  data: {
    visible: false,
    declined: false,
    contractName: DEFAULT_CONTRACT_NAME,
  },

  lifetimes: {
    attached() {
      const off = onPrivacyPrompt((prompt) => {
        if (prompt) this.setData({ visible: true, declined: false, contractName: prompt.contractName });
        else this.setData({ visible: false, declined: false });
      });
      own(this).stopListening = off;
    },
    detached() {
      own(this).stopListening?.();
      own(this).stopListening = null;
    },
  },

  methods: {
    /** bindagreeprivacyauthorization: WeChat has recorded the agreement. */
    onAgree() {
      this.setData({ visible: false, declined: false });
      privacyAgreed();
      this.triggerEvent('agree');
    },

    onDecline() {
      this.setData({ visible: false, declined: true });
      this.triggerEvent('decline');
    },

    onReopen() {
      this.setData({ visible: true, declined: false });
    },

    onOpenContract() {
      openPrivacyContract();
    },
  },
});
