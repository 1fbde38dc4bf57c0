package io.syncplane.api.writeback;

/**
 * Syncplane's copy of the item an update or delete names.
 *
 * @param containerId the calendar or task list; null for contacts and mail
 * @param version     its change-feed version now
 */
record StoredItem(String containerId, String itemId, long version, boolean deleted) {
}
