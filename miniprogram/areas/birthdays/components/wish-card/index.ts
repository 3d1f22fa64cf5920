/**
 * <wish-card>: one birthday card as it is read, on its design (colour and picture from CARD_DESIGNS), the words and
 * who signed it; an optional note below (its state, the birthday it is for). Used on the wall, in the composer's
 * preview, in the sender's list and in the teacher's queue.
 */
import { CARD_DESIGNS } from '../../../../generated/wish-labels';
import type { CardDesign } from '../../../../../typings/actions/birthdays';
import props from './props';

Component({
  properties: props,

  data: { icon: 'cake', designLabel: '' },

  observers: {
    design(design: string) {
      const d = CARD_DESIGNS[design as CardDesign] ?? CARD_DESIGNS.cake;
      this.setData({ icon: d.icon, designLabel: d.label });
    },
  },
});
