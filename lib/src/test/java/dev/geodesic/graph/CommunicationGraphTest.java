package dev.geodesic.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.geodesic.random.SeedSequence;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommunicationGraphTest {
  @Test
  void structuredGraphsHaveTheirDegrees() {
    CommunicationGraph ring = CommunicationGraph.ring(7);
    assertEquals(7, ring.edges());
    for (int i = 0; i < 7; i++) {
      assertEquals(2, ring.degree(i));
      assertTrue(ring.adjacent(i, (i + 1) % 7));
    }
    assertEquals(1, CommunicationGraph.ring(2).edges());
    CommunicationGraph complete = CommunicationGraph.complete(6);
    assertEquals(15, complete.edges());
    for (int i = 0; i < 6; i++) {
      assertEquals(5, complete.degree(i));
    }
    CommunicationGraph star = CommunicationGraph.star(5);
    assertEquals(4, star.degree(0));
    for (int i = 1; i < 5; i++) {
      assertEquals(1, star.degree(i));
      assertFalse(star.adjacent(i, i % 4 + 1));
    }
    CommunicationGraph torus = CommunicationGraph.torus(3, 4);
    assertEquals(24, torus.edges());
    for (int i = 0; i < 12; i++) {
      assertEquals(4, torus.degree(i));
    }
    assertTrue(torus.adjacent(0, 3) && torus.adjacent(0, 8) && torus.adjacent(0, 1) && torus.adjacent(0, 4));
    // sides of 2 join the same pair once: a 2×2 torus is the 4-cycle
    CommunicationGraph small = CommunicationGraph.torus(2, 2);
    assertEquals(4, small.edges());
    assertEquals("torus(4x4)", CommunicationGraph.torus(16).name());
    assertEquals("torus(4x5)", CommunicationGraph.torus(20).name());
  }

  @Test
  void erdosRenyiIsSeededAndConnected() {
    CommunicationGraph a = CommunicationGraph.erdosRenyi(16, 0.6, SeedSequence.of(1));
    CommunicationGraph b = CommunicationGraph.erdosRenyi(16, 0.6, SeedSequence.of(1));
    assertEquals(a.edgeList().size(), b.edgeList().size());
    for (int k = 0; k < a.edges(); k++) {
      assertEquals(List.of(a.edgeList().get(k)[0], a.edgeList().get(k)[1]),
          List.of(b.edgeList().get(k)[0], b.edgeList().get(k)[1]));
    }
    // 120 pairs at p = 0.6: 72 expected, 5.4 standard deviations
    assertTrue(a.edges() > 50 && a.edges() < 95, "edges " + a.edges());
    assertEquals(120, CommunicationGraph.erdosRenyi(16, 1.0, SeedSequence.of(2)).edges());
  }

  @Test
  void aDisconnectedErdosRenyiDrawIsRejectedByName() {
    // p = 0.02 on 30 nodes: ≈ 8.7 edges, certainly disconnected
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> CommunicationGraph.erdosRenyi(30, 0.02, SeedSequence.of(3)));
    assertTrue(e.getMessage().contains("disconnected"), e.getMessage());
    assertTrue(e.getMessage().contains("components"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> CommunicationGraph.erdosRenyi(10, 0.0, SeedSequence.of(3)));
    assertThrows(IllegalArgumentException.class, () -> CommunicationGraph.erdosRenyi(10, 1.5, SeedSequence.of(3)));
  }

  @Test
  void edgeListsAreValidated() {
    CommunicationGraph g = CommunicationGraph.fromEdges(4, List.of(new int[] {0, 1}, new int[] {1, 2}, new int[] {3, 2}));
    assertEquals(3, g.edges());
    assertEquals(2, g.degree(2));
    assertTrue(message(() -> CommunicationGraph.fromEdges(3, List.of(new int[] {0, 1}, new int[] {1, 1}))).contains("self-loop at node 1"));
    assertTrue(message(() -> CommunicationGraph.fromEdges(3, List.of(new int[] {0, 1}, new int[] {1, 2}, new int[] {2, 1})))
        .contains("duplicate edge {1, 2}"));
    assertTrue(message(() -> CommunicationGraph.fromEdges(4, List.of(new int[] {0, 1}, new int[] {2, 3}))).contains("disconnected (2 components"));
    assertTrue(message(() -> CommunicationGraph.fromEdges(3, List.of(new int[] {0, 1}))).contains("1 isolated"));
    assertTrue(message(() -> CommunicationGraph.fromEdges(3, List.of(new int[] {0, 5}))).contains("outside 0..2"));
    assertTrue(message(() -> CommunicationGraph.fromEdges(1, List.of())).contains("at least 2 nodes"));
    assertTrue(message(() -> CommunicationGraph.ring(1)).contains("at least 2 nodes"));
  }

  private static String message(Runnable r) {
    return assertThrows(IllegalArgumentException.class, r::run).getMessage();
  }
}
