package dev.geodesic.jobs.io;

import dev.geodesic.linalg.DenseMatrix;
import java.io.Serializable;

/**
 * The unit every solver's inner loop works on: the rows one partition (or one client) holds, as a
 * dense column-major {@code d × n} matrix (samples are columns), their labels, and the client they
 * belong to. Built once per partition and cached.
 *
 * @param partition the Spark partition that holds the block
 * @param client the client/agent name, or null when the data are not split by client
 * @param features d×n, sample j is {@code values[j*d, (j+1)*d)}
 * @param labels n labels, or null when the input has no label column
 * @param weights n raw (unnormalised) masses from the input's {@code weight} column, or null when it has none
 */
public record DataBlock(int partition, String client, DenseMatrix features, double[] labels, double[] weights)
    implements Serializable {

  /** A block of an input without weights. */
  public DataBlock(int partition, String client, DenseMatrix features, double[] labels) {
    this(partition, client, features, labels, null);
  }

  public int rows() {
    return features.cols();
  }

  public int dimension() {
    return features.rows();
  }
}
