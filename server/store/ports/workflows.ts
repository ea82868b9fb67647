import type { WorkflowDefinition } from '../../../shared/graph/workflow-schema.js';

/** A workflow's head row: its name, whether it is live, and its newest version. */
export interface WorkflowRow {
  id: string;
  name: string;
  active: boolean;
  currentVersion: number;
  createdAt: number;
  updatedAt: number;
}

export interface WorkflowVersion {
  workflowId: string;
  version: number;
  definition: WorkflowDefinition;
  createdAt: number;
}

/** Workflows and their immutable versions. */
export interface WorkflowPort {
  get(id: string): Promise<WorkflowRow | undefined>;
  /** Most recently updated first. */
  list(): Promise<WorkflowRow[]>;
  getVersion(id: string, version: number): Promise<WorkflowVersion | undefined>;
  /** Newest first. */
  listVersions(id: string): Promise<Array<{ version: number; createdAt: number }>>;
  /** A new, inactive workflow whose version 1 is `definition`. */
  create(id: string, definition: WorkflowDefinition, now: number, userId: string | null): Promise<void>;
  /** Stores `definition` as the next version; returns its number. */
  addVersion(id: string, definition: WorkflowDefinition, now: number, userId: string | null): Promise<number>;
  /** False when there is no such workflow. */
  setActive(id: string, active: boolean, now: number): Promise<boolean>;
  /** Removes the workflow with everything that hangs off it; false when there was none. */
  remove(id: string): Promise<boolean>;
}
