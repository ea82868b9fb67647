import { z } from 'zod';
import { defineCredentialType } from './define-credential-type.js';
import { secretField, textField } from './field.js';
import { lazySchema } from '../lazy-schema.js';

// Credentials the HTTP request step sends (its `auth: {credentialId}`): the secret stays in the
// encrypted credential, never in the workflow, its versions, exports or run records.

const headerName = (hint: string) => textField('Header name', hint, 100).regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'A header name uses letters, digits and - _ . only.');

/** `Authorization: Bearer <token>`. */
export const httpBearerCredential = defineCredentialType({
  type: 'http-bearer',
  title: 'Bearer token',
  description: 'An API token the HTTP request step sends as `Authorization: Bearer <token>`.',
  app: 'http',
  schema: lazySchema(() => z.strictObject({ token: secretField('Token', 'The API token, without the word Bearer.') })),
  secretFields: ['token'],
});

/** `Authorization: Basic base64(username:password)`. */
export const httpBasicCredential = defineCredentialType({
  type: 'http-basic',
  title: 'Basic auth (outgoing)',
  description: 'A user name and password the HTTP request step sends as HTTP Basic authentication.',
  app: 'http',
  schema: lazySchema(() =>
    z.strictObject({
      username: textField('User name', 'The user name; it may not contain a colon.', 256).regex(/^[^:]*$/, 'A Basic auth user name may not contain a colon.'),
      password: secretField('Password', 'The password.', 1024),
    }),
  ),
  secretFields: ['password'],
});

/** Any header, e.g. `X-Api-Key: <value>`. */
export const httpHeaderCredential = defineCredentialType({
  type: 'http-header',
  title: 'API key in a header',
  description: 'A value the HTTP request step sends in a header of your choice, e.g. `X-Api-Key`.',
  app: 'http',
  schema: lazySchema(() => z.strictObject({ name: headerName('Which header carries the value, e.g. X-Api-Key.'), value: secretField('Value', 'The exact header value.') })),
  secretFields: ['value'],
});

/** A query parameter, e.g. `?api_key=<value>`. */
export const httpQueryCredential = defineCredentialType({
  type: 'http-query',
  title: 'API key in the URL query',
  description: 'A value the HTTP request step adds to the URL as a query parameter, e.g. `api_key`.',
  app: 'http',
  schema: lazySchema(() => z.strictObject({ name: textField('Parameter name', 'The query parameter, e.g. api_key.', 100).min(1), value: secretField('Value', 'The parameter value.') })),
  secretFields: ['value'],
});

/** The credential types an `http` step's `auth` may name. */
export const httpAuthTypes = ['http-bearer', 'http-basic', 'http-header', 'http-query', 'oauth2'] as const;
