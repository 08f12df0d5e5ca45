package io.healthmonitor.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Content negotiation as RFC 9110 reads it: every {@code Accept} header, each range's {@code q},
 * the most specific range deciding. Found by a user test: the rules matched substrings of the first
 * header only, so {@code q=0} was ignored and {@code image/png;note="application/json"} was JSON.
 */
class RequestRulesTest {

    @ParameterizedTest(name = "{0} | {1}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            // first Accept header          | second Accept header | answer: 406, json or ietf
            "-                                                    | -                | json",
            "application/json                                     | -                | json",
            "*/*                                                  | -                | json",
            "application/*                                        | -                | json",
            "text/html,application/xhtml+xml,*/*;q=0.8            | -                | json",
            "application/health+json                              | -                | ietf",
            "application/health+json, application/json            | -                | ietf",
            "application/json;q=0.5, application/health+json      | -                | ietf",
            "application/health+json;q=0.5, application/json      | -                | json",
            "application/health+json;q=0, application/json        | -                | json",
            "application/json;q=0, application/health+json;q=0    | -                | 406",
            "*/*;q=0                                              | -                | 406",
            "text/html                                            | -                | 406",
            "image/png;note=application/json                      | -                | 406",
            "text/html;q=0.9,application/health+jsonx             | -                | 406",
            "text/html                                            | application/json | json",
            "application/json;q=0, */*                            | -                | ietf",
            "application/json;q=2                                 | -                | 406",
    })
    void negotiatesTheFormat(String first, String second, String answer) {
        EndpointRequest.Builder request = EndpointRequest.builder("GET", "/health");
        if (first != null) {
            request.header("Accept", second == null ? List.of(first) : List.of(first, second));
        }
        EndpointResponse refused = RequestRules.refuseUnlessReadableJson(request.build());
        String got = refused != null ? String.valueOf(refused.status()) : RequestRules.wantsIetf(request.build()) ? "ietf" : "json";
        assertThat(got).isEqualTo(answer);
    }
}
