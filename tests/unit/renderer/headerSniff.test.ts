import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { decodeHead, headerOf } from '../../../renderer/headerSniff.js';

const ab = (b: Buffer) => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;

describe('header sniffing in the browser', () => {
  it('reads a GB18030 header', () => {
    const buf = iconv.encode('账号|客户号|账户余额\nA1|C1|1.00\n', 'gb18030');
    expect(headerOf(decodeHead(ab(buf)))).toEqual(['账号', '客户号', '账户余额']);
  });

  it('reads a UTF-8 header with BOM, quotes and a tab delimiter', () => {
    const buf = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('acct\t"cust, id"\tbal\r\nB1\tC1\t2\r\n')]);
    expect(headerOf(decodeHead(ab(buf)))).toEqual(['acct', 'cust, id', 'bal']);
  });

  it('survives a UTF-8 character cut at the end of the slice', () => {
    const full = Buffer.from('客户号,名称\n张三,李四');
    const cut = full.subarray(0, full.length - 1); // last character loses a byte
    expect(headerOf(decodeHead(ab(cut)))).toEqual(['客户号', '名称']);
  });

  it('skips leading blank lines', () => {
    expect(headerOf('\n\n a , b \n1,2')).toEqual(['a', 'b']);
  });
});
