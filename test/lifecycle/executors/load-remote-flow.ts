/* eslint-disable @typescript-eslint/no-require-imports */
import * as path from 'node:path';

/** The compiled fixture (workers load classes from the modules tspc wrote to dist/: `npm run build` first). */
export const REMOTE_FLOW = path.join(__dirname, '../../../dist/test/fixtures/lifecycle/remote-flow.js');
export const { RemoteHooks } = require(REMOTE_FLOW) as typeof import('../../fixtures/lifecycle/remote-flow');
