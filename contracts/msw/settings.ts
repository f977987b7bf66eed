import { fileURLToPath } from 'node:url';

/** Where the contract-msw suites send their requests: nothing listens there, MSW answers in each test process. */
export const MSW_BASE_URL = 'http://localhost:4010';
/** Where their coverage records go (apart from the `contract` project's). */
export const MSW_REPORT_DIR = fileURLToPath(new URL('../../reports/contract-msw/records', import.meta.url));
