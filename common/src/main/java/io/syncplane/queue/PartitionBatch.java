package io.syncplane.queue;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisScriptingAsyncCommands;
import io.syncplane.domain.SyncKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Runs one script per partition over a batch of items, all sent before any answer is awaited, and puts the per-item
 * answers back in item order. Scripts answer one value per item, in the order the items were passed.
 *
 * @param <T> an item (a trigger, a lease to settle)
 * @param <R> what each item's answer becomes
 */
final class PartitionBatch<T, R> {

    private final QueueKeys keys;
    private final LuaScript script;
    private final Function<T, SyncKey> keyOf;
    private final BiConsumer<T, List<String>> itemArgs;
    private final Function<Object, R> answer;

    PartitionBatch(QueueKeys keys, LuaScript script, Function<T, SyncKey> keyOf, BiConsumer<T, List<String>> itemArgs,
                   Function<Object, R> answer) {
        this.keys = keys;
        this.script = script;
        this.keyOf = keyOf;
        this.itemArgs = itemArgs;
        this.answer = answer;
    }

    /**
     * @param headArgs the arguments every partition's call starts with, after the partition prefix
     */
    CompletableFuture<List<R>> run(RedisScriptingAsyncCommands<String, String> redis, List<T> items,
                                   List<String> headArgs, Duration timeout, String what) {
        List<List<Integer>> byPartition = new ArrayList<>(keys.partitions());
        for (int p = 0; p < keys.partitions(); p++) {
            byPartition.add(new ArrayList<>());
        }
        for (int i = 0; i < items.size(); i++) {
            byPartition.get(keys.partitionOf(keyOf.apply(items.get(i)))).add(i);
        }
        Object[] answers = new Object[items.size()];
        List<CompletableFuture<Void>> calls = new ArrayList<>();
        for (int p = 0; p < byPartition.size(); p++) {
            List<Integer> indexes = byPartition.get(p);
            if (indexes.isEmpty()) {
                continue;
            }
            List<String> args = new ArrayList<>(1 + headArgs.size() + indexes.size() * 6);
            args.add(keys.partitionPrefix(p));
            args.addAll(headArgs);
            for (int index : indexes) {
                itemArgs.accept(items.get(index), args);
            }
            calls.add(script.<Object>run(redis, ScriptOutputType.MULTI, keys.fixedKeys(p), args.toArray(String[]::new))
                    .thenAccept(reply -> {
                        List<Object> perItem = ScriptReplies.list(reply);
                        for (int i = 0; i < indexes.size(); i++) {
                            answers[indexes.get(i)] = answer.apply(perItem.get(i));
                        }
                    }));
        }
        return CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new))
                .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .handle((done, failure) -> {
                    if (failure != null) {
                        throw RedisCalls.translate(failure, what);
                    }
                    @SuppressWarnings("unchecked")
                    List<R> inOrder = (List<R>) Arrays.asList(answers);
                    return inOrder;
                });
    }
}
