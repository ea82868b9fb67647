import type * as Real from '../../shared/nodes/ip-ranges.js';
import { heavyChecks } from './heavy-checks.js';

// The client build's stand-in for shared/nodes/ip-ranges.ts (see heavy-checks.ts). Until
// ipaddr.js has loaded every entry passes here; validation runs again once it has, and the
// server checks on save in any case.

export const isIpOrCidr: typeof Real.isIpOrCidr = (text) => heavyChecks()?.ipRanges.isIpOrCidr(text) ?? true;
