import { defineHandler } from '../handler';
import { noInput } from '../../../core/validate';
import { PRIVACY_NOTICE } from '../../../core/consent';

/** The privacy notice families read before agreeing. */
export default defineHandler('privacy.notice', {
  input: noInput(),
  access: { anyone: true },
  async run() {
    return PRIVACY_NOTICE;
  },
});
