// Why an undo is refused is a sentence for the user: the core says so by its type (UserInputError,
// answered 400 with its message), not the API by guessing that any plain Error is one.
import { describe, expect, it } from 'vitest';
import { UserInputError } from '../../../electron/core/errors.js';
import { importFile, undoBatch } from '../../../electron/core/import/index.js';
import { newDb, ORG_CSV, write } from './helpers.js';

function refusal(work: () => unknown): UserInputError {
  try {
    work();
  } catch (e) {
    if (e instanceof UserInputError) return e;
    throw new Error(`not a UserInputError: ${String(e)}`);
  }
  throw new Error('not refused');
}

describe('undo refusals', () => {
  it('an unknown batch, an undone batch and a batch a later one changed are refused with a UserInputError', async () => {
    const { db, dir } = newDb();
    expect(refusal(() => undoBatch(db, 99, 'u'))).toMatchObject({ message: '批次 #99 不存在', code: 'undo_refused' });

    const first = await importFile(db, write(dir, 'a.csv', ORG_CSV));
    // the same org again with another name: batch 2 replaces a row batch 1 wrote
    const second = await importFile(db, write(dir, 'b.csv', ORG_CSV.replace('鲤城支行', '鲤城支行营业部')));
    expect(second.replaced).toBe(1);
    expect(refusal(() => undoBatch(db, first.batchId!, 'u')).message).toBe(`批次 #${second.batchId} 之后修改了本批次导入的数据，请先撤销批次 #${second.batchId}`);
    undoBatch(db, second.batchId!, 'u');
    expect(refusal(() => undoBatch(db, second.batchId!, 'u')).message).toBe(`批次 #${second.batchId} 状态为 undone，不能撤销`);
  });
});
