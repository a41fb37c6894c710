package dev.geodesic.iteration;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Test support: loop hooks that keep every checkpoint offered, serialized and read back as a store
 * would, so a resume test starts from what a real store would give back.
 */
public final class CheckpointKeeper<S extends Serializable> implements IterationLoop.Hooks<S> {
  /** The checkpoints kept, in the order offered. */
  public final List<Checkpoint<S>> saved = new ArrayList<>();

  @Override
  public boolean checkpointing() {
    return true;
  }

  @Override
  @SuppressWarnings("unchecked")
  public void checkpoint(Checkpoint<S> c) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
        out.writeObject(c);
      }
      try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
        saved.add((Checkpoint<S>) in.readObject());
      }
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
