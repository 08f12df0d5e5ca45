package io.healthmonitor.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code url} detail: host and port of every host, no parameters, no credentials. */
class JdbcAddressTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "jdbc:mariadb://127.0.0.1/test?user=root&password=***      | jdbc:mariadb://127.0.0.1:3306/test",
            "jdbc:mariadb://db:3307/app                                | jdbc:mariadb://db:3307/app",
            "jdbc:mariadb:replication://db1,db2:3307/app               | jdbc:mariadb:replication://db1:3306,db2:3307/app",
            "jdbc:mysql://db/app                                       | jdbc:mysql://db:3306/app",
            "jdbc:postgresql://db/app?sslmode=require                  | jdbc:postgresql://db:5432/app",
            "jdbc:postgresql://[::1]/app                               | jdbc:postgresql://[::1]:5432/app",
            "jdbc:postgresql://[::1]:5433/app                          | jdbc:postgresql://[::1]:5433/app",
            "jdbc:postgresql://app:hunter22@db/app                     | jdbc:postgresql://***@db:5432/app",
            "jdbc:mariadb://address=(host=db)(port=3307)(type=primary)/app | jdbc:mariadb://address=(host=db)(port=3307)(type=primary)/app",
            "jdbc:postgresql:app                                       | jdbc:postgresql:app",
            "jdbc:h2:mem:valid;DB_CLOSE_DELAY=-1                       | jdbc:h2:mem:valid",
            "jdbc:sqlserver://db;user=sa;password=x                    | jdbc:sqlserver://db",
    })
    void showsEveryHostWithItsPort(String url, String detail) {
        assertThat(JdbcAddress.of(url, KnownSecrets.NONE)).isEqualTo(detail);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "jdbc:mariadb://root:pw@db/app | jdbc:mariadb://***@db:3306/app",
    })
    void masksTheCredentialsItKnows(String url, String detail) {
        assertThat(JdbcAddress.of(url, KnownSecrets.of(List.of(), List.of(url)))).isEqualTo(detail);
    }
}
