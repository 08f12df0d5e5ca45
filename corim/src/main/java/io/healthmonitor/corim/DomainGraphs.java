package io.healthmonitor.corim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The domain membership graph (§5.1.11.1) and the trust dependency graph (§5.1.11.2) of a whole
 * document, each of which must be acyclic. Domains are environments compared structurally. Not
 * thread-safe.
 */
final class DomainGraphs {

    private final Graph membership = new Graph(Code.GRAPH_MEMBERSHIP_CYCLE, Rule.MEMBERSHIP_TRIPLE, "domain membership");
    private final Graph dependency = new Graph(Code.GRAPH_DEPENDENCY_CYCLE, Rule.DEPENDENCY_TRIPLE, "trust dependency");

    /** Records that {@code member} is a member of {@code domain}; {@code at} locates the member. */
    void membership(CborItem domain, CborItem member, Path at) {
        membership.edge(domain, member, at);
    }

    /** Records that {@code domain} depends on {@code trustee}; {@code at} locates the trustee. */
    void dependency(CborItem domain, CborItem trustee, Path at) {
        dependency.edge(domain, trustee, at);
    }

    void reportCycles(Validation v) {
        membership.reportCycle(v);
        dependency.reportCycle(v);
    }

    /** A directed graph of domains; the cycle search is iterative, so deep graphs cannot overflow the stack. */
    private static final class Graph {
        private static final int UNSEEN = 0;
        private static final int ON_PATH = 1;
        private static final int DONE = 2;

        private final Code code;
        private final Rule rule;
        private final String what;
        private final Map<Key, Integer> ids = new HashMap<>();
        private final List<List<Integer>> out = new ArrayList<>();
        private final List<Path> firstEdge = new ArrayList<>();

        Graph(Code code, Rule rule, String what) {
            this.code = code;
            this.rule = rule;
            this.what = what;
        }

        void edge(CborItem from, CborItem to, Path at) {
            int a = id(from, at);
            int b = id(to, at);
            out.get(a).add(b);
        }

        private int id(CborItem node, Path at) {
            return ids.computeIfAbsent(new Key(node), k -> {
                out.add(new ArrayList<>());
                firstEdge.add(at);
                return out.size() - 1;
            });
        }

        void reportCycle(Validation v) {
            int n = out.size();
            int[] state = new int[n];
            int[] next = new int[n];
            int[] stack = new int[n];
            for (int s = 0; s < n; s++) {
                if (state[s] != UNSEEN) {
                    continue;
                }
                int sp = 0;
                stack[sp++] = s;
                state[s] = ON_PATH;
                while (sp > 0) {
                    int node = stack[sp - 1];
                    if (next[node] < out.get(node).size()) {
                        int w = out.get(node).get(next[node]++);
                        if (state[w] == ON_PATH) {
                            v.report(code, firstEdge.get(w), rule, () -> "the " + what
                                    + " graph has a cycle through this domain; it must be acyclic");
                            return;
                        }
                        if (state[w] == UNSEEN) {
                            state[w] = ON_PATH;
                            stack[sp++] = w;
                        }
                    } else {
                        state[node] = DONE;
                        sp--;
                    }
                }
            }
        }
    }

    /** A domain compared structurally; ordered so that domains with colliding hashes stay cheap to look up. */
    private record Key(CborItem item) implements Comparable<Key> {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && item.deepEquals(k.item);
        }

        @Override
        public int hashCode() {
            return item.deepHash();
        }

        @Override
        public int compareTo(Key other) {
            return CborItem.compare(item, other.item);
        }
    }
}
