// Reads the JUnit XML that the contract runner writes (vitest's junit reporter): each test case
// with its outcome and, when it failed, the first line of the failure message.

export interface TestCase {
  file: string;
  /** `describe > test`, as vitest's junit reporter writes it. */
  name: string;
  state: 'passed' | 'failed' | 'skipped';
  /** The failure's first line (the assertion that caught it); empty unless failed. */
  message: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export const unescapeXml = (text: string) =>
  text.replace(/&(amp|lt|gt|quot|apos|#(\d+)|#x([0-9a-f]+));/gi, (whole, name: string, dec?: string, hex?: string) =>
    dec ? String.fromCodePoint(Number(dec)) : hex ? String.fromCodePoint(parseInt(hex, 16)) : (ENTITIES[name.toLowerCase()] ?? whole),
  );

const attribute = (tag: string, name: string) => unescapeXml(new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1] ?? '');

export function parseJunit(xml: string): TestCase[] {
  const cases: TestCase[] = [];
  for (const match of xml.matchAll(/<testcase\b([^>]*?)(\/>|>([\s\S]*?)<\/testcase>)/g)) {
    const [, head = '', , inner = ''] = match;
    const failure = /<(failure|error)\b([^>]*)/.exec(inner);
    const state = failure ? 'failed' : /<skipped\b/.test(inner) ? 'skipped' : 'passed';
    const message = failure ? (attribute(failure[2] ?? '', 'message').split('\n')[0] ?? '') : '';
    cases.push({ file: attribute(head, 'classname'), name: attribute(head, 'name'), state, message });
  }
  return cases;
}
