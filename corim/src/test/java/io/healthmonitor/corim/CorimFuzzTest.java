package io.healthmonitor.corim;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Instant;
import java.time.InstantSource;

/**
 * Coverage-guided fuzzing of the decoder and validator: whatever the bytes, the only exception
 * allowed out is {@link CorimFormatException}. In a normal test run Jazzer replays the inputs under
 * src/test/resources/io/healthmonitor/corim/CorimFuzzTestInputs/decodeAndValidate/; with
 * {@code JAZZER_FUZZ=1} it fuzzes (see docs/corim.md).
 */
class CorimFuzzTest {

    private static final CorimValidator VALIDATOR = CorimValidator.builder()
            .clock(InstantSource.fixed(Instant.parse("2025-01-01T00:00:00Z")))
            .extensions(TestExtensions.all())
            .limits(CorimLimits.defaults().withMaxInputBytes(64 * 1024).withMaxItems(20_000))
            .build();

    @FuzzTest(maxDuration = "5m")
    void decodeAndValidate(byte[] input) {
        try {
            CorimValidationResult r = VALIDATOR.validate(input);
            if (r.valid() != r.problems().isEmpty()) {
                throw new AssertionError("valid() disagrees with problems()");
            }
        } catch (CorimFormatException expected) {
            // unreadable input is reported with the module's own exception
        }
        try {
            VALIDATOR.validateComid(input);
        } catch (CorimFormatException expected) {
            // same for standalone CoMIDs
        }
    }
}
