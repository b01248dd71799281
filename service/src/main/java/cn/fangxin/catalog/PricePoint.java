package cn.fangxin.catalog;

import java.time.Instant;

/**
 * A price in force from an instant on.
 *
 * @param at from when
 * @param priceFen the price
 * @param referencePriceFen the struck-through reference price shown with it, if any
 */
public record PricePoint(Instant at, long priceFen, Long referencePriceFen) {
}
