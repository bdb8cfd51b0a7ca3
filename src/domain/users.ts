/**
 * Assistants and admins: what a user is, and the one schema of a new user and of a change, used by
 * the admin API, the admin pages and the store alike.
 */
import { z } from 'zod';
import { lineSchema } from './text';
import { LOCALES, USER_ROLES, type Locale, type UserRole } from './vocabulary';

export const newUserSchema = z.object({
  email: z.email().trim().toLowerCase(),
  name: lineSchema().min(1).max(80),
  role: z.enum(USER_ROLES),
  password: z.string().min(12, 'at least 12 characters').max(200),
  clientIds: z.array(z.string().regex(/^[0-9a-f]{24}$/i, 'expected a client id')).default([]),
  locale: z.enum(LOCALES).default('fr-FR'),
});
export type NewUser = z.input<typeof newUserSchema>;

/** What an admin may change on a user; `password` resets it. */
export const userChangesSchema = z.strictObject({
  name: newUserSchema.shape.name.optional(),
  role: newUserSchema.shape.role.optional(),
  clientIds: z.array(z.string().regex(/^[0-9a-f]{24}$/i, 'expected a client id')).optional(),
  locale: z.enum(LOCALES).optional(),
  active: z.boolean().optional(),
  password: newUserSchema.shape.password.optional(),
});
export type UserChanges = z.input<typeof userChangesSchema>;

export type User = {
  id: string;
  email: string;
  name: string;
  role: UserRole;
  clientIds: string[];
  locale: Locale;
  active: boolean;
};
