package dev.geodesic.decentralized;

import dev.geodesic.linalg.Blas;
import dev.geodesic.linalg.DenseMatrix;
import java.util.ArrayList;
import java.util.List;

/** {@link Agents} in this process: one {@link LocalObjective} per agent, evaluated in turn. */
public final class LocalAgents implements Agents {
  private final List<LocalObjective> objectives;

  public LocalAgents(List<LocalObjective> objectives) {
    if (objectives.size() < 2) {
      throw new IllegalArgumentException("decentralized optimization needs at least 2 agents, got " + objectives.size());
    }
    int d = objectives.get(0).dimension();
    for (int i = 1; i < objectives.size(); i++) {
      if (objectives.get(i).dimension() != d) {
        throw new IllegalArgumentException("agent " + i + " has dimension " + objectives.get(i).dimension()
            + ", agent 0 has " + d);
      }
    }
    this.objectives = List.copyOf(objectives);
  }

  public List<LocalObjective> objectives() {
    return objectives;
  }

  @Override
  public int count() {
    return objectives.size();
  }

  @Override
  public int dimension() {
    return objectives.get(0).dimension();
  }

  @Override
  public Evaluation evaluate(List<DenseMatrix> points, DenseMatrix common) {
    int n = objectives.size();
    if (points.size() != n) {
      throw new IllegalArgumentException(points.size() + " points for " + n + " agents");
    }
    long start = System.nanoTime();
    List<DenseMatrix> grads = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      grads.add(objectives.get(i).euclideanGradient(points.get(i)));
    }
    if (common == null) {
      return new Evaluation(grads, Double.NaN, null, (System.nanoTime() - start) * 1e-9);
    }
    Blas blas = Blas.get();
    DenseMatrix g = DenseMatrix.zeros(common.rows(), common.cols());
    double v = 0;
    for (LocalObjective f : objectives) {
      LocalObjective.Evaluated e = f.evaluate(common);
      v += e.value();
      blas.axpy(1.0, e.gradient(), g);
    }
    blas.scal(1.0 / n, g.values());
    return new Evaluation(grads, v / n, g, (System.nanoTime() - start) * 1e-9);
  }

  @Override
  public double passesPerEvaluation() {
    double p = 0;
    for (LocalObjective f : objectives) {
      p += f.passesPerGradient();
    }
    // the gradients at the agents' points plus value and gradient at the common point
    return p / objectives.size() * 2;
  }
}
