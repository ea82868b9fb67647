import type { TemplateSample } from '../define-template.js';

/**
 * A Tally form submission (`FORM_RESPONSE`): every answer is a field with a key, a label, a
 * type and a value. Tally signs the body with `Tally-Signature` (added by the sender).
 */
export const tallyFormResponse: TemplateSample = {
  id: 'FORM_RESPONSE',
  label: 'Newsletter sign-up: Alice Martin, consent given',
  headers: { 'User-Agent': 'Tally Webhooks' },
  contentType: 'application/json',
  expect: 'acts',
  body: {
    eventId: 'a4cb511e-d513-4fa5-baee-b815d718dfd1',
    eventType: 'FORM_RESPONSE',
    createdAt: '2024-08-01T15:00:21.889Z',
    data: {
      responseId: '2wgx4n',
      submissionId: '2wgx4n',
      respondentId: 'dwQKYm',
      formId: 'VwbNEw',
      formName: 'Newsletter sign-up',
      createdAt: '2024-08-01T15:00:21.000Z',
      fields: [
        { key: 'question_mVGEg3', label: 'First name', type: 'INPUT_TEXT', value: 'Alice' },
        { key: 'question_nPpWE8', label: 'Last name', type: 'INPUT_TEXT', value: 'Martin' },
        { key: 'question_3EKz4n', label: 'Email', type: 'INPUT_EMAIL', value: 'alice.martin@example.com' },
        {
          key: 'question_w4jXoG',
          label: 'Topics',
          type: 'CHECKBOXES',
          value: ['7a1c8e52-0d1f-4b0a-9a3e-5f2d6c7b8a90'],
          options: [
            { id: '7a1c8e52-0d1f-4b0a-9a3e-5f2d6c7b8a90', text: 'Product news' },
            { id: 'c3b2a190-8f7e-4d6c-b5a4-93827160f5e4', text: 'Events' },
          ],
        },
      ],
    },
  },
};
