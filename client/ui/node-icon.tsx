import {
  Box,
  Braces,
  CalendarClock,
  ClipboardList,
  CopyCheck,
  Database,
  CornerDownLeft,
  CornerDownRight,
  Funnel,
  GitBranch,
  Globe,
  Mail,
  Merge,
  MessageSquare,
  Play,
  Repeat,
  Smartphone,
  Split,
  Timer,
  Users,
  Webhook,
  Workflow,
  type LucideIcon,
  Hourglass,
  ThumbsUp,
} from 'lucide-react';
import { siDiscord, siHubspot, siMailchimp, siPagerduty, type SimpleIcon } from 'simple-icons';

/**
 * Node types drawn as SVG, the same on every machine (no emoji font needed): line icons from
 * lucide for the built-in steps, and the app's own mark from simple-icons where it has one
 * (only those imported here reach the bundle). Slack, Microsoft Teams and Twilio are not in
 * simple-icons (their owners asked for removal), so they get a line icon.
 */
const LINE: Record<string, LucideIcon> = {
  webhook: Webhook,
  manual: Play,
  schedule: CalendarClock,
  subworkflowTrigger: CornerDownRight,
  form: ClipboardList,
  datastore: Database,
  dedupe: CopyCheck,
  filter: Funnel,
  branch: GitBranch,
  switch: Split,
  respond: CornerDownLeft,
  delay: Timer,
  wait: Hourglass,
  approval: ThumbsUp,
  loop: Repeat,
  merge: Merge,
  subworkflow: Workflow,
  code: Braces,
  http: Globe,
  email: Mail,
  slack: MessageSquare,
  teams: Users,
  twilio: Smartphone,
};

const BRAND: Record<string, SimpleIcon> = { discord: siDiscord, hubspot: siHubspot, mailchimp: siMailchimp, pagerduty: siPagerduty };

/** The icon of a node type, decorative (the title beside it names the step). */
export function NodeIcon({ type, size = 18 }: { type: string; size?: number }) {
  const brand = Object.prototype.hasOwnProperty.call(BRAND, type) ? BRAND[type] : undefined;
  if (brand) {
    return (
      <svg className="brand-icon" width={size} height={size} viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <path d={brand.path} fill="currentColor" />
      </svg>
    );
  }
  const Line = (Object.prototype.hasOwnProperty.call(LINE, type) ? LINE[type] : undefined) ?? Box;
  return <Line size={size} strokeWidth={1.9} aria-hidden="true" focusable="false" />;
}
