/**
 * The orders module: checkout with a frozen snapshot, escrow and its deadlines (PRODUCT.md capability 3; API.md
 * "Orders and escrow"). It owns orders, their items, timeline, holds and pay-after-receipt debts. The money is in the
 * ledger: each order has its escrow account {@code escrow:<order id>}, filled by the payment's booking and emptied by
 * release to the merchant or refunds back through the gateway, so escrow = paid − released − refunded always. The
 * deadlines (unpaid 30 minutes, ship-by, 10 days after delivery) run on the durable scheduler; every state change
 * locks the order's row, so a race between a party and a deadline ends in one outcome. Other modules hold an order's
 * automatic completion with {@link cn.fangxin.order.Orders#hold} while a case is open.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Orders and escrow")
package cn.fangxin.order;
