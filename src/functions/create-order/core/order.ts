import { ADDRESS_FIELDS } from '../../model/limits';

/** One validated order line. Prices are integer cents; the exact decimal text is derived from them. */
export interface OrderLine {
  readonly productId: string;
  readonly quantity: number;
  readonly priceCents: number;
}

export type AddressField = typeof ADDRESS_FIELDS[number];
export type Address = Readonly<Partial<Record<AddressField, string>>>;

/** A request body that passed every rule, normalized (amounts in cents, customer resolved from the token). */
export interface ValidOrder {
  readonly customerId: string;
  readonly items: readonly OrderLine[];
  readonly totalCents: number;
  readonly shippingAddress?: Address;
  readonly billingAddress?: Address;
  readonly paymentMethod?: string;
  readonly notes?: string;
}
