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
 * One Redis script, run by SHA: a queue script (the shared prelude plus its body), or a standalone one such as the
 * request limiter's. Redis forgets scripts on restart, failover or
 * SCRIPT FLUSH; a NOSCRIPT answer falls back to EVAL once, which also caches the script again, so the queue never
 * needs a separate load step and survives every one of those.
 */
public final class LuaScript {

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
        return new LuaScript(name, read(RESOURCE_DIR + "prelude.lua") + "\n" + read(RESOURCE_DIR + name + ".lua"));
    }

    /** A script that stands alone, read from {@code resource} (an absolute classpath path ending in ".lua"). */
    public static LuaScript standalone(String resource) {
        String name = resource.substring(resource.lastIndexOf('/') + 1).replaceFirst("\\.lua$", "");
        return new LuaScript(name, read(resource));
    }

    String sha() {
        return sha;
    }

    @Override
    public String toString() {
        return name + ".lua@" + sha.substring(0, 8);
    }

    public <T> CompletableFuture<T> run(RedisScriptingAsyncCommands<String, String> redis, ScriptOutputType type,
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

    private static String read(String resource) {
        try (InputStream in = LuaScript.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Redis script missing from the classpath: " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Redis script " + resource, e);
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
