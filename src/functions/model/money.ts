/**
 * Exact decimal arithmetic for money, from the JSON number's source text. No value ever passes through a binary
 * float: "29.99" becomes 2999 cents by moving the decimal point in the digit string. All amounts are bounded (see
 * limits.ts) far below 2^53 cents, so sums of cents are exact JavaScript integers.
 */
import { MONEY_DECIMALS } from './limits';

/** Why a number text cannot be read as an integer count of `10^-scale` units. */
export type ScaledIntegerProblem = 'negative' | 'decimals' | 'range';

/** Numbers longer than this many digits (before the scale) are out of range for every field. */
const MAX_DIGITS = 15;

/**
 * Reads a JSON number text (as produced by {@link JsonNumber}) as an integer count of `10^-scale` units, e.g.
 * ("29.99", 2) -> 2999, ("1e2", 0) -> 100, ("2.50", 2) -> 250. Exponent notation is accepted: it is still an exact
 * decimal. Negative zero ("-0", "-0.00") is zero, not negative. Returns the problem instead of throwing, so the
 * validator can name the rule.
 */
export function toScaledInteger(text: string, scale: number): number | ScaledIntegerProblem {
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!m) return 'range';
  const [, sign, intPart, fracPart = '', expPart = '0'] = m;
  // A decimal is digits x 10^exponent. Saturate absurd exponents instead of parsing them (1e999999999).
  const expDigits = expPart.replace(/^[+-]?0*/, '');
  const exp = expDigits.length > 6 ? (expPart.startsWith('-') ? -1e6 : 1e6) : parseInt(expPart, 10);
  let digits = (intPart + fracPart).replace(/^0+/, '');
  let exponent = exp - fracPart.length;
  if (digits === '') return 0; // any spelling of zero, including -0 and 0e5
  // Trailing zeros carry no precision: "2.50" is 25 x 10^-1, which fits in cents.
  const trimmed = digits.replace(/0+$/, '');
  exponent += digits.length - trimmed.length;
  digits = trimmed;
  if (sign === '-') return 'negative';
  if (exponent < -scale) return 'decimals';
  const shift = exponent + scale; // zeros to append
  if (digits.length + shift > MAX_DIGITS) return 'range';
  return Number(digits + '0'.repeat(shift));
}

/** Cents -> the shortest exact decimal text in major units: 10997 -> "109.97", 2990 -> "29.9", 3000 -> "30". */
export function formatMinorUnits(minor: number): string {
  const unit = 10 ** MONEY_DECIMALS;
  const whole = Math.floor(minor / unit);
  const frac = minor % unit;
  if (frac === 0) return String(whole);
  return `${whole}.${String(frac).padStart(MONEY_DECIMALS, '0').replace(/0+$/, '')}`;
}

/**
 * Major units as a JavaScript number, for the OrderValue metric only (CloudWatch stores doubles anyway). The
 * division of an exact integer by 100 yields the double closest to the decimal, which prints as the decimal.
 */
export function minorToMajorNumber(minor: number): number {
  return minor / 10 ** MONEY_DECIMALS;
}
