package dev.geodesic.jobs.spark;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.serializers.JavaSerializer;
import org.apache.spark.serializer.KryoRegistrator;

/**
 * Makes Kryo (when {@code spark.serializer} is Kryo, as in {@code cluster-conf/}) able to ship
 * Geodesic's Java records: Kryo 4's field serializer cannot construct a record, so every record
 * (blocks, measures, task descriptions — all {@link java.io.Serializable}) goes through Java
 * serialization, which writes their {@code double[]} payloads in bulk.
 */
public final class GeodesicKryoRegistrator implements KryoRegistrator {
  @Override
  public void registerClasses(Kryo kryo) {
    kryo.addDefaultSerializer(Record.class, new JavaSerializer());
    // FedWaD's round messages, flat and written in bulk (spark.kryo.registrationRequired holds on its path).
    dev.geodesic.jobs.ot.FedwadMessages.register(kryo);
  }
}
