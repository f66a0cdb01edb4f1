/**
 * Direct shipping from China: the return formulas shared by `quote` and the simulator (pure
 * functions, no allocation). The logistics price itself is a rate-card lookup (data/rates/direct.csv).
 */

/**
 * Return rate when shipping direct: JIT has 41 % fewer returns [ENABLE], so direct = JIT ÷ (1 − 0.41),
 * capped at 1.
 * @param jitReturnReductionVsDirect `modes.jitReturnReductionVsDirect` (0.41)
 * @example directReturnRate(0.0177, 0.41) // => 0.03
 */
export function directReturnRate(jitReturnRate: number, jitReturnReductionVsDirect: number): number {
  return Math.min(1, jitReturnRate / (1 - jitReturnReductionVsDirect));
}

/**
 * Expected return loss per direct-shipped order, CNY: return rate × a share of the selling price
 * refunded without the goods coming back (`modes.directReturnCostShareOfPrice`, an assumption).
 * With `returnRate = 1` it is the loss of one return.
 */
export function directReturnsCnyPerOrder(returnRate: number, directReturnCostShareOfPrice: number, priceCny: number): number {
  return returnRate * directReturnCostShareOfPrice * priceCny;
}
