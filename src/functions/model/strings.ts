/**
 * The rules every id and free-text field of the order API follows, for every function: a string, not blank, bounded,
 * and free of control characters and invalid Unicode. Messages never quote the value (it may be personal data).
 */
import { invalid } from './errors';
import { JsonValue } from './json';

/** C0/C1 control characters; allowed only as line breaks and tabs in `notes`. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const CONTROL_EXCEPT_WHITESPACE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
/** A lone UTF-16 surrogate (from a `\ud800` escape) is not valid Unicode and DynamoDB would refuse it. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export interface StringRule {
  readonly max: number;
  /** Allow "" (only notes). */
  readonly allowEmpty?: boolean;
  /** Allow tabs and line breaks (only notes). */
  readonly multiline?: boolean;
}

export function checkString(value: JsonValue | undefined, field: string, rule: StringRule): string {
  if (typeof value !== 'string') throw invalid(field, 'type', `${field} must be a string`);
  if (!rule.allowEmpty && value.trim() === '') throw invalid(field, 'notEmpty', `${field} must not be empty or blank`);
  if (value.length > rule.max) throw invalid(field, 'maxLength', `${field} must be at most ${rule.max} characters`);
  if ((rule.multiline ? CONTROL_EXCEPT_WHITESPACE : CONTROL).test(value) || LONE_SURROGATE.test(value)) {
    throw invalid(field, 'characters', `${field} contains control characters or invalid Unicode`);
  }
  return value;
}

