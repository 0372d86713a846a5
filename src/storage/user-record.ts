import { z } from 'zod';
import { DialogFrame } from '../dialog/dialog-frame.js';

export const Profile = z.object({
  actor: z.string().optional(),
  /** Chosen option per profile dimension of the actor (dimension id → option id). */
  options: z.record(z.string(), z.string()).default({}),
  departement: z.string().optional(),
  completedAt: z.string().optional(),
});

/** `level` null means the user skipped the need. */
export const NeedAnswer = z.object({ level: z.number().int().min(1).nullable(), at: z.string() });

export const DiagnosisResults = z.object({
  at: z.string(),
  priorities: z.array(z.string()),
  tools: z.array(z.string()),
});

export const Diagnosis = z.object({
  answers: z.record(z.string(), NeedAnswer).default({}),
  startedAt: z.string().optional(),
  completedAt: z.string().optional(),
  results: DiagnosisResults.optional(),
});

export const UserRecord = z.object({
  id: z.string().min(1),
  channel: z.string().min(1),
  createdAt: z.string(),
  updatedAt: z.string(),
  profile: Profile.default({ options: {} }),
  diagnosis: Diagnosis.default({ answers: {} }),
  dialogStack: z.array(DialogFrame).default([]),
});

export const Database = z.object({
  version: z.literal(1).default(1),
  users: z.record(z.string(), UserRecord).default({}),
});

export type Profile = z.infer<typeof Profile>;
export type NeedAnswer = z.infer<typeof NeedAnswer>;
export type Diagnosis = z.infer<typeof Diagnosis>;
export type UserRecord = z.infer<typeof UserRecord>;
export type Database = z.infer<typeof Database>;

export function newUserRecord(id: string, channel: string, now: Date): UserRecord {
  const at = now.toISOString();
  return UserRecord.parse({ id, channel, createdAt: at, updatedAt: at });
}
