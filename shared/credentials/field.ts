import { z } from 'zod';

/** A secret text field: never shown again once saved (`writeOnly` tells the editor to mask it). */
export const secretField = (title: string, description: string, max = 4096) =>
  z.string().min(1, `${title} is required.`).max(max, `${title} is longer than ${max} characters.`).meta({ title, description, writeOnly: true });

/** A plain text field that is not a secret but is still only stored, never returned. */
export const textField = (title: string, description: string, max = 1024) =>
  z.string().min(1, `${title} is required.`).max(max, `${title} is longer than ${max} characters.`).meta({ title, description });
