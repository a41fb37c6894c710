/**
 * Riemannian geometry of matrix manifolds, apart from any solver (as in Pymanopt's
 * {@code manifolds/}): {@link dev.geodesic.manifold.StiefelManifold} gives the tangent projection,
 * the projection onto the manifold (polar factor), the Riemannian gradient of the embedded metric,
 * the polar retraction and the Procrustes subspace distance. Decentralized solvers on the manifold
 * live in {@code dev.geodesic.decentralized}.
 */
package dev.geodesic.manifold;
