import type { Deliverer } from '../../delivery/deliver.js';
import type { ResolveCredential } from '../../credentials/resolve-credential.js';
import type { AppBaseUrls } from './app-base-urls.js';

/** What the HTTP app runners need: the guarded deliverer, credentials by id, and where each API lives. */
export interface AppRunnerDeps {
  deliverer: Deliverer;
  resolveCredential: ResolveCredential;
  baseUrls: AppBaseUrls;
}
