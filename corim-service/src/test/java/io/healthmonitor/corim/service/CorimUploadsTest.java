package io.healthmonitor.corim.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** How an upload's body is read into memory: within the limit, grown as it arrives, and not copied once read. */
class CorimUploadsTest {

    private static final int LIMIT = 4 * 1024 * 1024 + 1;

    /** A body that arrives 16 KiB at a time, as from a socket, and remembers the array it last filled. */
    private static final class Body extends ByteArrayInputStream {
        byte[] lastFilled;
        int largestArray;

        Body(byte[] bytes) {
            super(bytes);
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) {
            lastFilled = b;
            largestArray = Math.max(largestArray, b.length);
            return super.read(b, off, Math.min(len, 16 * 1024));
        }
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    @Test
    void readsABodyOfItsDeclaredLengthIntoAnArrayOfThatSizeWithoutCopyingIt() throws IOException {
        // Before: a 16 KiB buffer copied into a ByteArrayOutputStream (up to 8 MiB) and copied again to
        // its size, 12 MiB allocated for a 4 MiB body; now 8 MiB, the last array being the body itself.
        for (int size : new int[] {1, 1000, 64 * 1024, 100_000, LIMIT - 1}) {
            byte[] sent = bytes(size);
            Body body = new Body(sent);

            byte[] read = CorimUploads.readAtMost(body, size, LIMIT);

            assertThat(read).as("%d bytes", size).isEqualTo(sent).isSameAs(body.lastFilled);
        }
    }

    @Test
    void growsAsTheBytesArriveRatherThanAllocatingTheDeclaredLength() throws IOException {
        Body body = new Body(bytes(10));

        byte[] read = CorimUploads.readAtMost(body, LIMIT - 1, LIMIT);

        assertThat(read).hasSize(10);
        assertThat(body.largestArray).isLessThanOrEqualTo(64 * 1024);
    }

    @Test
    void readsBodiesOfUnknownLengthOrLongerThanDeclaredUpToTheLimit() throws IOException {
        for (int size : new int[] {0, 1, 64 * 1024, 64 * 1024 + 1, 3_000_000, LIMIT - 1}) {
            byte[] sent = bytes(size);
            assertThat(CorimUploads.readAtMost(new Body(sent), -1, LIMIT)).as("unknown length, %d bytes", size).isEqualTo(sent);
            assertThat(CorimUploads.readAtMost(new Body(sent), size / 2, LIMIT)).as("%d bytes, half declared", size).isEqualTo(sent);
            assertThat(CorimUploads.readAtMost(new Body(sent), size + 5, LIMIT)).as("%d bytes, more declared", size).isEqualTo(sent);
        }
        byte[] tooLong = bytes(LIMIT + 100);
        assertThat(CorimUploads.readAtMost(new Body(tooLong), -1, LIMIT)).isEqualTo(Arrays.copyOf(tooLong, LIMIT));
        assertThat(CorimUploads.readAtMost(new Body(tooLong), 10, LIMIT)).isEqualTo(Arrays.copyOf(tooLong, LIMIT));
        assertThat(CorimUploads.readAtMost(new Body(new byte[0]), 0, LIMIT)).isEmpty();
    }
}
