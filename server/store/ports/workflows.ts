import type { WorkflowDefinition } from '../../../shared/graph/workflow-schema.js';

/** A workflow's head row: its name, whether it is live, its newest version (the draft) and its published one. */
export interface WorkflowRow {
  id: string;
  name: string;
  active: boolean;
  /** The newest saved version: the draft, which the editor edits and test runs run. */
  currentVersion: number;
  /** The version live trigger URLs and schedules run; null until first published. */
  publishedVersion: number | null;
  publishedAt: number | null;
  /** Who published it (a display name), and the message given, if any. */
  publishedBy: string | null;
  publishMessage: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface WorkflowVersion {
  workflowId: string;
  version: number;
  definition: WorkflowDefinition;
  createdAt: number;
  /** Who saved it; null for versions saved by the system or before names were kept. */
  createdBy?: Author | null;
}

/** Who did something to a workflow, as a conflict or a publication reports it. */
export interface Author {
  userId: string | null;
  name: string | null;
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
  /**
   * Stores `definition` as the next version only while the newest is still `base` (the version
   * the edit started from), as one atomic step; null when someone saved in between.
   */
  addVersionIf(id: string, definition: WorkflowDefinition, now: number, author: Author, base: number): Promise<number | null>;
  /** Makes `version` the live one (null: unpublished, which also deactivates); false when there is no such workflow. */
  publish(id: string, version: number | null, now: number, by: string | null, message: string | null): Promise<boolean>;
  /** False when there is no such workflow. */
  setActive(id: string, active: boolean, now: number): Promise<boolean>;
  /** Removes the workflow with everything that hangs off it; false when there was none. */
  remove(id: string): Promise<boolean>;
}
