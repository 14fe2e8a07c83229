package dev.eventcommerce.user.web;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import java.util.function.Supplier;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * bucket4j buckets in Redis, one string key each, through the Lettuce client of the application's own
 * connection factory (so the same host, credentials and timeouts). The connection is opened on first use,
 * not at startup, so that the service starts while Redis is down; Lettuce reconnects it after that. Every key
 * expires once its bucket would be full again, so an idle bucket costs nothing.
 */
final class RedisBuckets implements AutoCloseable {

    private final LettuceConnectionFactory factory;
    private volatile StatefulConnection<String, byte[]> connection;
    private volatile ProxyManager<String> buckets;

    RedisBuckets(LettuceConnectionFactory factory) {
        this.factory = factory;
    }

    BucketProxy bucket(String key, Supplier<BucketConfiguration> configuration) {
        return buckets().getProxy(key, configuration);
    }

    private ProxyManager<String> buckets() {
        ProxyManager<String> current = buckets;
        if (current != null) {
            return current;
        }
        synchronized (this) {
            if (buckets == null) {
                buckets = connect();
            }
            return buckets;
        }
    }

    private ProxyManager<String> connect() {
        AbstractRedisClient client = factory.getRequiredNativeClient();
        RedisCodec<String, byte[]> codec = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);
        Bucket4jLettuce.LettuceBasedProxyManagerBuilder<String> builder;
        if (client instanceof RedisClusterClient cluster) {
            StatefulRedisClusterConnection<String, byte[]> opened = cluster.connect(codec);
            connection = opened;
            builder = Bucket4jLettuce.casBasedBuilder(opened);
        } else {
            StatefulRedisConnection<String, byte[]> opened = ((RedisClient) client).connect(codec);
            connection = opened;
            builder = Bucket4jLettuce.casBasedBuilder(opened);
        }
        return builder
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(1)))
                .requestTimeout(Duration.ofSeconds(1))
                .build();
    }

    @Override
    public void close() {
        StatefulConnection<String, byte[]> opened = connection;
        if (opened != null) {
            opened.close();
        }
    }
}
