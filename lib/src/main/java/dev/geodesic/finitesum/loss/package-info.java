/**
 * Losses of linear models as functions of their margins z = Wᵀa + b ({@link
 * dev.geodesic.finitesum.loss.MarginLoss}): binary logistic, least squares, Huber (one margin per row,
 * {@link dev.geodesic.finitesum.loss.ScalarMarginLoss}) and multinomial logistic (K margins). Each
 * gives its value, its derivatives in the margins, and the curvature constant c_ℓ that sets the
 * per-row smoothness L_i = c_ℓ·‖a_i‖² the solvers' default steps come from.
 */
package dev.geodesic.finitesum.loss;
