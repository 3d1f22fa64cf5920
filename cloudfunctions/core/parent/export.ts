/**
 * A family's own copy: every post they see about their child and their class, and their messages under them, as a
 * spreadsheet (photos as their count; the photos themselves are saved from the post's full-screen view). Audited.
 */
import type { Child } from '../../../typings/domain';
import type { ActionOutput } from '../../../typings/actions';
import type { Database } from '../cloud';
import { COLLECTION } from '../collections';
import { audit, type AuditActor } from '../audit';
import { fetchAll } from '../archive/store';
import { buildWorkbook } from '../archive/excel';
import { beijing } from '../time';
import { familyFilter } from '../growth/views';
import { TAG_LABELS } from '../growth/labels';
import type { GrowthPost, GrowthReply } from '../growth/records';

export async function exportFamily(db: Database, actor: AuditActor, child: Child): Promise<ActionOutput<'parent.export'>> {
  const [posts, replies] = await Promise.all([
    fetchAll<GrowthPost>(
      (skip) => db.collection(COLLECTION.growthPosts).where(familyFilter(db, child)).orderBy('createdAt', 'asc').skip(skip).limit(1000).get(),
      5000,
    ),
    fetchAll<GrowthReply>(
      (skip) => db.collection(COLLECTION.growthReplies).where({ childId: child._id }).orderBy('createdAt', 'asc').skip(skip).limit(1000).get(),
      5000,
    ),
  ]);
  const at = (d: Date) => beijing(d).format('YYYY-MM-DD HH:mm');
  const seen = new Set(posts.map((p) => p._id));
  const rows = posts.flatMap((p) => [
    {
      at: at(p.publishedAt ?? p.createdAt),
      who: p.authorLabel,
      kind: `${p.audience === 'class' ? '班级动态' : '孩子动态'}·${TAG_LABELS[p.tag]}`,
      text: p.text,
      photos: String(p.photos.length),
    },
    ...replies.filter((r) => r.postId === p._id).map((r) => ({ at: at(r.createdAt), who: r.byLabel, kind: '留言', text: r.text, photos: '' })),
  ]);
  const orphanReplies = replies.filter((r) => !seen.has(r.postId)).length;
  const data = await buildWorkbook(
    [
      {
        name: '成长动态',
        title: `${child.name}的成长动态与留言`,
        columns: [
          { key: 'at', header: '时间', width: 18 },
          { key: 'who', header: '谁', width: 20 },
          { key: 'kind', header: '类别', width: 16 },
          { key: 'text', header: '内容', width: 60 },
          { key: 'photos', header: '照片（张）', width: 10 },
        ],
        rows,
      },
    ],
    `导出于 ${at(actor.now)}${orphanReplies ? `（另有 ${orphanReplies} 条留言所在的动态已删除）` : ''}`,
  );
  await audit(db, actor, [{ kind: 'export', schoolId: child.schoolId, childId: child._id, fields: ['growthPosts', 'growthReplies'] }]);
  return { fileName: `${child.name}的成长动态.xlsx`, data: data.toString('base64'), rows: rows.length };
}
