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
            "auth failed: password: 'hunter2' rejected           | auth failed: password: '***' rejected",
            "api_key=AKIA1234&region=eu                          | api_key=***&region=eu",
            "connection refused: 127.0.0.1:6379                  | connection refused: 127.0.0.1:6379",
            "user@example.com is not a URL                       | user@example.com is not a URL",
            // found by real use (issue 18): each passed the redactor before
            "{\"password\":\"X-secret\"}                            | {\"password\":\"***\"}",
            "secret_key=X-secret                                 | secret_key=***",
            "AWS_SECRET_ACCESS_KEY=X-secret                      | AWS_SECRET_ACCESS_KEY=***",
            "private_key=X-secret                                | private_key=***",
            "unknown host app:X-secret@db.internal               | unknown host ***@db.internal",
            "Authorization: Token X-secret                       | Authorization: Token ***",
            "Authorization: X-secret                             | Authorization: ***",
            "psql --password X-secret --host db                  | psql --password *** --host db",
            "url?password%3DX-secret&x=1                         | url?password%3D***&x=1",
            "redis://:p@ss@h                                     | redis://***@h",
            "redis://:X-secret@h:6379 and nats://u:X-secret@n    | redis://***@h:6379 and nats://***@n",
            "127.0.0.1:5432 refused; ssl=on                      | 127.0.0.1:5432 refused; ssl=on",
            "retry in 5 s; timeout=2000 ms                       | retry in 5 s; timeout=2000 ms",
            // found by a user test (2026-11-29): each passed the redactor before
            "ORA-01017: scott/X-secret@db.internal:1521/orcl    | ORA-01017: ***@db.internal:1521/orcl",
            "login failed: pass=X-secret                         | login failed: pass=***",
            "passed 3 of 3; /var/lib/app/data                    | passed 3 of 3; /var/lib/app/data",
            // a session or cookie is a credential too (a user test, 2026-11-29)
            "rejected: session=X-secret                          | rejected: session=***",
            "GET /app;JSESSIONID=X-secret                        | GET /app;JSESSIONID=***",
            "sent Cookie: sid=X-secret                           | sent Cookie: ***",
            "active sessions=12, session_count=3                 | active sessions=12, session_count=3",
    })
    void masksCredentials(String text, String expected) {
        assertThat(Redactor.redact(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
            "password, true", "db.password, true", "apiKey, true", "AWS_SECRET_ACCESS_KEY, true", "privateKey, true",
            "token, true", "credentials, true", "pwd, true",
            "session, true", "sessionId, true", "JSESSIONID, true", "cookie, true",
            "url, false", "host, false", "signatureAlgorithm, false", "freeBytes, false", "author, false",
            "sessions, false", "activeSessions, false",
    })
    void tellsNamesOfSecrets(String name, boolean secret) {
        assertThat(Redactor.isSecretName(name)).isEqualTo(secret);
    }
}
