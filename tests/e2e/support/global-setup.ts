// vitest globalSetup of the e2e project: the tests load .output/chrome-mv3, so build it if stale.
import { ensureExtensionBuilt } from '../../../harness/build';

export default function setup(): void {
  ensureExtensionBuilt((line) => console.log(`[e2e] ${line}`));
}
