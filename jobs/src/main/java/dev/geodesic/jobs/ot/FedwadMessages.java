package dev.geodesic.jobs.ot;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import dev.geodesic.linalg.DenseMatrix;
import dev.geodesic.ot.ClientReply;
import dev.geodesic.ot.ClientRequest;
import dev.geodesic.ot.DiscreteMeasure;
import java.io.Serializable;
import java.util.List;

/**
 * What crosses the network in a FedWaD round, as primitive arrays: the round's requests (broadcast
 * to the executors) and each client's answer (collected on the driver). A measure travels as its
 * dimension, its column-major atoms and its weights — no record graph, no class descriptor per
 * object — and each class has a Kryo serializer writing the arrays in bulk
 * ({@link #register}, called by {@code GeodesicKryoRegistrator}); under Java serialization the same
 * flat fields are written as they are.
 */
public final class FedwadMessages {
  private FedwadMessages() {}

  /** Every request of one round: request k asks client {@code client[k]} at time {@code t[k]} about ξ_k. */
  static final class Round implements Serializable {
    private static final long serialVersionUID = 1L;
    final int[] client;
    final double[] t;
    final int[] dimension;
    final double[][] atoms;
    final double[][] weights;

    Round(int[] client, double[] t, int[] dimension, double[][] atoms, double[][] weights) {
      this.client = client;
      this.t = t;
      this.dimension = dimension;
      this.atoms = atoms;
      this.weights = weights;
    }

    static Round of(List<ClientRequest> requests) {
      int k = requests.size();
      Round r = new Round(new int[k], new double[k], new int[k], new double[k][], new double[k][]);
      for (int i = 0; i < k; i++) {
        ClientRequest q = requests.get(i);
        r.client[i] = q.client();
        r.t[i] = q.t();
        r.dimension[i] = q.xi().dimension();
        r.atoms[i] = q.xi().atoms().values();
        r.weights[i] = q.xi().weights();
      }
      return r;
    }

    int size() {
      return client.length;
    }

    DiscreteMeasure xi(int k) {
      return measure(dimension[k], atoms[k], weights[k]);
    }
  }

  /** Client's answer to request {@code request}: d = W_p(ξ, μ) and the interpolant's atoms and weights. */
  static final class Answer implements Serializable {
    private static final long serialVersionUID = 1L;
    final int request;
    final double distance;
    final int dimension;
    final double[] atoms;
    final double[] weights;

    Answer(int request, double distance, int dimension, double[] atoms, double[] weights) {
      this.request = request;
      this.distance = distance;
      this.dimension = dimension;
      this.atoms = atoms;
      this.weights = weights;
    }

    static Answer of(int request, ClientReply r) {
      DiscreteMeasure m = r.interpolant();
      return new Answer(request, r.distance(), m.dimension(), m.atoms().values(), m.weights());
    }

    ClientReply reply() {
      return new ClientReply(distance, measure(dimension, atoms, weights));
    }
  }

  private static DiscreteMeasure measure(int d, double[] atoms, double[] weights) {
    return new DiscreteMeasure(DenseMatrix.wrap(d, weights.length, atoms), weights);
  }

  /** Registers both message classes (and the answers' array, what a task returns) with bulk-array serializers. */
  public static void register(Kryo kryo) {
    kryo.register(Round.class, new RoundSerializer());
    kryo.register(Answer.class, new AnswerSerializer());
    kryo.register(Answer[].class);
  }

  private static final class RoundSerializer extends Serializer<Round> {
    @Override
    public void write(Kryo kryo, Output out, Round r) {
      int k = r.size();
      out.writeInt(k, true);
      out.writeInts(r.client);
      out.writeDoubles(r.t);
      out.writeInts(r.dimension);
      for (int i = 0; i < k; i++) {
        out.writeInt(r.weights[i].length, true);
        out.writeDoubles(r.atoms[i]);
        out.writeDoubles(r.weights[i]);
      }
    }

    @Override
    public Round read(Kryo kryo, Input in, Class<Round> type) {
      int k = in.readInt(true);
      Round r = new Round(in.readInts(k), in.readDoubles(k), in.readInts(k), new double[k][], new double[k][]);
      for (int i = 0; i < k; i++) {
        int n = in.readInt(true);
        r.atoms[i] = in.readDoubles(n * r.dimension[i]);
        r.weights[i] = in.readDoubles(n);
      }
      return r;
    }
  }

  private static final class AnswerSerializer extends Serializer<Answer> {
    @Override
    public void write(Kryo kryo, Output out, Answer a) {
      out.writeInt(a.request, true);
      out.writeDouble(a.distance);
      out.writeInt(a.dimension, true);
      out.writeInt(a.weights.length, true);
      out.writeDoubles(a.atoms);
      out.writeDoubles(a.weights);
    }

    @Override
    public Answer read(Kryo kryo, Input in, Class<Answer> type) {
      int request = in.readInt(true);
      double distance = in.readDouble();
      int d = in.readInt(true);
      int n = in.readInt(true);
      return new Answer(request, distance, d, in.readDoubles(n * d), in.readDoubles(n));
    }
  }
}
