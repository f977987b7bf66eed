import { describe, expect, it } from 'vitest';
import { inlineDisposition } from './content-disposition.ts';

describe('inlineDisposition', () => {
  it.each([
    ['brief.txt', 'inline; filename="brief.txt"'],
    ['my notes (v2).txt', 'inline; filename="my notes (v2).txt"'],
    ['../../etc/passwd', 'inline; filename="passwd"'],
    ['C:\\Users\\me\\report.pdf', 'inline; filename="report.pdf"'],
    ['Übersicht.pdf', `inline; filename="_bersicht.pdf"; filename*=UTF-8''%C3%9Cbersicht.pdf`],
    ['say "hi".txt', `inline; filename="say _hi_.txt"; filename*=UTF-8''say%20%22hi%22.txt`],
    ['100%.txt', `inline; filename="100_.txt"; filename*=UTF-8''100%25.txt`],
    ["it's (1)*.txt", `inline; filename="it's (1)*.txt"`],
    ['a\r\nSet-Cookie: x=1', `inline; filename="a__Set-Cookie: x=1"; filename*=UTF-8''a%0D%0ASet-Cookie%3A%20x%3D1`],
    ['日本.png', `inline; filename="__.png"; filename*=UTF-8''%E6%97%A5%E6%9C%AC.png`],
    ['dir/', 'inline; filename="file"'],
  ])('writes %j as %s', (name, expected) => {
    expect(inlineDisposition(name)).toBe(expected);
  });

  it('encodes the RFC 5987 specials that encodeURIComponent leaves', () => {
    expect(inlineDisposition("é'()*")).toBe(`inline; filename="_'()*"; filename*=UTF-8''%C3%A9%27%28%29%2A`);
  });
});
