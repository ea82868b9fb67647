import { useCan } from '../auth/can.js';
import { AccountSection } from './account-section.js';
import { ApiKeysSection } from './api-keys-section.js';
import { AuditSection } from './audit-section.js';
import { CredentialsSection } from './credentials-section.js';
import { EgressSection } from './egress-section.js';
import { PeopleSection } from './people-section.js';
import { SessionsSection } from './sessions-section.js';
import { StorageSection } from './storage-section.js';
import { VariablesSection } from './variables-section.js';
import { DataStoreSection } from './datastore-section.js';
import './access.css';

/** Settings: my account and sessions, API keys, credentials, variables; owners also manage people, egress and read the audit log. */
export function SettingsPage() {
  const isOwner = useCan('manage');
  const canEdit = useCan('edit');
  return (
    <div className="page-inner narrow">
      <header className="page-header">
        <div>
          <h1>Settings</h1>
          <p className="muted">Your account, access for scripts, credentials, variables{isOwner ? ', people, egress and the audit log' : ''}.</p>
        </div>
      </header>
      <AccountSection />
      <SessionsSection />
      {isOwner ? <PeopleSection /> : null}
      <ApiKeysSection />
      <CredentialsSection />
      <VariablesSection />
      {isOwner ? <EgressSection /> : null}
      <StorageSection canSweep={isOwner} />
      <DataStoreSection canEdit={canEdit} />
      {isOwner ? <AuditSection /> : null}
    </div>
  );
}
