/**
 * The rules every id and free-text field of the order API follows, for every function: a string, not blank, bounded,
 * and free of control characters and invalid Unicode; ids are also free of format characters (Unicode category Cf:
 * zero-width characters, bidi controls, U+FEFF), which would let one id display as another. Free text keeps them:
 * ZWNJ and ZWJ are part of Persian and Indic writing. Messages never quote the value (it may be personal data).
 */
import { invalid } from './errors';
import { JsonValue } from './json';
import { MAX_ID_LENGTH } from './limits';

/** C0/C1 control characters; allowed only as line breaks and tabs in `notes`. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const CONTROL_EXCEPT_WHITESPACE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
/** A lone UTF-16 surrogate (from a `\ud800` escape) is not valid Unicode and DynamoDB would refuse it. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Unicode format characters (Cf), in every plane; the set is the running engine's Unicode version. */
const FORMAT = /\p{Cf}/u;

/**
 * The format characters of the Basic Multilingual Plane as a character class body, for the API document's patterns
 * (JSON Schema patterns have no portable `\p{...}`); a test checks it against {@link FORMAT}.
 */
export const BMP_FORMAT_CLASS = '\\u00ad\\u0600-\\u0605\\u061c\\u06dd\\u070f\\u0890-\\u0891\\u08e2\\u180e\\u200b-\\u200f' +
  '\\u202a-\\u202e\\u2060-\\u2064\\u2066-\\u206f\\ufeff\\ufff9-\\ufffb';
/** The control characters {@link CONTROL} refuses, as a class body for the document's patterns. */
export const CONTROL_CLASS = '\\u0000-\\u001f\\u007f-\\u009f';
/** The controls refused in multi-line text (tab, line feed and carriage return allowed). */
export const CONTROL_EXCEPT_WHITESPACE_CLASS = '\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f';

export interface StringRule {
  readonly max: number;
  /** An id (product, customer, order): format characters are refused too. */
  readonly id?: boolean;
  /** Allow "" (only notes). */
  readonly allowEmpty?: boolean;
  /** Allow tabs and line breaks (only notes). */
  readonly multiline?: boolean;
}

export function checkString(value: JsonValue | undefined, field: string, rule: StringRule): string {
  if (typeof value !== 'string') throw invalid(field, 'type', `${field} must be a string`);
  if (!rule.allowEmpty && value.trim() === '') throw invalid(field, 'notEmpty', `${field} must not be empty or blank`);
  if (value.length > rule.max) throw invalid(field, 'maxLength', `${field} must be at most ${rule.max} characters`);
  if ((rule.multiline ? CONTROL_EXCEPT_WHITESPACE : CONTROL).test(value) || LONE_SURROGATE.test(value)
    || (rule.id === true && FORMAT.test(value))) {
    throw invalid(field, 'characters', rule.id === true
      ? `${field} contains control characters, invisible format characters or invalid Unicode`
      : `${field} contains control characters or invalid Unicode`);
  }
  return value;
}

/** The rule of every id: 1-MAX_ID_LENGTH characters, not blank, no control or format characters. */
export const ID_RULE: StringRule = { max: MAX_ID_LENGTH, id: true };

/** Whether `value` passes the id rule (for values that are not request fields, such as a token's subject). */
export function isValidId(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '' && value.length <= MAX_ID_LENGTH
    && !CONTROL.test(value) && !LONE_SURROGATE.test(value) && !FORMAT.test(value);
}

