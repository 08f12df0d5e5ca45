package io.healthmonitor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RedactorTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "redis://:secret@h                                   | redis://***@h",
            "rediss://default:s3cr3t@cache.internal:6380/0       | rediss://***@cache.internal:6380/0",
            "jdbc:mysql://root:pw@db:3306/app                    | jdbc:mysql://***@db:3306/app",
            "jdbc:postgresql://db/app?user=app&password=pw&ssl=1 | jdbc:postgresql://db/app?user=app&password=***&ssl=1",
            "jdbc:sqlserver://db;user=sa;password=Passw0rd;      | jdbc:sqlserver://db;user=sa;password=***;",
            "nats://token@nats:4222                              | nats://***@nats:4222",
            "Authorization: Bearer abcdef0123456789              | Authorization: Bearer ***",
            "auth failed: password: 'hunter2' rejected           | auth failed: password: *** rejected",
            "api_key=AKIA1234&region=eu                          | api_key=***&region=eu",
            "connection refused: 127.0.0.1:6379                  | connection refused: 127.0.0.1:6379",
            "user@example.com is not a URL                       | user@example.com is not a URL",
    })
    void masksCredentials(String text, String expected) {
        assertThat(Redactor.redact(text)).isEqualTo(expected);
    }
}
