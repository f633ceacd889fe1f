/**
 * Money as a person reads it. Amounts are integer pence everywhere (JSON numbers, or bigint for a
 * budget's totals); whatever a person reads (a page, a message, a reason, a document) is in pounds.
 */

/** Pence in pounds: 550000 is "£5,500.00", -5 is "-£0.05"; exact for any bigint. */
export function pounds(pence: number | bigint): string {
  const p = BigInt(pence);
  const abs = p < 0n ? -p : p;
  const whole = (abs / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${p < 0n ? '-' : ''}£${whole}.${(abs % 100n).toString().padStart(2, '0')}`;
}
