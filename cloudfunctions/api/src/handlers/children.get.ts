import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { archiveView, cardView } from '../../../core/privacy/views';
import { audit, actorOf } from '../../../core/audit';
import { consentView, latestConsent } from '../../../core/consent';
import { docOf } from '../../../core/archive/store';
import { careView } from '../../../core/archive/care';
import { historyView, loadHistory } from '../../../core/archive/history';
import { completeness } from '../../../core/archive/completeness';
import { alertView } from '../../../core/archive/alerts';
import type { AlertRecord, ArchiveChange, ContactCard, Pairing } from '../../../../typings/domain';
import type { ChildDetail, ContactCardView } from '../../../../typings/actions/archive';

const HISTORY_ON_FIRST_SCREEN = 20;

/**
 * The child detail screen in one call: the archive, the contact card, the care network, consent, and for staff
 * the latest history, completeness and open alerts, each as the caller's role may see it. Every read is audited
 * with the fields returned. Independent reads go out together; at most 7 database requests besides the router's.
 */
export default defineHandler('children.get', {
  input: z.object({ childId: id('儿童ID') }).strict(),
  access: { roles: ['admin', 'teacher', 'community', 'parent', 'guardian'], scope: { child: 'childId' } },
  async run(ctx, input): Promise<ChildDetail> {
    const grant = ctx.grant;
    const role = grant.role;
    const child = grant.record;
    const staff = role === 'admin' || role === 'teacher' || role === 'community';
    const db = ctx.db;
    const [cardRes, pairingRes, consent, history, alertRes] = await Promise.all([
      db.collection('contactCards').doc(input.childId).get(),
      db.collection('pairings').where({ childId: input.childId }).orderBy('createdAt', 'desc').limit(100).get(),
      latestConsent(db, input.childId),
      staff ? loadHistory(db, input.childId, HISTORY_ON_FIRST_SCREEN) : Promise.resolve([] as ArchiveChange[]),
      staff ? db.collection('alerts').where({ childId: input.childId, resolvedAt: null }).limit(20).get() : Promise.resolve({ data: [] }),
    ]);
    const card = docOf<ContactCard>(cardRes) ?? null;
    const pairings = pairingRes.data as Pairing[];
    const buddyIds = [...new Set(pairings.map((p) => p.buddyChildId).filter((x): x is string => !!x))];
    const names = new Map<string, string>();
    if (buddyIds.length) {
      const res = await db.collection('children').where({ _id: db.command.in(buddyIds), deletedAt: null }).field({ name: true }).limit(100).get();
      for (const b of res.data as { _id: string; name: string }[]) names.set(b._id, b.name);
    }

    const { view, fields } = archiveView(child as unknown as Record<string, unknown>, role);
    const cardShown = cardView(card as unknown as Record<string, unknown> | null, role);
    await audit(db, actorOf(ctx), [{ kind: 'read', schoolId: grant.target!.schoolId, childId: input.childId, fields: [...fields, ...cardShown.fields] }]);

    const cardOut = cardShown.view
      ? ({
          ...(cardShown.view as Omit<ContactCardView, 'updatedAt' | 'confirmedAt'>),
          updatedAt: card!.updatedAt.toISOString(),
          confirmedAt: card!.confirmedAt?.toISOString() ?? null,
        } as ContactCardView)
      : null;
    return {
      child: view,
      viewAs: role,
      contactCard: cardOut,
      care: careView(pairings, names),
      consent: consentView(input.childId, consent),
      history: staff ? history.map((h) => historyView(h, role)) : null,
      completeness: staff ? completeness(child, card, consent?.decision === 'granted') : null,
      alerts: staff ? (alertRes.data as AlertRecord[]).map((a) => alertView(a, child.name)) : [],
      canEdit: role === 'admin' || role === 'teacher',
    };
  },
});
