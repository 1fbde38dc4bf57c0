package io.syncplane.queue;

/** The queue's scripts, read once per JVM. */
final class QueueScripts {

    static final QueueScripts INSTANCE = new QueueScripts();

    final LuaScript enqueue = LuaScript.load("enqueue");
    final LuaScript claim = LuaScript.load("claim");
    final LuaScript settle = LuaScript.load("settle");
    final LuaScript heartbeat = LuaScript.load("heartbeat");
    final LuaScript reclaim = LuaScript.load("reclaim");
    final LuaScript redrive = LuaScript.load("redrive");
    final LuaScript deadLetters = LuaScript.load("dead-letters");
    final LuaScript stats = LuaScript.load("stats");

    private QueueScripts() {
    }
}
