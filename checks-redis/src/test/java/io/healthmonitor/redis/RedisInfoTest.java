package io.healthmonitor.redis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedisInfoTest {

    @Test
    void readsFieldsNumbersAndErrorCountsSkippingSectionHeaders() {
        RedisInfo info = RedisInfo.parse("# Server\r\nredis_version:7.0.15\r\n\r\n# Memory\r\nused_memory:1024\r\n"
                + "maxmemory_human:0B\r\n# Errorstats\r\nerrorstat_OOM:count=3\r\nerrorstat_ERR:count=1\r\n");

        assertThat(info.text("redis_version")).isEqualTo("7.0.15");
        assertThat(info.number("used_memory")).isEqualTo(1024);
        assertThat(info.number("maxmemory_human")).isEqualTo(-1);
        assertThat(info.number("absent")).isEqualTo(-1);
        assertThat(info.text("# Server")).isNull();
        assertThat(info.errorCount("OOM")).isEqualTo(3);
        assertThat(info.errorCount("NOAUTH")).isZero();
    }

    @Test
    void readsNothingFromNothing() {
        assertThat(RedisInfo.parse(null).text("cluster_state")).isNull();
        assertThat(RedisInfo.parse("").number("cluster_slots_ok")).isEqualTo(-1);
    }
}
