/** A failed test case in a JUnit XML report (vitest's junit reporter). */
export interface FailedCase {
  file: string;
  name: string;
  /** The failure's message attribute (the assertion's first line). */
  message: string;
}

const CASE = /<testcase classname="([^"]*)" name="([^"]*)"[^>]*>\s*<failure message="([^"]*)"/g;

const unescape = (text: string) =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&amp;/g, '&');

/** The failed test cases of a JUnit XML report. */
export function failedCases(xml: string): FailedCase[] {
  return [...xml.matchAll(CASE)].map((match) => ({
    file: unescape(match[1] ?? ''),
    name: unescape(match[2] ?? ''),
    message: unescape(match[3] ?? ''),
  }));
}
