package dev.geodesic.jobs.ot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.geodesic.jobs.spark.GeodesicKryoRegistrator;
import dev.geodesic.linalg.DenseMatrix;
import dev.geodesic.ot.ClientReply;
import dev.geodesic.ot.ClientRequest;
import dev.geodesic.ot.DiscreteMeasure;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.serializer.JavaSerializer;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.SerializerInstance;
import org.junit.jupiter.api.Test;
import scala.reflect.ClassTag$;

/**
 * FedWaD's round messages survive Kryo with {@code spark.kryo.registrationRequired=true} (every class
 * they use is registered) and Java serialization bit for bit, and under Kryo a reply costs little more
 * than its doubles.
 */
class FedwadMessagesTest {
  static DiscreteMeasure measure(int d, int n, double shift) {
    double[] x = new double[d * n];
    double[] w = new double[n];
    for (int k = 0; k < x.length; k++) {
      x[k] = Math.sin(k + shift) * 3;
    }
    for (int i = 0; i < n; i++) {
      w[i] = (i + 1.0) / (n * (n + 1) / 2.0);
    }
    return new DiscreteMeasure(DenseMatrix.wrap(d, n, x), w);
  }

  static SerializerInstance kryo() {
    SparkConf conf = new SparkConf(false).set("spark.kryo.registrationRequired", "true")
        .set("spark.kryo.registrator", GeodesicKryoRegistrator.class.getName());
    return new KryoSerializer(conf).newInstance();
  }

  @SuppressWarnings("unchecked")
  static <T> T roundTrip(SerializerInstance s, T value, Class<T> type, int[] bytes) {
    ByteBuffer b = s.serialize(value, ClassTag$.MODULE$.apply(type));
    bytes[0] = b.remaining();
    return (T) s.deserialize(b, ClassTag$.MODULE$.apply(type));
  }

  @Test
  void roundAndAnswersRoundTripUnderKryoWithRegistrationRequiredAndJava() {
    List<ClientRequest> requests = List.of(new ClientRequest(1, measure(5, 40, 0), 0.25),
        new ClientRequest(0, measure(5, 33, 1), 0.75));
    FedwadMessages.Answer[] answers = {FedwadMessages.Answer.of(1, new ClientReply(2.5, measure(5, 40, 2))),
        FedwadMessages.Answer.of(0, new ClientReply(0.0, measure(5, 72, 3)))};
    for (SerializerInstance s : List.of(kryo(), new JavaSerializer(new SparkConf(false)).newInstance())) {
      int[] bytes = new int[1];
      FedwadMessages.Round r = roundTrip(s, FedwadMessages.Round.of(requests), FedwadMessages.Round.class, bytes);
      assertEquals(2, r.size());
      for (int k = 0; k < 2; k++) {
        DiscreteMeasure xi = requests.get(k).xi();
        assertEquals(requests.get(k).client(), r.client[k]);
        assertEquals(requests.get(k).t(), r.t[k]);
        assertArrayEquals(xi.atoms().values(), r.xi(k).atoms().values());
        assertArrayEquals(xi.weights(), r.xi(k).weights());
        assertEquals(xi.dimension(), r.xi(k).dimension());
      }
      FedwadMessages.Answer[] back = roundTrip(s, answers, FedwadMessages.Answer[].class, bytes);
      for (int k = 0; k < 2; k++) {
        ClientReply want = new ClientReply(answers[k].distance, answers[k].reply().interpolant());
        ClientReply got = back[k].reply();
        assertEquals(answers[k].request, back[k].request);
        assertEquals(want.distance(), got.distance());
        assertArrayEquals(want.interpolant().atoms().values(), got.interpolant().atoms().values());
        assertArrayEquals(want.interpolant().weights(), got.interpolant().weights());
      }
      if (s instanceof org.apache.spark.serializer.KryoSerializerInstance) {
        int doubles = 8 * (2 + 5 * 40 + 40 + 5 * 72 + 72);
        assertTrue(bytes[0] < doubles + 64, bytes[0] + " bytes for " + doubles + " bytes of doubles");
      }
    }
  }
}
