/**
 * The original specification's example order (its README's curl command): prices 29.99 x 2 and 49.99 x 1, total
 * 109.97. One copy, used by the local API's help text, the benchmark's load and the handler tests.
 */
export const SEED_EXAMPLE_ORDER = {
  customerId: 'cust-12345',
  items: [
    { productId: 'prod-1', quantity: 2, price: 29.99 },
    { productId: 'prod-2', quantity: 1, price: 49.99 },
  ],
  totalAmount: 109.97,
  shippingAddress: { street: '123 Main St', city: 'Anytown', state: 'NY', zipCode: '12345' },
};
