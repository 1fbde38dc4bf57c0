package io.syncplane.queue;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisScriptingAsyncCommands;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

/**
 * One queue script: the shared prelude plus its body, run by SHA. Redis forgets scripts on restart, failover or
 * SCRIPT FLUSH; a NOSCRIPT answer falls back to EVAL once, which also caches the script again, so the queue never
 * needs a separate load step and survives every one of those.
 */
final class LuaScript {

    private static final String RESOURCE_DIR = "/io/syncplane/queue/";

    private final String name;
    private final String source;
    private final String sha;

    LuaScript(String name, String source) {
        this.name = name;
        this.source = source;
        this.sha = sha1Hex(source);
    }

    static LuaScript load(String name) {
        return new LuaScript(name, read("prelude.lua") + "\n" + read(name + ".lua"));
    }

    String sha() {
        return sha;
    }

    @Override
    public String toString() {
        return name + ".lua@" + sha.substring(0, 8);
    }

    <T> CompletableFuture<T> run(RedisScriptingAsyncCommands<String, String> redis, ScriptOutputType type,
                                 String[] keys, String... args) {
        CompletionStage<T> bySha = redis.evalsha(sha, type, keys, args);
        return bySha.toCompletableFuture().exceptionallyCompose(failure -> {
            if (isNoScript(failure)) {
                CompletionStage<T> bySource = redis.eval(source, type, keys, args);
                return bySource;
            }
            return CompletableFuture.failedFuture(failure);
        });
    }

    private static boolean isNoScript(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause instanceof RedisNoScriptException
                || (cause.getMessage() != null && cause.getMessage().startsWith("NOSCRIPT"));
    }

    private static String read(String file) {
        try (InputStream in = LuaScript.class.getResourceAsStream(RESOURCE_DIR + file)) {
            if (in == null) {
                throw new IllegalStateException("queue script missing from the classpath: " + RESOURCE_DIR + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read queue script " + file, e);
        }
    }

    private static String sha1Hex(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-1", e);
        }
    }
}
