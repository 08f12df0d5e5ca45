package io.healthmonitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

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

    /** A password after its keyword and blanks, with no separator (a user test, 2026-11-29). */
    @ParameterizedTest
    @MethodSource("passwordsAfterTheirKeyword")
    void masksAPasswordThatFollowsItsKeywordAndBlanks(String text, String expected) {
        assertThat(Redactor.redact(text)).isEqualTo(expected);
    }

    static Stream<Arguments> passwordsAfterTheirKeyword() {
        return Stream.of(
                Arguments.of("password hunter22", "password ***"),
                Arguments.of("login as app with password hunter22 failed", "login as app with password *** failed"),
                Arguments.of("Password  Hunter", "Password  ***"),
                Arguments.of("passphrase letmein.", "passphrase ***"),
                Arguments.of("PGPASSWORD hunter22 psql -h db", "PGPASSWORD *** psql -h db"),
                Arguments.of("db.password\thunter22", "db.password\t***"),
                Arguments.of("ALTER USER app PASSWORD 'hunter 22'", "ALTER USER app PASSWORD '***'"),
                Arguments.of("passwd \"hunter 22\" rejected", "passwd \"***\" rejected"),
                Arguments.of("--password hunter22 --host db", "--password *** --host db"));
    }

    /** SQL that sets a password, as statements and as MariaDB's syntax errors echo it. */
    @ParameterizedTest
    @MethodSource("passwordsInSql")
    void masksThePasswordOfSqlThatSetsOne(String text, String expected) {
        assertThat(Redactor.redact(text)).isEqualTo(expected);
    }

    static Stream<Arguments> passwordsInSql() {
        return Stream.of(
                // MariaDB 10.11, "CREATE USER IDENTIFIED BY 'hunter22'" (IDENTIFIED taken for the user's name)
                Arguments.of("You have an error in your SQL syntax; check the manual that corresponds to your MariaDB server version"
                        + " for the right syntax to use near 'BY 'hunter22'' at line 1",
                        "You have an error in your SQL syntax; check the manual that corresponds to your MariaDB server version"
                        + " for the right syntax to use near 'BY '***'' at line 1"),
                Arguments.of("near 'IDENTIFIED BY 'hunter22' garbage' at line 1", "near 'IDENTIFIED BY '***' garbage' at line 1"),
                Arguments.of("CREATE USER app IDENTIFIED WITH mysql_native_password BY 'hunter22'",
                        "CREATE USER app IDENTIFIED WITH mysql_native_password BY '***'"),
                Arguments.of("ALTER USER app IDENTIFIED VIA ed25519 USING PASSWORD('hunter22')",
                        "ALTER USER app IDENTIFIED VIA ed25519 USING PASSWORD('***')"),
                Arguments.of("SET PASSWORD FOR app = PASSWORD('hunter22')", "SET PASSWORD FOR app = PASSWORD('***')"),
                Arguments.of("ALTER USER app IDENTIFIED BY hunter22;", "ALTER USER app IDENTIFIED BY ***;"),
                Arguments.of("near 'by the way' at line 2", "near 'by the way' at line 2"));
    }

    /**
     * Messages of PostgreSQL, MariaDB and their JDBC drivers (pgjdbc 42.7.4's and MariaDB Connector/J
     * 3.5.1's message bundles, PostgreSQL 15's and MariaDB 10.11's message catalogues, libpq) and of
     * Redis that name a password without holding one: left whole.
     */
    @ParameterizedTest
    @ValueSource(strings = {
            "FATAL: password authentication failed for user \"postgres\"",
            "password authentication failed for user \"app\"",
            "fe_sendauth: no password supplied",
            "password is required",
            "The server requested password-based authentication, but no password was provided.",
            "The server requested SCRAM-based authentication, but no password was provided.",
            "The password callback class provided {0} could not be instantiated.",
            "Cannot send password in clear if SSL is not enabled.",
            "Could not read password for SSL key file, console is not available.",
            "Unable to encode password with MD5",
            "User \"app\" has no password assigned.",
            "Password does not match for user \"app\".",
            "password file \"/root/.pgpass\" has group or world access",
            "WARNING: sslpassword truncated",
            "UNENCRYPTED PASSWORD is no longer supported",
            "(conn=9) Access denied for user 'root'@'127.0.0.1' (using password: YES)",
            "Access denied for user 'app'@'localhost' (using password: NO)",
            "Your password has expired. To log in you must change it using a client that supports expired passwords.",
            "Your password does not satisfy the current policy requirements (length)",
            "RsaPublicKeyFile is not set (for sha256_password and caching_sha2_password authentication password)",
            "ALTER USER app PASSWORD EXPIRE NEVER",
            "Access denied; you need the PASSWORD before executing this statement",
            // Redis, and checks-redis's own words for it
            "WRONGPASS invalid username-password pair or user is disabled.",
            "ERR AUTH <password> called without any password configured for the default user.",
            "authentication failed: redis 127.0.0.1:6379 requires a password (NOAUTH)",
            "authentication failed: redis 127.0.0.1:6379 rejected the username or password (WRONGPASS)",
    })
    void leavesMessagesThatOnlyNameAPasswordWhole(String message) {
        assertThat(Redactor.redact(message)).isEqualTo(message);
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
