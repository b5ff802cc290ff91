package org.ohifbridge.proxy;

/**
 * The Knuth–Morris–Pratt failure table of a byte pattern: for each prefix, the length of its longest proper prefix
 * that is also its suffix. Lets a stream scanner fall back after a partial match without looking at any byte twice,
 * so a byte sequence is found across write boundaries while holding back at most {@code pattern.length - 1} bytes.
 */
final class KmpTable {
    private KmpTable() {
    }

    static int[] of(byte[] p) {
        int[] f = new int[p.length];
        for (int i = 1, k = 0; i < p.length; i++) {
            while (k > 0 && p[i] != p[k]) {
                k = f[k - 1];
            }
            if (p[i] == p[k]) {
                k++;
            }
            f[i] = k;
        }
        return f;
    }
}
