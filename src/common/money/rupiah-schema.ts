import { getSchemaPath, SchemaObject } from '@nestjs/swagger';

/** Money in a response: whole rupiah as a string of digits (JSON numbers cannot carry every bigint). */
export const RUPIAH_SCHEMA: SchemaObject = {
  type: 'string',
  pattern: '^-?[0-9]{1,19}$',
  description: 'Whole rupiah as a string of digits',
  example: '150000',
};

/** Money in a request: whole rupiah as a JSON integer or a string of digits. */
export const RUPIAH_INPUT_SCHEMA: SchemaObject = {
  description: 'Whole rupiah: a JSON integer or a string of digits',
  oneOf: [{ type: 'integer' }, { type: 'string', pattern: '^\\s*-?[0-9]{1,19}\\s*$' }],
  example: 150000,
};

export const rupiahRef = () => ({ $ref: getSchemaPath('Rupiah') });
export const rupiahInputRef = () => ({ $ref: getSchemaPath('RupiahInput') });
