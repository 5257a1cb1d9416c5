import { describe, expect, it } from 'vitest';
import { localPathOf } from '../../../renderer/desktop.js';

describe('desktop picks: preview file name back to the absolute path', () => {
  it('finds a file inside a picked folder (Windows and POSIX)', () => {
    expect(localPathOf(['D:\\exports\\2024-07'], '2024-07/sub/loan.csv')).toBe('D:\\exports\\2024-07\\sub\\loan.csv');
    expect(localPathOf(['/home/u/exp'], 'exp/loan.csv')).toBe('/home/u/exp/loan.csv');
  });

  it('finds a picked file itself, and not a sibling folder with a longer name', () => {
    expect(localPathOf(['/data/a.csv', '/data/exp'], 'a.csv')).toBe('/data/a.csv');
    expect(localPathOf(['/data/exp'], 'exp2/x.csv')).toBeUndefined();
  });
});
