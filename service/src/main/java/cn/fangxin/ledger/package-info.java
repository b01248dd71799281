/**
 * The ledger module: every movement of money, as balanced double-entry transfers in fen, modelled on TigerBeetle.
 * Accounts keep four counters (debits and credits, pending and posted) maintained in the transaction that records the
 * transfer; transfers are immutable, single-phase or two-phase (pending, then post or void, with a timeout), may be
 * linked so that a chain succeeds or fails together, and carry their id as idempotency key. Accounts may forbid
 * debits beyond credits (or the reverse). Corrections are new transfers. The module answers the invariant checks of
 * API.md "Ledger" and offers a group-commit path for high throughput.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Ledger")
package cn.fangxin.ledger;
